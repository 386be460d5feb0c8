import type { MentorProfile } from '../../api/schemas';

/**
 * What a mentor offers (PUT /mentors/{mentorRef} without the contact details) as a form holds it: the numbers as
 * typed. The mentor's own page and HR's mentor pool both edit it.
 */
export type MentorOfferDraft = Record<
  'team' | 'location' | 'experienceYears' | 'hoursPerWeekAvailable' | 'maxMentees',
  string
> & { active: boolean };

export const EMPTY_MENTOR_OFFER: MentorOfferDraft = {
  team: '',
  location: '',
  experienceYears: '',
  hoursPerWeekAvailable: '',
  maxMentees: '',
  active: true,
};

/** Changing an offer starts from what the pool holds. */
export function mentorOfferDraftOf(profile: MentorProfile): MentorOfferDraft {
  return {
    team: profile.team,
    location: profile.location,
    experienceYears: String(profile.experienceYears),
    hoursPerWeekAvailable: String(profile.hoursPerWeekAvailable),
    maxMentees: String(profile.maxMentees),
    active: profile.active,
  };
}

/**
 * The offer's body from what was typed, each number read by `number`: what an empty one becomes (left out, or null)
 * is the form's to say; either way the API names the field beside it.
 */
export function mentorOfferOf<Typed extends number | undefined>(
  draft: MentorOfferDraft,
  number: (typed: string) => Typed,
) {
  return {
    team: draft.team.trim(),
    location: draft.location.trim(),
    experienceYears: number(draft.experienceYears),
    hoursPerWeekAvailable: number(draft.hoursPerWeekAvailable),
    maxMentees: number(draft.maxMentees),
    active: draft.active,
  };
}
