import { Button } from '@amsterdam/design-system-react';
import type { FormEvent } from 'react';
import { $api, organisationHeader } from '../../api/client';
import type { VacancyProfile } from '../../api/schemas';
import { useLanguage } from '../../i18n/language';
import { LinesField, SelectField, TextField, linesOf } from './fields';
import { SetupSectionFrame } from './SetupSectionFrame';
import { useSetupForm } from './useSetupForm';
import { CommandDone } from './CommandOutcome';

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
  const profiles = $api.useQuery('get', '/vacancy-profiles', { params: { header: organisationHeader() } });
  const templates = $api.useQuery('get', '/journey-templates', { params: { header: organisationHeader() } });
  const list = profiles.data?.profiles ?? [];
  const setup = useSetupForm({
    section: 'profiles',
    form: FORM,
    empty: EMPTY,
    list: '/vacancy-profiles',
  });
  const { command, draft, setDraft, bind, run } = setup;
  const define = $api.useMutation('put', '/vacancy-profiles/{profileId}');
  const optional = (value: string) => (value.trim() === '' ? {} : undefined);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const profileId = draft.profileId.trim();
    // The next version of a profile the list holds, else the first.
    const version = (list.find((profile) => profile.id === profileId)?.version ?? 0) + 1;
    await run(async () => {
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
  };
  const lines = (key: 'expectations' | 'talents' | 'offer', label: string) => (
    <LinesField {...bind(key, label)} hint={t.setup.oneLinePerItem} />
  );

  return (
    <SetupSectionFrame
      setup={setup}
      title={t.setup.profilesTitle}
      pageIntro={t.setup.profilesIntro}
      list={{
        query: profiles,
        empty: t.setup.noProfiles,
        caption: t.setup.profilesCaption,
        headers: [t.setup.profileId, t.setup.role, t.setup.team, t.setup.template, t.setup.version],
        actionHeader: t.setup.edit,
        idAttribute: 'data-profile',
        rows: list.map((profile) => ({
          id: profile.id,
          cells: [profile.id, profile.role, profile.team ?? '—', profile.templateId, String(profile.version)],
          action: { name: t.setup.editProfile(profile.id), onClick: () => setDraft(draftOf(profile)) },
        })),
      }}
      heading={t.setup.defineProfileHeading}
      intro={t.setup.defineProfileIntro}
      onSubmit={submit}
    >
      <TextField {...bind('profileId', t.setup.profileId)} />
      <TextField {...bind('role', t.setup.role)} />
      <TextField {...bind('team', t.setup.team)} optional />
      <TextField {...bind('location', t.setup.location)} optional />
      <SelectField
        {...bind('templateId', t.setup.template)}
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
      <TextField {...bind('contactPersonRef', t.setup.contactPersonRef)} optional />
      <CommandDone command={command} />
      <Button type="submit" disabled={command.busy}>
        {t.setup.defineProfile}
      </Button>
    </SetupSectionFrame>
  );
}
