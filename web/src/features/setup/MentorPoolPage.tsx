import { Button, Checkbox, Column, FieldSet } from '@amsterdam/design-system-react';
import type { FormEvent } from 'react';
import { $api, organisationHeader } from '../../api/client';
import type { MentorProfile } from '../../api/schemas';
import { useLanguage } from '../../i18n/language';
import { SelectField, TextField } from './fields';
import { SetupSectionFrame } from './SetupSectionFrame';
import { useSetupForm } from './useSetupForm';
import { CommandDone } from './CommandOutcome';
import { EMPTY_MENTOR_OFFER, type MentorOfferDraft, mentorOfferDraftOf, mentorOfferOf } from '../mentor/mentorOffer';

const FORM = 'mentor';
type Draft = MentorOfferDraft & Record<'mentorRef' | 'displayName' | 'email' | 'language', string>;
const EMPTY: Draft = { ...EMPTY_MENTOR_OFFER, mentorRef: '', displayName: '', email: '', language: 'nl' };
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
  return { ...EMPTY, mentorRef: mentor.mentorRef, ...mentorOfferDraftOf(mentor) };
}

// An empty number goes as null (NaN in JSON): the API names the field, the form keeps it empty.
const number = (value: string): number => (value.trim() === '' ? Number.NaN : Number(value));

export function MentorPoolPage() {
  const { t } = useLanguage();
  const mentors = $api.useQuery('get', '/mentors', { params: { header: organisationHeader() } });
  const list = mentors.data?.mentors ?? [];
  const setup = useSetupForm({ section: 'mentors', form: FORM, placed: POINTERS, empty: EMPTY, list: '/mentors' });
  const { command, draft, setDraft, edit, bind, run } = setup;
  const offer = $api.useMutation('put', '/mentors/{mentorRef}');

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
    await run(async () => {
      const answer = await offer.mutateAsync({
        params: { header: organisationHeader(), path: { mentorRef } },
        body: { ...mentorOfferOf(draft, number), ...contact },
      });
      return t.setup.mentorSaved(answer.mentorRef);
    });
  };
  const numeric = { type: 'number' } as const;

  return (
    <SetupSectionFrame
      setup={setup}
      title={t.setup.mentorsTitle}
      pageIntro={t.setup.mentorsIntro}
      list={{
        query: mentors,
        empty: t.setup.noMentors,
        caption: t.setup.mentorsCaption,
        headers: [
          t.setup.mentorRef,
          t.setup.team,
          t.setup.location,
          t.setup.experienceYears,
          t.setup.maxMentees,
          t.setup.hoursPerWeekAvailable,
          t.setup.load,
          t.setup.active,
        ],
        actionHeader: t.setup.edit,
        idAttribute: 'data-mentor',
        rows: list.map((mentor) => ({
          id: mentor.mentorRef,
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
        })),
      }}
      heading={t.setup.offerMentorHeading}
      onSubmit={submit}
    >
      <TextField {...bind('mentorRef', t.setup.mentorRef)} />
      <TextField {...bind('team', t.setup.team)} />
      <TextField {...bind('location', t.setup.location)} />
      <TextField {...bind('experienceYears', t.setup.experienceYears)} {...numeric} />
      <TextField {...bind('hoursPerWeekAvailable', t.setup.hoursPerWeekAvailable)} {...numeric} />
      <TextField {...bind('maxMentees', t.setup.maxMentees)} {...numeric} />
      <Checkbox
        id={`${FORM}-active`}
        checked={draft.active}
        onChange={(event) => edit({ active: event.target.checked })}
      >
        {t.setup.active}
      </Checkbox>
      <FieldSet legend={t.setup.contactHeading} optional>
        <Column gap="large">
          <TextField {...bind('displayName', t.setup.contactName, '/contact/displayName')} />
          <TextField {...bind('email', t.setup.contactEmail, '/contact/email')} type="email" />
          <SelectField
            {...bind('language', t.setup.language, '/contact/language')}
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
    </SetupSectionFrame>
  );
}
