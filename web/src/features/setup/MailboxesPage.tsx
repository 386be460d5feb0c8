import { Button, Column, Grid, Table } from '@amsterdam/design-system-react';
import type { FormEvent } from 'react';
import { $api, organisationHeader } from '../../api/client';
import { type MailboxRole, MAILBOX_ROLES } from '../../api/schemas';
import { useLanguage } from '../../i18n/language';
import { QueryOutcome } from '../../layout/QueryOutcome';
import { SelectField, TextField } from './fields';
import { SetupHeader } from './SetupHeader';
import { SetupForm } from './SetupSectionFrame';
import { useSetupForm } from './useSetupForm';
import { TableHead } from '../../layout/TableHead';
import { CommandDone } from './CommandOutcome';

const FORM = 'mailbox';
const POINTERS = ['/displayName', '/email', '/language'];

/** Where a role's mails go: what is set now (GET /mailboxes) and setting one (PUT /mailboxes/{role}). */
export function MailboxesPage() {
  const { t } = useLanguage();
  const setup = useSetupForm({
    section: 'mailboxes',
    form: FORM,
    placed: POINTERS,
    empty: { role: 'hr' as MailboxRole, displayName: '', email: '', language: 'nl' as 'nl' | 'en' },
  });
  const { writable, command, draft, bind } = setup;
  const setMailbox = $api.useMutation('put', '/mailboxes/{role}');
  const list = $api.useQuery('get', '/mailboxes', { params: { header: organisationHeader() } });

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    await command.run(async () => {
      const answer = await setMailbox.mutateAsync({
        params: { header: organisationHeader(), path: { role: draft.role } },
        body: { displayName: draft.displayName.trim(), email: draft.email.trim(), language: draft.language },
      });
      void list.refetch();
      return t.setup.mailboxSaved(t.setup.mailboxRoles[answer.role], answer.email);
    });
  };
  return (
    <>
      <SetupHeader title={t.setup.mailboxesTitle} intro={t.setup.mailboxesIntro} readOnly={!writable} />
      <Grid.Cell span={{ narrow: 4, medium: 8, wide: 8 }}>
        <Column gap="large">
          <QueryOutcome query={list} isEmpty={(data) => data.mailboxes.length === 0} empty={t.mailboxList.none}>
            {(data) => (
              <Table data-testid="mailboxes">
                <TableHead
                  caption={t.mailboxList.caption}
                  columns={[t.setup.mailboxRole, t.setup.contactName, t.setup.contactEmail, t.setup.language]}
                />
                <Table.Body>
                  {data.mailboxes.map((mailbox) => (
                    <Table.Row key={mailbox.role} data-mailbox={mailbox.role}>
                      <Table.Cell>{t.setup.mailboxRoles[mailbox.role]}</Table.Cell>
                      <Table.Cell>{mailbox.displayName}</Table.Cell>
                      <Table.Cell>{mailbox.email}</Table.Cell>
                      <Table.Cell>{t.setup.languages[mailbox.language]}</Table.Cell>
                    </Table.Row>
                  ))}
                </Table.Body>
              </Table>
            )}
          </QueryOutcome>
          {writable && (
            <SetupForm setup={setup} heading={t.setup.mailboxesTitle} onSubmit={submit}>
              <SelectField
                {...bind('role', t.setup.mailboxRole)}
                error={undefined}
                options={MAILBOX_ROLES.map((role) => ({ value: role, label: t.setup.mailboxRoles[role] }))}
              />
              <TextField {...bind('displayName', t.setup.contactName)} />
              <TextField {...bind('email', t.setup.contactEmail)} type="email" />
              <SelectField
                {...bind('language', t.setup.language)}
                options={(['nl', 'en'] as const).map((language) => ({
                  value: language,
                  label: t.setup.languages[language],
                }))}
              />
              <CommandDone command={command} />
              <Button type="submit" disabled={command.busy}>
                {t.setup.setMailbox}
              </Button>
            </SetupForm>
          )}
        </Column>
      </Grid.Cell>
    </>
  );
}
