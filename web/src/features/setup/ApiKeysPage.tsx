import { Alert, Button, Checkbox, Column, ErrorMessage, FieldSet, Paragraph } from '@amsterdam/design-system-react';
import { type FormEvent, useRef, useState } from 'react';
import { $api, newIdempotencyKey, organisationHeader } from '../../api/client';
import { type IssuedApiKey, type Role, ROLES } from '../../api/schemas';
import { useLanguage } from '../../i18n/language';
import { formatMoment } from '../audit/moments';
import { TextField } from './fields';
import { SetupSectionFrame } from './SetupSectionFrame';
import { useSetupForm } from './useSetupForm';

const FORM = 'apikey';

/** The organisation's API keys without their secrets; the administrator issues (token shown once) and revokes. */
export function ApiKeysPage() {
  const { t, language } = useLanguage();
  const keys = $api.useQuery('get', '/api-keys', { params: { header: organisationHeader() } });
  const list = keys.data?.apiKeys ?? [];
  const [issued, setIssued] = useState<IssuedApiKey | undefined>();
  // One key per intended issue: a retry or a double click issues one API key, an edit makes a new intention.
  const idempotencyKey = useRef(newIdempotencyKey());
  const setup = useSetupForm({
    section: 'apiKeys',
    form: FORM,
    empty: { label: '', personRef: '', roles: [] as Role[] },
    list: '/api-keys',
    onEdit: () => {
      idempotencyKey.current = newIdempotencyKey();
    },
  });
  const { command, draft, edit, bind, run } = setup;
  const issue = $api.useMutation('post', '/api-keys');
  const revoke = $api.useMutation('delete', '/api-keys/{keyId}');

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setIssued(undefined);
    await run(async () => {
      const answer = await issue.mutateAsync({
        params: { header: { ...organisationHeader(), 'Idempotency-Key': idempotencyKey.current } },
        body: {
          label: draft.label.trim(),
          roles: draft.roles,
          ...(draft.personRef.trim() ? { personRef: draft.personRef.trim() } : {}),
        },
      });
      setIssued(answer);
      idempotencyKey.current = newIdempotencyKey();
      return t.setup.issued;
    });
  };
  const onRevoke = (keyId: string) =>
    run(async () => {
      await revoke.mutateAsync({ params: { header: organisationHeader(), path: { keyId } } });
      return t.setup.keyRevoked(keyId);
    });
  const rolesError = command.errorAt('/roles');

  return (
    <SetupSectionFrame
      setup={setup}
      title={t.setup.apiKeysTitle}
      pageIntro={t.setup.apiKeysIntro}
      status={<div role="status">{command.done && !issued && <Paragraph>{command.done}</Paragraph>}</div>}
      list={{
        query: keys,
        empty: t.setup.noApiKeys,
        caption: t.setup.apiKeysCaption,
        headers: [t.setup.keyId, t.setup.label, t.setup.roles, t.setup.createdAt, t.setup.status],
        actionHeader: t.setup.revokeLabel,
        idAttribute: 'data-key',
        rows: list.map((key) => ({
          id: key.keyId,
          cells: [
            key.keyId,
            key.label,
            key.roles.map((role) => t.roles[role]).join(', ') + (key.personRef ? ` (${key.personRef})` : ''),
            formatMoment(key.createdAt, language),
            key.revokedAt ? t.setup.revoked(formatMoment(key.revokedAt, language)) : t.setup.valid,
          ],
          ...(!key.revokedAt
            ? { action: { name: t.setup.revoke(key.keyId), onClick: () => void onRevoke(key.keyId) } }
            : {}),
        })),
      }}
      heading={t.setup.issueHeading}
      onSubmit={submit}
    >
      {issued && (
        <Alert severity="success" heading={t.setup.issued} headingLevel={3}>
          <Paragraph>
            <code data-testid="issued-token">{issued.token}</code>
          </Paragraph>
        </Alert>
      )}
      <TextField {...bind('label', t.setup.label)} />
      <FieldSet
        legend={t.setup.roles}
        invalid={rolesError !== undefined}
        aria-describedby={rolesError ? `${FORM}-roles-error` : undefined}
      >
        <Column gap="small">
          {rolesError && <ErrorMessage id={`${FORM}-roles-error`}>{rolesError}</ErrorMessage>}
          {ROLES.map((role) => (
            <Checkbox
              key={role}
              id={`${FORM}-role-${role}`}
              checked={draft.roles.includes(role)}
              onChange={(event) =>
                edit({
                  roles: event.target.checked ? [...draft.roles, role] : draft.roles.filter((held) => held !== role),
                })
              }
            >
              {t.roles[role]}
            </Checkbox>
          ))}
        </Column>
      </FieldSet>
      <TextField {...bind('personRef', t.setup.personRef)} hint={t.setup.personRefHint} optional />
      <Button type="submit" disabled={command.busy}>
        {t.setup.issue}
      </Button>
    </SetupSectionFrame>
  );
}
