import { Button, Grid, Paragraph } from '@amsterdam/design-system-react';
import { useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { $api, organisationHeader } from '../../api/client';
import type { VacancyProfile } from '../../api/schemas';
import { useLanguage } from '../../i18n/language';
import { useSignedIn } from '../../session/session';
import { LinesField, SelectField, TextField, linesOf } from './fields';
import { SetupHeader } from './SetupHeader';
import { SetupList } from './SetupList';
import { canWrite } from './setupRoles';
import { useCommand } from './useCommand';
import { HeadedForm } from '../../layout/HeadedForm';
import { CommandDone, CommandProblem } from './CommandOutcome';

const FORM = 'profile';
type Draft = Record<
  'profileId' | 'role' | 'team' | 'location' | 'templateId' | 'expectations' | 'talents' | 'offer' | 'contactPersonRef',
  string
>;
const EMPTY: Draft = {
  profileId: '',
  role: '',
  team: '',
  location: '',
  templateId: '',
  expectations: '',
  talents: '',
  offer: '',
  contactPersonRef: '',
};
const POINTERS = [
  '/profileId',
  '/role',
  '/team',
  '/location',
  '/templateId',
  '/expectations',
  '/talents',
  '/offer',
  '/contactPersonRef',
];

/** Editing a profile starts from its newest version. */
function draftOf(profile: VacancyProfile): Draft {
  return {
    profileId: profile.id,
    role: profile.role,
    team: profile.team ?? '',
    location: profile.location ?? '',
    templateId: profile.templateId,
    expectations: profile.expectations.join('\n'),
    talents: profile.talents.join('\n'),
    offer: profile.offer.join('\n'),
    contactPersonRef: profile.contactPersonRef ?? '',
  };
}

export function VacancyProfilesPage() {
  const { t } = useLanguage();
  const session = useSignedIn();
  const writable = canWrite('profiles', session.role);
  const queryClient = useQueryClient();
  const profiles = $api.useQuery('get', '/vacancy-profiles', { params: { header: organisationHeader() } });
  const templates = $api.useQuery('get', '/journey-templates', { params: { header: organisationHeader() } });
  const list = profiles.data?.profiles ?? [];
  const [draft, setDraft] = useState<Draft>(EMPTY);
  const define = $api.useMutation('put', '/vacancy-profiles/{profileId}');
  const command = useCommand();
  const set = (key: keyof Draft) => (value: string) => setDraft((current) => ({ ...current, [key]: value }));
  const optional = (value: string) => (value.trim() === '' ? {} : undefined);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const profileId = draft.profileId.trim();
    // The next version of a profile the list holds, else the first.
    const version = (list.find((profile) => profile.id === profileId)?.version ?? 0) + 1;
    const saved = await command.run(async () => {
      const answer = await define.mutateAsync({
        params: { header: organisationHeader(), path: { profileId } },
        body: {
          version,
          role: draft.role.trim(),
          templateId: draft.templateId,
          expectations: linesOf(draft.expectations),
          talents: linesOf(draft.talents),
          offer: linesOf(draft.offer),
          ...(optional(draft.team) ?? { team: draft.team.trim() }),
          ...(optional(draft.location) ?? { location: draft.location.trim() }),
          ...(optional(draft.contactPersonRef) ?? { contactPersonRef: draft.contactPersonRef.trim() }),
        },
      });
      return t.setup.profileSaved(answer.id, answer.version);
    });
    if (saved) await queryClient.invalidateQueries({ queryKey: ['get', '/vacancy-profiles'] });
  };
  const text = (key: keyof Draft, label: string, options: { optional?: boolean; hint?: string } = {}) => (
    <TextField
      form={FORM}
      pointer={`/${key}`}
      label={label}
      value={draft[key]}
      onChange={set(key)}
      error={command.errorAt(`/${key}`)}
      {...options}
    />
  );
  const lines = (key: 'expectations' | 'talents' | 'offer', label: string) => (
    <LinesField
      form={FORM}
      pointer={`/${key}`}
      label={label}
      hint={t.setup.oneLinePerItem}
      value={draft[key]}
      onChange={set(key)}
      error={command.errorAt(`/${key}`)}
    />
  );

  return (
    <>
      <SetupHeader title={t.setup.profilesTitle} intro={t.setup.profilesIntro} readOnly={!writable} />
      <Grid.Cell span="all">
        <SetupList
          query={profiles}
          empty={t.setup.noProfiles}
          caption={t.setup.profilesCaption}
          headers={[t.setup.profileId, t.setup.role, t.setup.team, t.setup.template, t.setup.version]}
          {...(writable ? { actionHeader: t.setup.edit } : {})}
          rows={list.map((profile) => ({
            key: profile.id,
            data: { 'data-profile': profile.id },
            cells: [profile.id, profile.role, profile.team ?? '—', profile.templateId, String(profile.version)],
            action: { name: t.setup.editProfile(profile.id), onClick: () => setDraft(draftOf(profile)) },
          }))}
        />
      </Grid.Cell>
      {writable && (
        <Grid.Cell span={{ narrow: 4, medium: 8, wide: 8 }}>
          <HeadedForm headingId="profile-heading" heading={t.setup.defineProfileHeading} onSubmit={submit}>
            <Paragraph>{t.setup.defineProfileIntro}</Paragraph>
            <CommandProblem command={command} placed={POINTERS} />
            {text('profileId', t.setup.profileId)}
            {text('role', t.setup.role)}
            {text('team', t.setup.team, { optional: true })}
            {text('location', t.setup.location, { optional: true })}
            <SelectField
              form={FORM}
              pointer="/templateId"
              label={t.setup.template}
              value={draft.templateId}
              onChange={set('templateId')}
              error={command.errorAt('/templateId')}
              options={[
                { value: '', label: '—' },
                ...(templates.data?.templates ?? []).map((template) => ({
                  value: template.templateId,
                  label: template.name,
                })),
              ]}
            />
            {lines('expectations', t.setup.expectations)}
            {lines('talents', t.setup.talents)}
            {lines('offer', t.setup.offer)}
            {text('contactPersonRef', t.setup.contactPersonRef, { optional: true })}
            <CommandDone command={command} />
            <Button type="submit" disabled={command.busy}>
              {t.setup.defineProfile}
            </Button>
          </HeadedForm>
        </Grid.Cell>
      )}
    </>
  );
}
