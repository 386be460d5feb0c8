/**
 * Who to ask first to mentor a new colleague. Pure: the workflow asks again after every decline or silence and
 * must get the same answer on replay. Capacity is a hard limit because the research is plain that the mentor
 * needs time too (Rivierenland, domain.md stage 4); a mentor over capacity is no soft landing for anyone.
 */

export interface MentorProfile {
  /** A person reference from the HR system, never a name: names are resolved only when a mail is sent. */
  readonly id: string;
  readonly team: string;
  readonly location: string;
  readonly experienceYears: number;
  /** What this mentor can give to mentoring in total. */
  readonly hoursPerWeekAvailable: number;
  readonly maxMentees: number;
  readonly currentMentees: number;
  /** Already given to current mentees. */
  readonly currentHoursPerWeek: number;
  readonly active: boolean;
}

export interface MenteeNeeds {
  /** The new hire's person reference: nobody mentors themself. */
  readonly personId: string;
  readonly team?: string;
  readonly location?: string;
  /** From the journey template, e.g. 5 for Rivierenland. */
  readonly hoursPerWeek: number;
}

export interface MentorCandidate {
  readonly mentorId: string;
  readonly sameTeam: boolean;
  readonly sameLocation: boolean;
  readonly experienceYears: number;
  /** Left after taking this mentee on. */
  readonly remainingHoursPerWeek: number;
}

/**
 * Everyone who may be asked, best first: same team, then same location, then most experience, then most time
 * left; ties broken by id so the order never depends on the pool's order. Excluded: the hire, anyone already
 * asked, inactive mentors and mentors without room for the hours or for one more mentee.
 */
export function rankMentorCandidates(
  hire: MenteeNeeds,
  pool: readonly MentorProfile[],
  alreadyAsked: readonly string[],
): MentorCandidate[] {
  const asked = new Set(alreadyAsked);
  const seen = new Set<string>();
  const candidates: MentorCandidate[] = [];
  for (const mentor of pool) {
    if (seen.has(mentor.id)) continue; // a pool listing someone twice must not ask them twice
    seen.add(mentor.id);
    if (mentor.id === hire.personId || asked.has(mentor.id) || !hasRoom(mentor, hire.hoursPerWeek)) continue;
    candidates.push({
      mentorId: mentor.id,
      sameTeam: hire.team !== undefined && mentor.team === hire.team,
      sameLocation: hire.location !== undefined && mentor.location === hire.location,
      experienceYears: mentor.experienceYears,
      remainingHoursPerWeek: remainingHours(mentor) - hire.hoursPerWeek,
    });
  }
  return candidates.sort(
    (a, b) =>
      Number(b.sameTeam) - Number(a.sameTeam) ||
      Number(b.sameLocation) - Number(a.sameLocation) ||
      b.experienceYears - a.experienceYears ||
      b.remainingHoursPerWeek - a.remainingHoursPerWeek ||
      (a.mentorId < b.mentorId ? -1 : a.mentorId > b.mentorId ? 1 : 0),
  );
}

export function remainingHours(mentor: MentorProfile): number {
  return mentor.hoursPerWeekAvailable - mentor.currentHoursPerWeek;
}

export function hasRoom(mentor: MentorProfile, hoursPerWeek: number): boolean {
  return mentor.active && mentor.currentMentees < mentor.maxMentees && remainingHours(mentor) >= hoursPerWeek;
}
