import fc from 'fast-check';
import { loadOpenApiDocument } from '../../services/http/openapiDocument';
import { refuseUnplannableDates } from '../../services/registration/plannableDates';
import { Problem } from '../../services/problems/problem';
import { RequestValidator } from '../../services/http/requestValidator';
import {
  type IsoDate,
  addDays,
  compareDates,
  fromEpochDay,
  isoDateOfEpochMs,
  laterOf,
  toEpochDay,
} from '../../workflows/domain/calendar';
import { DEFAULT_TEMPLATES } from '../../workflows/domain/defaultTemplates';
import { JourneyTemplateChangeError, type JourneyTemplate } from '../../workflows/domain/journeyTemplate';
import { isWithinPlanningWindow } from '../../workflows/domain/planningWindow';
import {
  type JourneyPlan,
  changePlan,
  moveStartDate,
  pausePlan,
  planActions,
  planForNewJourney,
  resumePlan,
} from '../../workflows/domain/schedule';
import {
  type AdhocTask,
  EXIT_INTERVIEW_TASK_ID,
  type JourneyState,
  dueActions,
  journeyView,
  nextWakeUpMs,
} from '../../workflows/journeyState';

/**
 * "A journey never fails its task on input the API accepted", as a property: whatever dates pass the contract's
 * validation and the planning window, the pure code the journey runs on them (its plan, every re-dating, the
 * exit interview's dates, its next wake-up and its view) does not throw. The dates are drawn from the whole
 * calendar, most of them near the window's edges, so the window is what keeps them plannable.
 */
const validator = new RequestValidator(loadOpenApiDocument());
const MS_PER_DAY = 86_400_000;
const FIRST_DAY = toEpochDay('0000-01-01');
const LAST_DAY = toEpochDay('9999-12-31');

/** What the API answers for a body at a moment: accepted, or refused (a schema error or a date out of window). */
function apiAccepts(schema: string, body: Record<string, unknown>, now: Date, datePointer: string): boolean {
  if (validator.schemaErrors(schema, body).length > 0) return false;
  try {
    refuseUnplannableDates({ [datePointer]: body[datePointer.slice(1)] as string }, now);
    return true;
  } catch (error) {
    if (error instanceof Problem && error.kind === 'date-outside-planning-window') return false;
    throw error;
  }
}

/** A moment the API is asked at: any time of any day from 1900 to 2500. */
const moment = fc
  .integer({ min: toEpochDay('1900-01-01'), max: toEpochDay('2500-12-31') })
  .chain((day) => fc.integer({ min: 0, max: MS_PER_DAY - 1 }).map((ms) => new Date(day * MS_PER_DAY + ms)));

/** Just over five years: draws around the window's edges fall on both sides of them. */
const EDGE_DAYS = 5 * 366;

/** A date as a client might send it, relative to the day it is sent: anywhere, or mostly near the window's edges. */
type DateDraw = { readonly text: string } | { readonly fromToday: number };
const dateDraw: fc.Arbitrary<DateDraw> = fc.oneof(
  {
    weight: 1,
    arbitrary: fc.integer({ min: FIRST_DAY, max: LAST_DAY }).map((day): DateDraw => ({ text: fromEpochDay(day) })),
  },
  {
    weight: 1,
    arbitrary: fc
      .constantFrom('0000-01-01', '9999-12-31', '2024-02-29', '2027-02-30')
      .map((text): DateDraw => ({ text })),
  },
  {
    weight: 3,
    arbitrary: fc.integer({ min: -EDGE_DAYS, max: -EDGE_DAYS + 400 }).map((fromToday): DateDraw => ({ fromToday })),
  },
  {
    weight: 3,
    arbitrary: fc.integer({ min: EDGE_DAYS - 400, max: EDGE_DAYS }).map((fromToday): DateDraw => ({ fromToday })),
  },
  {
    weight: 4,
    arbitrary: fc.integer({ min: -EDGE_DAYS, max: EDGE_DAYS }).map((fromToday): DateDraw => ({ fromToday })),
  },
);

function dateOf(draw: DateDraw, now: Date): string {
  if ('text' in draw) return draw.text;
  const day = toEpochDay(isoDateOfEpochMs(now.getTime())) + draw.fromToday;
  return fromEpochDay(Math.min(LAST_DAY, Math.max(FIRST_DAY, day)));
}

type DatedCommand = 'start-date' | 'leave' | 'leave-end' | 'termination';

/** One command on the running journey, some days after the previous one; the worker may see it a day or two late. */
const step = fc.record({
  afterDays: fc.integer({ min: 0, max: 400 }),
  lagDays: fc.integer({ min: 0, max: 2 }),
  command: fc.oneof(
    fc.record({
      kind: fc.constantFrom<DatedCommand>('start-date', 'leave', 'leave-end', 'termination'),
      date: dateDraw,
    }),
    fc.record({
      kind: fc.constant('move-milestone' as const),
      pick: fc.nat(),
      dueOffsetDays: fc.integer({ min: -4000, max: 4000 }),
    }),
  ),
});

/** The contract's schema of each command's body and the field that carries its date. */
const BODY_OF: Record<DatedCommand, readonly [schema: string, field: string]> = {
  'start-date': ['StartDateChange', 'startDate'],
  leave: ['LeaveStart', 'from'],
  'leave-end': ['LeaveEnd', 'until'],
  termination: ['Termination', 'lastWorkingDay'],
};

/** The journey's own questions of its state, which it asks after every step. */
function askEverything(state: JourneyState, today: IsoDate): void {
  planActions(state.plan);
  dueActions(state, today);
  nextWakeUpMs(state, today);
  journeyView(state, today);
}

function stateOf(template: JourneyTemplate, plan: JourneyPlan, startDate: IsoDate): JourneyState {
  return {
    input: {
      organisationId: 'o1',
      hireId: 'h1',
      startDate,
      role: 'Jeugdzorgwerker',
      actor: 'test',
      registrationFingerprint: 'f',
    },
    workflowId: 'hire-journey:o1:h1',
    template,
    plan,
    revision: 1,
    completed: {},
    cancelled: [],
    handled: [],
    adhoc: [],
    mentor: { status: 'searching', asked: [] },
  };
}

/** As hireJourney.ts dates the exit-interview task: due on the later of the last working day and today, escalated after a month. */
function exitInterviewTask(lastWorkingDay: IsoDate, today: IsoDate): AdhocTask {
  const dueDate = laterOf(lastWorkingDay, today);
  const task: AdhocTask = {
    id: EXIT_INTERVIEW_TASK_ID,
    title: 'Exitgesprek',
    ownerRole: 'hr',
    dueDate,
    escalationDate: addDays(dueDate, 7),
  };
  return { ...task, escalationDate: addDays(dueDate, 30) };
}

describe('every date the API accepts, the journey can plan with', () => {
  it('refuses 9999-12-31 and 0000-01-01, which run off the calendar when planned', () => {
    const now = new Date('2026-12-01T12:00:00Z');
    for (const startDate of ['9999-12-31', '0000-01-01']) {
      const body = { hireId: 'h1', startDate, role: 'Jeugdzorgwerker' };
      expect(validator.schemaErrors('HireRegistration', body)).toEqual([]);
      expect(apiAccepts('HireRegistration', body, now, '/startDate')).toBe(false);
      expect(() => planForNewJourney(DEFAULT_TEMPLATES[0]!, startDate, '2026-12-01')).toThrow(RangeError);
    }
  });

  it('plans a registration, and every start-date change, leave, termination and learning-line move after it', () => {
    const journey = fc.record({
      registeredAt: moment,
      startDate: dateDraw,
      template: fc.constantFrom(...DEFAULT_TEMPLATES),
      // The worker may start the journey days after the API said 201 (it was down, or very busy).
      startLagDays: fc.integer({ min: 0, max: 30 }),
      steps: fc.array(step, { maxLength: 8 }),
    });
    fc.assert(
      fc.property(journey, ({ registeredAt, startDate: startDraw, template, startLagDays, steps }) => {
        const startDate = dateOf(startDraw, registeredAt);
        fc.pre(
          apiAccepts(
            'HireRegistration',
            { hireId: 'h1', startDate, role: 'Jeugdzorgwerker' },
            registeredAt,
            '/startDate',
          ),
        );
        let now = registeredAt;
        let today = addDays(isoDateOfEpochMs(now.getTime()), startLagDays);
        let plan = planForNewJourney(template, startDate, today);
        let state = stateOf(template, plan, startDate);
        askEverything(state, today);

        for (const { afterDays, lagDays, command } of steps) {
          now = new Date(now.getTime() + afterDays * MS_PER_DAY);
          today = addDays(isoDateOfEpochMs(now.getTime()), lagDays);
          if (command.kind === 'move-milestone') {
            const milestones = plan.items.filter((item) => item.kind === 'milestone');
            if (milestones.length === 0) continue;
            const milestoneId = milestones[command.pick % milestones.length]!.id.replace(/^milestone:/, '');
            try {
              plan = changePlan(
                plan,
                { kind: 'move-milestone', milestoneId, dueOffsetDays: command.dueOffsetDays },
                today,
              );
            } catch (error) {
              // The journey's validator turns this into a rejected command; a RangeError would be a date off the calendar.
              if (!(error instanceof JourneyTemplateChangeError)) throw error;
            }
          } else {
            const [schema, field] = BODY_OF[command.kind];
            const date = dateOf(command.date, now);
            if (!apiAccepts(schema, { [field]: date }, now, `/${field}`)) continue;
            // The journey asks the window again on its own day: what lies outside it then is a rejected command.
            if (!isWithinPlanningWindow(date, today)) continue;
            if (command.kind === 'start-date') plan = moveStartDate(plan, date, today);
            if (command.kind === 'leave' && plan.pausedSince === null) plan = pausePlan(plan, date);
            if (command.kind === 'leave-end' && plan.pausedSince !== null && compareDates(date, plan.pausedSince) >= 0)
              plan = resumePlan(plan, date);
            if (command.kind === 'termination') state = { ...state, adhoc: [exitInterviewTask(date, today)] };
          }
          state = { ...state, plan };
          askEverything(state, today);
        }
      }),
      { numRuns: 500 },
    );
  });
});
