import {
  Alert,
  Button,
  Checkbox,
  Column,
  ErrorMessage,
  FieldSet,
  Grid,
  Paragraph,
} from '@amsterdam/design-system-react';
import { useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useRef, useState } from 'react';
import { $api, newIdempotencyKey, organisationHeader } from '../../api/client';
import { type IssuedApiKey, type Role, ROLES } from '../../api/schemas';
import { useLanguage } from '../../i18n/language';
import { useSignedIn } from '../../session/session';
import { formatMoment } from '../audit/moments';
import { TextField } from './fields';
import { SetupHeader } from './SetupHeader';
import { SetupList } from './SetupList';
import { canWrite } from './setupRoles';
import { useCommand } from './useCommand';
import { HeadedForm } from '../../layout/HeadedForm';
import { CommandProblem } from './CommandOutcome';

const FORM = 'apikey';
const POINTERS = ['/label', '/roles', '/personRef'];

/** The organisation's API keys without their secrets; the administrator issues (token shown once) and revokes. */
export function ApiKeysPage() {
  const { t, language } = useLanguage();
  const session = useSignedIn();
  const writable = canWrite('apiKeys', session.role);
  const queryClient = useQueryClient();
  const keys = $api.useQuery('get', '/api-keys', { params: { header: organisationHeader() } });
  const list = keys.data?.apiKeys ?? [];
  const [draft, setDraft] = useState({ label: '', personRef: '', roles: [] as Role[] });
  const [issued, setIssued] = useState<IssuedApiKey | undefined>();
  // One key per intended issue: a retry or a double click issues one API key, an edit makes a new intention.
  const idempotencyKey = useRef(newIdempotencyKey());
  const issue = $api.useMutation('post', '/api-keys');
  const revoke = $api.useMutation('delete', '/api-keys/{keyId}');
  const command = useCommand();
  const refresh = () => queryClient.invalidateQueries({ queryKey: ['get', '/api-keys'] });
  const edit = (patch: Partial<typeof draft>) => {
    idempotencyKey.current = newIdempotencyKey();
    setDraft((current) => ({ ...current, ...patch }));
  };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setIssued(undefined);
    const done = await command.run(async () => {
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
    if (done) await refresh();
  };
  const onRevoke = async (keyId: string) => {
    if (
      await command.run(async () => {
        await revoke.mutateAsync({ params: { header: organisationHeader(), path: { keyId } } });
        return t.setup.keyRevoked(keyId);
      })
    )
      await refresh();
  };
  const rolesError = command.errorAt('/roles');

  return (
    <>
      <SetupHeader title={t.setup.apiKeysTitle} intro={t.setup.apiKeysIntro} readOnly={!writable} />
      <Grid.Cell span="all">
        <Column gap="large">
          <div role="status">{command.done && !issued && <Paragraph>{command.done}</Paragraph>}</div>
          <SetupList
            query={keys}
            empty={t.setup.noApiKeys}
            caption={t.setup.apiKeysCaption}
            headers={[t.setup.keyId, t.setup.label, t.setup.roles, t.setup.createdAt, t.setup.status]}
            {...(writable ? { actionHeader: t.setup.revokeLabel } : {})}
            rows={list.map((key) => ({
              key: key.keyId,
              data: { 'data-key': key.keyId },
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
            }))}
          />
        </Column>
      </Grid.Cell>
      {writable && (
        <Grid.Cell span={{ narrow: 4, medium: 8, wide: 8 }}>
          <HeadedForm headingId="apikey-heading" heading={t.setup.issueHeading} onSubmit={submit}>
            <CommandProblem command={command} placed={POINTERS} />
            {issued && (
              <Alert severity="success" heading={t.setup.issued} headingLevel={3}>
                <Paragraph>
                  <code data-testid="issued-token">{issued.token}</code>
                </Paragraph>
              </Alert>
            )}
            <TextField
              form={FORM}
              pointer="/label"
              label={t.setup.label}
              value={draft.label}
              onChange={(label) => edit({ label })}
              error={command.errorAt('/label')}
            />
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
                        roles: event.target.checked
                          ? [...draft.roles, role]
                          : draft.roles.filter((held) => held !== role),
                      })
                    }
                  >
                    {t.roles[role]}
                  </Checkbox>
                ))}
              </Column>
            </FieldSet>
            <TextField
              form={FORM}
              pointer="/personRef"
              label={t.setup.personRef}
              hint={t.setup.personRefHint}
              optional
              value={draft.personRef}
              onChange={(personRef) => edit({ personRef })}
              error={command.errorAt('/personRef')}
            />
            <Button type="submit" disabled={command.busy}>
              {t.setup.issue}
            </Button>
          </HeadedForm>
        </Grid.Cell>
      )}
    </>
  );
}
