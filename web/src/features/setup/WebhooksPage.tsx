import { Button, Column, Grid, Row } from '@amsterdam/design-system-react';
import { useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { $api, organisationHeader } from '../../api/client';
import { useLanguage } from '../../i18n/language';
import { useSignedIn } from '../../session/session';
import { TextField } from './fields';
import { SetupHeader } from './SetupHeader';
import { SetupList } from './SetupList';
import { canWrite } from './setupRoles';
import { useCommand } from './useCommand';
import { HeadedForm } from '../../layout/HeadedForm';
import { CommandDone, CommandProblem } from './CommandOutcome';

const FORM = 'webhook';
const POINTERS = ['/subscriptionId', '/url', '/eventTypes', '/secret'];

/** A Standard Webhooks secret made in the browser (32 random bytes): the API keeps it sealed and never shows it. */
function newSecret(): string {
  return `whsec_${btoa(String.fromCharCode(...crypto.getRandomValues(new Uint8Array(32))))}`;
}

export function WebhooksPage() {
  const { t } = useLanguage();
  const session = useSignedIn();
  const writable = canWrite('webhooks', session.role);
  const queryClient = useQueryClient();
  const webhooks = $api.useQuery('get', '/webhooks', { params: { header: organisationHeader() } });
  const list = webhooks.data?.subscriptions ?? [];
  const [draft, setDraft] = useState({ subscriptionId: '', url: '', eventTypes: '*', secret: '' });
  const save = $api.useMutation('put', '/webhooks/{subscriptionId}');
  const remove = $api.useMutation('delete', '/webhooks/{subscriptionId}');
  const command = useCommand();
  const refresh = () => queryClient.invalidateQueries({ queryKey: ['get', '/webhooks'] });

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const subscriptionId = draft.subscriptionId.trim();
    const saved = await command.run(async () => {
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
      return t.setup.webhookSaved(answer.id);
    });
    // The secret is write-only: once saved it leaves the page too.
    if (saved) setDraft((current) => ({ ...current, secret: '' }));
    if (saved) await refresh();
  };
  const onDelete = async (subscriptionId: string) => {
    if (
      await command.run(async () => {
        await remove.mutateAsync({ params: { header: organisationHeader(), path: { subscriptionId } } });
        return t.setup.webhookDeleted(subscriptionId);
      })
    )
      await refresh();
  };
  const field = (key: keyof typeof draft, label: string, options: { hint?: string; type?: 'text' | 'url' } = {}) => (
    <TextField
      form={FORM}
      pointer={`/${key}`}
      label={label}
      value={draft[key]}
      onChange={(value) => setDraft((current) => ({ ...current, [key]: value }))}
      error={command.errorAt(`/${key}`)}
      {...options}
    />
  );

  return (
    <>
      <SetupHeader title={t.setup.webhooksTitle} intro={t.setup.webhooksIntro} readOnly={!writable} />
      <Grid.Cell span="all">
        <Column gap="large">
          <CommandDone command={command} />
          <SetupList
            query={webhooks}
            empty={t.setup.noWebhooks}
            caption={t.setup.webhooksCaption}
            headers={[t.setup.subscriptionId, t.setup.url, t.setup.eventTypes]}
            {...(writable ? { actionHeader: t.setup.deleteLabel } : {})}
            rows={list.map((subscription) => ({
              key: subscription.id,
              data: { 'data-webhook': subscription.id },
              cells: [subscription.id, subscription.url, subscription.eventTypes.join(', ')],
              action: { name: t.setup.deleteWebhook(subscription.id), onClick: () => void onDelete(subscription.id) },
            }))}
          />
        </Column>
      </Grid.Cell>
      {writable && (
        <Grid.Cell span={{ narrow: 4, medium: 8, wide: 8 }}>
          <HeadedForm headingId="webhook-heading" heading={t.setup.createWebhookHeading} onSubmit={submit}>
            <CommandProblem command={command} placed={POINTERS} />
            {field('subscriptionId', t.setup.subscriptionId)}
            {field('url', t.setup.url, { type: 'url' })}
            {field('eventTypes', t.setup.eventTypes, { hint: t.setup.eventTypesHint })}
            {field('secret', t.setup.secret, { hint: t.setup.secretHint })}
            <Row gap="small" wrap>
              <Button variant="secondary" onClick={() => setDraft((current) => ({ ...current, secret: newSecret() }))}>
                {t.setup.newSecret}
              </Button>
              <Button type="submit" disabled={command.busy}>
                {t.setup.saveWebhook}
              </Button>
            </Row>
          </HeadedForm>
        </Grid.Cell>
      )}
    </>
  );
}
