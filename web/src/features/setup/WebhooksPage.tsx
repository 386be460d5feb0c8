import { Button, Row } from '@amsterdam/design-system-react';
import type { FormEvent } from 'react';
import { $api, organisationHeader } from '../../api/client';
import { useLanguage } from '../../i18n/language';
import { TextField } from './fields';
import { SetupSectionFrame } from './SetupSectionFrame';
import { useSetupForm } from './useSetupForm';
import { CommandDone } from './CommandOutcome';

const FORM = 'webhook';

/** A Standard Webhooks secret made in the browser (32 random bytes): the API keeps it sealed and never shows it. */
function newSecret(): string {
  return `whsec_${btoa(String.fromCharCode(...crypto.getRandomValues(new Uint8Array(32))))}`;
}

export function WebhooksPage() {
  const { t } = useLanguage();
  const webhooks = $api.useQuery('get', '/webhooks', { params: { header: organisationHeader() } });
  const list = webhooks.data?.subscriptions ?? [];
  const setup = useSetupForm({
    section: 'webhooks',
    form: FORM,
    empty: { subscriptionId: '', url: '', eventTypes: '*', secret: '' },
    list: '/webhooks',
  });
  const { command, draft, edit, bind, run } = setup;
  const save = $api.useMutation('put', '/webhooks/{subscriptionId}');
  const remove = $api.useMutation('delete', '/webhooks/{subscriptionId}');

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const subscriptionId = draft.subscriptionId.trim();
    await run(async () => {
      const answer = await save.mutateAsync({
        params: { header: organisationHeader(), path: { subscriptionId } },
        body: {
          url: draft.url.trim(),
          eventTypes: draft.eventTypes
            .split(',')
            .map((type) => type.trim())
            .filter((type) => type !== ''),
          secret: draft.secret.trim(),
          contentMode: 'structured',
        },
      });
      // The secret is write-only: once saved it leaves the page too.
      edit({ secret: '' });
      return t.setup.webhookSaved(answer.id);
    });
  };
  const onDelete = (subscriptionId: string) =>
    run(async () => {
      await remove.mutateAsync({ params: { header: organisationHeader(), path: { subscriptionId } } });
      return t.setup.webhookDeleted(subscriptionId);
    });

  return (
    <SetupSectionFrame
      setup={setup}
      title={t.setup.webhooksTitle}
      pageIntro={t.setup.webhooksIntro}
      status={<CommandDone command={command} />}
      list={{
        query: webhooks,
        empty: t.setup.noWebhooks,
        caption: t.setup.webhooksCaption,
        headers: [t.setup.subscriptionId, t.setup.url, t.setup.eventTypes],
        actionHeader: t.setup.deleteLabel,
        idAttribute: 'data-webhook',
        rows: list.map((subscription) => ({
          id: subscription.id,
          cells: [subscription.id, subscription.url, subscription.eventTypes.join(', ')],
          action: { name: t.setup.deleteWebhook(subscription.id), onClick: () => void onDelete(subscription.id) },
        })),
      }}
      heading={t.setup.createWebhookHeading}
      onSubmit={submit}
    >
      <TextField {...bind('subscriptionId', t.setup.subscriptionId)} />
      <TextField {...bind('url', t.setup.url)} type="url" />
      <TextField {...bind('eventTypes', t.setup.eventTypes)} hint={t.setup.eventTypesHint} />
      <TextField {...bind('secret', t.setup.secret)} hint={t.setup.secretHint} />
      <Row gap="small" wrap>
        <Button variant="secondary" onClick={() => edit({ secret: newSecret() })}>
          {t.setup.newSecret}
        </Button>
        <Button type="submit" disabled={command.busy}>
          {t.setup.saveWebhook}
        </Button>
      </Row>
    </SetupSectionFrame>
  );
}
