/**
 * Two years of simulated cohorts for one organisation, appended through the real event path (the validating,
 * hash-chained store the services use), so a newcomer sees meaningful retention charts minutes after `npm start`.
 * Rates come from the research (shared/domain.md): yearly outflow 11–17%, one team doing worse (JB west's 23%),
 * one doing as well as Molendrift; exit reasons drawn with the Prismant survey's shares; leavers more often had
 * no mentor in time. Deterministic (a seeded generator): the same call writes the same history.
 */
import { type IsoDate, addDays, compareDates, isoWeekday } from '../../workflows/domain/calendar';
import type { EventStore } from '../event-store/eventStore';
import { HIRE_STREAM_PREFIX } from '../event-store/streamNames';
import { HireScript, type Step, startSteps } from '../../test/fixtures/journeyScript';

const TEAMS = [
  { team: 'Team Noord', location: 'Tiel', earlyLeaving: 0.12 },
  { team: 'Team Zuid', location: 'Culemborg', earlyLeaving: 0.23 },
  { team: 'Team West', location: 'Geldermalsen', earlyLeaving: 0.15 },
  { team: 'Team Oost', location: 'Zaltbommel', earlyLeaving: 0.04 },
] as const;
const ROLES = ['Jeugdzorgwerker', 'Jeugdzorgwerker', 'Gezinsvoogd', 'Gedragswetenschapper'] as const;
/** Prismant exit survey (000): several reasons per person. */
const REASON_SHARES = [
  ['workload', 0.52],
  ['administrative-burden', 0.45],
  ['little-manager-support', 0.39],
  ['career-opportunities', 0.2],
  ['work-private-balance', 0.13],
] as const;
/** "What would have kept you" (000, stage 7). */
const KEPT_SHARES = [
  ['nothing-time-for-something-else', 0.294],
  ['better-manager-communication', 0.216],
  ['private-circumstances', 0.159],
  ['less-workload', 0.12],
] as const;

/** Mulberry32: small, seeded, good enough for simulated people. */
function generator(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function firstMonday(month: IsoDate): IsoDate {
  let day = month;
  while (isoWeekday(day) !== 1) day = addDays(day, 1);
  return day;
}

export interface DemoResult {
  readonly hires: number;
  readonly events: number;
}

/** Whether the organisation has any hire already: the demo never writes into a real organisation's history. */
export async function organisationHasHires(store: EventStore, organisationId: string): Promise<boolean> {
  for await (const _event of store.readAll({ streamPrefixes: [`${HIRE_STREAM_PREFIX}${organisationId}.`] }))
    return true;
  return false;
}

export async function writeDemoCohorts(
  store: EventStore,
  organisationId: string,
  today: IsoDate,
  options: { seed?: number; hiresPerMonth?: number } = {},
): Promise<DemoResult> {
  const random = generator(options.seed ?? 13);
  // Meetings draw from their own sequence, so the cohorts' other figures stay what they were before meetings existed.
  const meetingRandom = generator((options.seed ?? 13) + 1);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)]!;
  const hiresPerMonth = options.hiresPerMonth ?? 10;
  let hires = 0;
  let events = 0;
  const firstMonth = `${Number(today.slice(0, 4)) - 2}-${today.slice(5, 7)}-01`;
  for (let month = 0; month < 24; month += 1) {
    const year = Number(firstMonth.slice(0, 4)) + Math.floor((Number(firstMonth.slice(5, 7)) - 1 + month) / 12);
    const monthNumber = ((Number(firstMonth.slice(5, 7)) - 1 + month) % 12) + 1;
    const startDate = firstMonday(`${year}-${String(monthNumber).padStart(2, '0')}-01`);
    if (compareDates(startDate, today) >= 0) continue;
    for (let n = 0; n < hiresPerMonth; n += 1) {
      const { team, location, earlyLeaving } = pick(TEAMS);
      const hireId = `demo-${startDate.replace(/-/g, '')}-${n}`;
      const registeredOn = addDays(startDate, -28);
      const steps: Step[] = startSteps(registeredOn, { startDate, team, role: pick(ROLES) });
      (steps[0]!.data as Record<string, unknown>).location = location;
      const withdraws = random() < 0.03;
      if (withdraws) {
        steps.push({ day: addDays(registeredOn, 7), type: 'CandidateWithdrawn', data: { reason: 'andere baan' } });
        steps.push({ day: addDays(registeredOn, 7), type: 'JourneyEnded', data: { outcome: 'withdrawn' } });
      } else {
        const declined = random() < 0.15;
        if (declined)
          steps.push({
            day: addDays(registeredOn, 2),
            type: 'MentorDeclined',
            data: { mentorRef: `demo-mentor-${Math.floor(random() * 12)}` },
          });
        // Most hires meet their mentor before day one; some teams take weeks.
        const mentorDay = random() < 0.8 ? Math.floor(random() * 25) - 10 : 20 + Math.floor(random() * 40);
        const mentorRef = `demo-mentor-${Math.floor(random() * 12)}`;
        const noMentorInTime = mentorDay > 14;
        if (compareDates(addDays(startDate, mentorDay), today) < 0) {
          steps.push({
            day: addDays(startDate, mentorDay),
            type: 'MentorAccepted',
            data: { mentorRef, hoursPerWeek: 5 },
          });
        }
        const escalated = random() < (noMentorInTime ? 0.4 : 0.12);
        if (escalated && compareDates(addDays(startDate, 40), today) < 0) {
          steps.push({
            day: addDays(startDate, 40),
            type: 'TaskEscalated',
            data: {
              itemId: 'milestone:first-month-without-caseload',
              title: 'Eerste maand zonder caseload',
              dueDate: addDays(startDate, 30),
              ownerRole: 'manager',
              mailDelivered: true,
            },
          });
        }
        const leavesEarly = random() < earlyLeaving * (noMentorInTime || escalated ? 2 : 0.8);
        const leavesLater = !leavesEarly && random() < 0.1;
        const lastDay = leavesEarly
          ? addDays(startDate, 60 + Math.floor(random() * 300))
          : leavesLater
            ? addDays(startDate, 370 + Math.floor(random() * 300))
            : undefined;
        // The mentorship lasts the first year (as in the Rivierenland template), or until the hire leaves.
        const leftInFirstYear =
          lastDay !== undefined &&
          compareDates(lastDay, today) < 0 &&
          compareDates(lastDay, addDays(startDate, 365)) < 0;
        const mentorshipEnd = leftInFirstYear ? addDays(lastDay, -5) : addDays(startDate, 365);
        if (compareDates(addDays(startDate, mentorDay), today) < 0 && compareDates(mentorshipEnd, today) < 0) {
          steps.push({
            day: mentorshipEnd,
            type: 'MentorshipEnded',
            data: { mentorRef, reason: leftInFirstYear ? 'journey-ended' : 'period-ended' },
          });
        }
        // A mentorship running today logged its last meeting recently, or (a quarter of them) weeks ago.
        const mentoredToday =
          compareDates(addDays(startDate, mentorDay), today) < 0 &&
          compareDates(mentorshipEnd, today) >= 0 &&
          (lastDay === undefined || compareDates(lastDay, today) >= 0);
        const lastMet = addDays(
          today,
          -(meetingRandom() < 0.75 ? 1 + Math.floor(meetingRandom() * 12) : 15 + Math.floor(meetingRandom() * 30)),
        );
        if (mentoredToday && compareDates(lastMet, addDays(startDate, mentorDay)) > 0) {
          steps.push({
            day: lastMet,
            type: 'MentorMeetingLogged',
            data: { mentorRef, on: lastMet, minutes: 60, loggedBy: 'mentor' },
          });
        }
        if (lastDay && compareDates(lastDay, today) < 0) {
          const reasons = REASON_SHARES.filter(([, share]) => random() < share).map(([code]) => code);
          const kept =
            random() < 0.294
              ? ['nothing-time-for-something-else']
              : KEPT_SHARES.slice(1)
                  .filter(([, share]) => random() < share * 1.5)
                  .map(([code]) => code);
          steps.push({
            day: addDays(lastDay, -30),
            type: 'TerminationRegistered',
            actor: 'user:hr-advisor',
            data: { lastWorkingDay: lastDay },
          });
          steps.push({
            day: addDays(lastDay, -5),
            type: 'ExitInterviewHeld',
            actor: 'user:hr-advisor',
            data: { reasons: reasons.length > 0 ? reasons : ['other'], wouldHaveKept: kept },
          });
          steps.push({
            day: addDays(lastDay, -5),
            type: 'JourneyEnded',
            actor: 'user:hr-advisor',
            data: { outcome: 'left' },
          });
        }
      }
      // The store wants a hire's events in time order; a mentor accepted before a decline is simply later here.
      steps.sort((a, b) => compareDates(a.day, b.day));
      await new HireScript(store, organisationId, hireId).append(...steps);
      hires += 1;
      events += steps.length;
    }
  }
  return { hires, events };
}
