import { Button, Checkbox, Column, FieldSet, Grid } from '@amsterdam/design-system-react';
import { useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { $api, organisationHeader } from '../../api/client';
import type { MentorProfile } from '../../api/schemas';
import { useLanguage } from '../../i18n/language';
import { useSignedIn } from '../../session/session';
import { SelectField, TextField } from './fields';
import { SetupHeader } from './SetupHeader';
import { SetupList } from './SetupList';
import { canWrite } from './setupRoles';
import { useCommand } from './useCommand';
import { HeadedForm } from '../../layout/HeadedForm';
import { CommandDone, CommandProblem } from './CommandOutcome';

const FORM = 'mentor';
type Draft = Record<
  | 'mentorRef'
  | 'team'
  | 'location'
  | 'experienceYears'
  | 'hoursPerWeekAvailable'
  | 'maxMentees'
  | 'displayName'
  | 'email'
  | 'language',
  string
> & { active: boolean };
const EMPTY: Draft = {
  mentorRef: '',
  team: '',
  location: '',
  experienceYears: '',
  hoursPerWeekAvailable: '',
  maxMentees: '',
  displayName: '',
  email: '',
  language: 'nl',
  active: true,
};
const POINTERS = [
  '/mentorRef',
  '/team',
  '/location',
  '/experienceYears',
  '/hoursPerWeekAvailable',
  '/maxMentees',
  '/contact/displayName',
  '/contact/email',
  '/contact/language',
];

/** Changing a mentor starts from what the pool holds; contact details are not shown back (personal data). */
function draftOf(mentor: MentorProfile): Draft {
  return {
    ...EMPTY,
    mentorRef: mentor.mentorRef,
    team: mentor.team,
    location: mentor.location,
    experienceYears: String(mentor.experienceYears),
    hoursPerWeekAvailable: String(mentor.hoursPerWeekAvailable),
    maxMentees: String(mentor.maxMentees),
    active: mentor.active,
  };
}

const number = (value: string): number => (value.trim() === '' ? Number.NaN : Number(value));

export function MentorPoolPage() {
  const { t } = useLanguage();
  const session = useSignedIn();
  const writable = canWrite('mentors', session.role);
  const queryClient = useQueryClient();
  const mentors = $api.useQuery('get', '/mentors', { params: { header: organisationHeader() } });
  const list = mentors.data?.mentors ?? [];
  const [draft, setDraft] = useState<Draft>(EMPTY);
  const offer = $api.useMutation('put', '/mentors/{mentorRef}');
  const command = useCommand();
  const set = (key: Exclude<keyof Draft, 'active'>) => (value: string) =>
    setDraft((current) => ({ ...current, [key]: value }));

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const mentorRef = draft.mentorRef.trim();
    const contact =
      draft.displayName.trim() || draft.email.trim()
        ? {
            contact: {
              displayName: draft.displayName.trim(),
              email: draft.email.trim(),
              language: draft.language as 'nl' | 'en',
            },
          }
        : {};
    const saved = await command.run(async () => {
      const answer = await offer.mutateAsync({
        params: { header: organisationHeader(), path: { mentorRef } },
        body: {
          team: draft.team.trim(),
          location: draft.location.trim(),
          // An empty number goes as null: the API names the field, the form keeps it empty.
          experienceYears: number(draft.experienceYears),
          hoursPerWeekAvailable: number(draft.hoursPerWeekAvailable),
          maxMentees: number(draft.maxMentees),
          active: draft.active,
          ...contact,
        },
      });
      return t.setup.mentorSaved(answer.mentorRef);
    });
    if (saved) await queryClient.invalidateQueries({ queryKey: ['get', '/mentors'] });
  };
  const text = (
    key: Exclude<keyof Draft, 'active'>,
    pointer: string,
    label: string,
    options: { type?: 'text' | 'number' | 'email'; optional?: boolean } = {},
  ) => (
    <TextField
      form={FORM}
      pointer={pointer}
      label={label}
      value={draft[key]}
      onChange={set(key)}
      error={command.errorAt(pointer)}
      {...options}
    />
  );

  return (
    <>
      <SetupHeader title={t.setup.mentorsTitle} intro={t.setup.mentorsIntro} readOnly={!writable} />
      <Grid.Cell span="all">
        <SetupList
          query={mentors}
          empty={t.setup.noMentors}
          caption={t.setup.mentorsCaption}
          headers={[
            t.setup.mentorRef,
            t.setup.team,
            t.setup.location,
            t.setup.experienceYears,
            t.setup.maxMentees,
            t.setup.hoursPerWeekAvailable,
            t.setup.load,
            t.setup.active,
          ]}
          {...(writable ? { actionHeader: t.setup.edit } : {})}
          rows={list.map((mentor) => ({
            key: mentor.mentorRef,
            data: { 'data-mentor': mentor.mentorRef },
            cells: [
              mentor.mentorRef,
              mentor.team,
              mentor.location,
              String(mentor.experienceYears),
              String(mentor.maxMentees),
              String(mentor.hoursPerWeekAvailable),
              t.setup.loadValue(mentor.currentMentees, mentor.currentHoursPerWeek),
              mentor.active ? t.setup.yes : t.setup.no,
            ],
            action: { name: t.setup.editMentor(mentor.mentorRef), onClick: () => setDraft(draftOf(mentor)) },
          }))}
        />
      </Grid.Cell>
      {writable && (
        <Grid.Cell span={{ narrow: 4, medium: 8, wide: 8 }}>
          <HeadedForm headingId="mentor-heading" heading={t.setup.offerMentorHeading} onSubmit={submit}>
            <CommandProblem command={command} placed={POINTERS} />
            {text('mentorRef', '/mentorRef', t.setup.mentorRef)}
            {text('team', '/team', t.setup.team)}
            {text('location', '/location', t.setup.location)}
            {text('experienceYears', '/experienceYears', t.setup.experienceYears, { type: 'number' })}
            {text('hoursPerWeekAvailable', '/hoursPerWeekAvailable', t.setup.hoursPerWeekAvailable, {
              type: 'number',
            })}
            {text('maxMentees', '/maxMentees', t.setup.maxMentees, { type: 'number' })}
            <Checkbox
              id={`${FORM}-active`}
              checked={draft.active}
              onChange={(event) => setDraft((current) => ({ ...current, active: event.target.checked }))}
            >
              {t.setup.active}
            </Checkbox>
            <FieldSet legend={t.setup.contactHeading} optional>
              <Column gap="large">
                {text('displayName', '/contact/displayName', t.setup.contactName)}
                {text('email', '/contact/email', t.setup.contactEmail, { type: 'email' })}
                <SelectField
                  form={FORM}
                  pointer="/contact/language"
                  label={t.setup.language}
                  value={draft.language}
                  onChange={set('language')}
                  error={command.errorAt('/contact/language')}
                  options={(['nl', 'en'] as const).map((language) => ({
                    value: language,
                    label: t.setup.languages[language],
                  }))}
                />
              </Column>
            </FieldSet>
            <CommandDone command={command} />
            <Button type="submit" disabled={command.busy}>
              {t.setup.offerMentor}
            </Button>
          </HeadedForm>
        </Grid.Cell>
      )}
    </>
  );
}
