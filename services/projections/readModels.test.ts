import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildPlan, changePlan, moveStartDate, pausePlan, resumePlan } from '../../workflows/domain/schedule';
import { SqliteEventStore } from '../event-store/sqliteEventStore';
import {
  ALL_PROJECTIONS,
  hireById,
  hireCountsByStage,
  hiresByStage,
  mentorLoad,
  openReadModels,
  openTaskGates,
  openTasksForOwner,
  rebuild,
  requestsWaitingFor,
  tasksOfHire,
} from './index';
import { useFoldedReadModels } from '../../test/support/foldedReadModels';
import { HireScript, RIVIERENLAND, startSteps } from '../../test/fixtures/journeyScript';
import { EXTRA_INTERVISION, ORG, writeSampleJourneys } from '../../test/fixtures/sampleJourneys';

const TODAY = '2026-04-15';
const HUMAN = new Set(['preboarding-task', 'welcome-card', 'milestone', 'survey-phone-follow-up']);

describe('read models folded from realistic journeys', () => {
  const folded = useFoldedReadModels('soft-landing-read-models-', writeSampleJourneys);

  describe('hires', () => {
    it('derives each hire’s stage from its events, judged on the day asked about', () => {
      const stages = Object.fromEntries(
        hiresByStage(folded.db, ORG, undefined, { today: TODAY }).items.map((hire) => [hire.hireId, hire.stage]),
      );
      expect(stages).toEqual({
        'h-anna': 'onboarding',
        'h-bas': 'leaving',
        'h-cor': 'preboarding',
        'h-dirk': 'onboarding',
        'h-eva': 'ended',
        'h-fleur': 'preboarding',
        'h-gijs': 'on-leave',
        'h-hans': 'registered',
        'h-ida': 'preboarding',
      });
      // Before day one the same hire was still in pre-boarding.
      expect(hireById(folded.db, ORG, 'h-anna', '2026-03-01')?.stage).toBe('preboarding');
    });

    it('keeps the facts a list needs', () => {
      expect(hireById(folded.db, ORG, 'h-anna', TODAY)).toEqual({
        organisationId: ORG,
        hireId: 'h-anna',
        stage: 'onboarding',
        startDate: '2026-03-02',
        endDate: '2027-03-02',
        role: 'Jeugdzorgwerker',
        team: 'Team Noord',
        location: null,
        templateId: 'rivierenland-team',
        templateVersion: 1,
        managerRef: null,
        mentorRef: 'm-bert',
        mentorStatus: 'accepted',
        pausedSince: null,
        lastWorkingDay: null,
        outcome: null,
        registeredAt: '2026-02-01T08:00:00.000Z',
        updatedAt: '2026-04-01T08:00:00.000Z',
        streamRevision: 10,
      });
      expect(hireById(folded.db, ORG, 'h-eva', TODAY)).toMatchObject({
        stage: 'ended',
        outcome: 'withdrawn',
        mentorStatus: 'ended',
      });
      expect(hireById(folded.db, ORG, 'h-bas', TODAY)).toMatchObject({
        stage: 'leaving',
        lastWorkingDay: '2026-04-30',
        mentorStatus: 'ended',
        mentorRef: 'm-cees',
      });
      expect(hireById(folded.db, ORG, 'h-cor', TODAY)).toMatchObject({
        startDate: '2026-05-18',
        endDate: '2027-05-18',
        mentorStatus: 'asked',
      });
      expect(hireById(folded.db, ORG, 'h-gijs', TODAY)).toMatchObject({ stage: 'on-leave', pausedSince: '2026-04-01' });
    });

    it('filters by stage and pages by start date with an opaque cursor', () => {
      expect(hiresByStage(folded.db, ORG, 'preboarding', { today: TODAY }).items.map((hire) => hire.hireId)).toEqual([
        'h-fleur',
        'h-cor',
        'h-ida',
      ]);
      expect(hiresByStage(folded.db, ORG, 'ended', { today: TODAY }).items.map((hire) => hire.hireId)).toEqual([
        'h-eva',
      ]);

      const seen: string[] = [];
      let after: string | undefined;
      let pages = 0;
      do {
        const page = hiresByStage(folded.db, ORG, undefined, { today: TODAY, limit: 3, ...(after ? { after } : {}) });
        seen.push(...page.items.map((hire) => hire.hireId));
        after = page.next;
        pages += 1;
      } while (after);
      expect(pages).toBe(3);
      expect(seen).toEqual(
        hiresByStage(folded.db, ORG, undefined, { today: TODAY, limit: 100 }).items.map((hire) => hire.hireId),
      );
      expect(new Set(seen).size).toBe(9);
      expect(() => hiresByStage(folded.db, ORG, undefined, { after: 'not-a-cursor' })).toThrow('Not a page cursor');
    });

    it('keeps organisations apart, even for the same hire id', () => {
      expect(hiresByStage(folded.db, 'jbwest', undefined, { today: TODAY }).items).toEqual([
        expect.objectContaining({
          organisationId: 'jbwest',
          hireId: 'h-anna',
          templateId: 'jbwest-learning-line',
          stage: 'preboarding',
        }),
      ]);
      expect(hireCountsByStage(folded.db, ORG, TODAY)).toEqual({
        registered: 1,
        preboarding: 3,
        onboarding: 2,
        'on-leave': 1,
        leaving: 1,
        ended: 1,
      });
    });
  });

  describe('open tasks', () => {
    it('lists a hire’s human tasks with titles from the template, owners and what happened to them', () => {
      const tasks = tasksOfHire(folded.db, ORG, 'h-anna');
      expect(tasks.map((task) => [task.itemId, task.ownerRole, task.ownerRef, task.dueDate, task.status])).toEqual([
        ['task:vog-application', 'new-hire', 'h-anna', '2026-02-02', 'open'],
        ['task:read-cv-and-ask-interviewers', 'manager', null, '2026-02-16', 'done'],
        ['task:team-message-before-day-one', 'team', null, '2026-02-23', 'open'],
        ['task:accounts-ready', 'it', null, '2026-02-27', 'open'],
        ['task:workplace-and-equipment-ready', 'facilities', null, '2026-02-27', 'open'],
        ['welcome-card', 'team', null, '2026-02-28', 'open'],
        ['task:vog-on-file', 'hr', null, '2026-03-01', 'open'],
        ['milestone:first-month-without-caseload', 'manager', null, '2026-04-01', 'done'],
        ['milestone:first-own-caseload', 'manager', null, '2026-04-02', 'open'],
        ['milestone:skj-registration', 'hr', null, '2026-04-13', 'open'],
        ['milestone:caseload-build-up-check', 'mentor', 'm-bert', '2026-05-31', 'open'],
        ['milestone:meldcode-training', 'hr', null, '2026-05-31', 'open'],
      ]);
      // The first own caseload waits on the VOG (Jeugdwet art. 4.1.6): the task lists say so.
      expect(openTaskGates(folded.db, ORG, tasks).get('h-anna/milestone:first-own-caseload')).toEqual([
        {
          id: 'task:vog-on-file',
          title: 'VOG ontvangen en bewaard (vóór de eerste werkdag)',
          titleEn: 'Certificate of conduct (VOG) received and filed (before the first working day)',
        },
      ]);
      expect(openTaskGates(folded.db, ORG, tasks).size).toBe(1);
      expect(tasks[1]).toMatchObject({
        title: 'Lees het cv en vraag de sollicitatiecommissie wat opviel',
        kind: 'preboarding-task',
        remindedOn: '2026-02-14',
        completedBy: 'person:manager-1',
        completedOn: '2026-02-15',
      });
      expect(tasks[3]).toMatchObject({ title: 'Accounts en systemen klaarzetten', escalatedOn: '2026-03-01' });
    });

    it('answers "open tasks of this role" and "of this person", soonest first, paged', () => {
      const mentorTasks = openTasksForOwner(folded.db, ORG, { ownerRole: 'mentor', ownerRef: 'm-bert' });
      expect(mentorTasks.items.map((task) => [task.hireId, task.itemId])).toEqual([
        ['h-dirk', 'milestone:caseload-build-up-check'],
        ['h-anna', 'milestone:caseload-build-up-check'],
      ]);
      expect(openTasksForOwner(folded.db, ORG, { ownerRole: 'mentor', ownerRef: 'm-cees' }).items).toEqual([]); // h-bas left

      const all = openTasksForOwner(folded.db, ORG, { ownerRole: 'team' }, { limit: 500 }).items;
      expect(all.every((task) => task.status === 'open' && task.ownerRole === 'team')).toBe(true);
      expect(all.map((task) => task.dueDate)).toEqual([...all.map((task) => task.dueDate)].sort());
      const paged: string[] = [];
      let after: string | undefined;
      do {
        const page = openTasksForOwner(
          folded.db,
          ORG,
          { ownerRole: 'team' },
          { limit: 2, ...(after ? { after } : {}) },
        );
        paged.push(...page.items.map((task) => `${task.hireId}/${task.itemId}`));
        after = page.next;
      } while (after);
      expect(paged).toEqual(all.map((task) => `${task.hireId}/${task.itemId}`));
      expect(
        openTasksForOwner(folded.db, 'jbwest', { ownerRole: 'team' }).items.every(
          (task) => task.organisationId === 'jbwest',
        ),
      ).toBe(true);
    });

    it('gives manager tasks to the manager the registration names', () => {
      expect(
        openTasksForOwner(folded.db, ORG, { ownerRole: 'manager', ownerRef: 'p-manager-7' }).items.map(
          (task) => task.itemId,
        ),
      ).toEqual([
        'task:read-cv-and-ask-interviewers',
        'milestone:first-month-without-caseload',
        'milestone:first-own-caseload',
      ]);
    });

    it('cancels open work on termination and opens the exit interview for HR', () => {
      const tasks = tasksOfHire(folded.db, ORG, 'h-bas');
      expect(
        tasks
          .filter((task) => task.status === 'open')
          .map((task) => [task.itemId, task.ownerRole, task.dueDate, task.title]),
      ).toEqual([['adhoc:exit-interview', 'hr', '2026-04-30', 'Voer het exitgesprek en leg de vertrekredenen vast']]);
      expect(
        tasks.filter((task) => task.status === 'cancelled').every((task) => task.cancelReason === 'terminated'),
      ).toBe(true);
      expect(tasks.filter((task) => task.status === 'cancelled')).toHaveLength(10);
      expect(
        tasksOfHire(folded.db, ORG, 'h-eva').every(
          (task) => task.status === 'cancelled' && task.cancelReason === 'withdrawn',
        ),
      ).toBe(true);
    });

    it('opens the find-a-mentor task for the manager when nobody in the pool can mentor', () => {
      expect(tasksOfHire(folded.db, ORG, 'h-fleur').find((task) => task.itemId === 'adhoc:find-mentor')).toMatchObject({
        kind: 'adhoc-task',
        ownerRole: 'manager',
        status: 'open',
        dueDate: '2026-04-17',
        title: 'Zoek zelf een mentor: niemand in de mentorpool kan deze collega begeleiden',
      });
      expect(hireById(folded.db, ORG, 'h-fleur')?.mentorStatus).toBe('none-available');
    });

    it('re-dates tasks as the journey does after a start-date change and learning-line changes', () => {
      let plan = buildPlan(RIVIERENLAND, '2026-05-04', '2026-03-20');
      plan = moveStartDate(plan, '2026-05-18', '2026-04-01');
      plan = changePlan(plan, { kind: 'add-milestone', milestone: EXTRA_INTERVISION }, '2026-04-02');
      plan = changePlan(
        plan,
        { kind: 'move-milestone', milestoneId: 'first-month-without-caseload', dueOffsetDays: 45 },
        '2026-04-02',
      );
      plan = changePlan(plan, { kind: 'drop-milestone', milestoneId: 'caseload-build-up-check' }, '2026-04-02');
      expect(dueDates(tasksOfHire(folded.db, ORG, 'h-cor'))).toEqual(humanDueDates(plan.items));
      expect(
        tasksOfHire(folded.db, ORG, 'h-cor').find((task) => task.itemId === 'milestone:extra-intervision'),
      ).toMatchObject({
        title: 'Extra begeleide intervisie',
        ownerRole: 'hr',
      });
    });

    it('keeps the template’s offsets for a hire registered late, so a later start-date change lands where the journey puts it', () => {
      let plan = buildPlan(RIVIERENLAND, '2026-04-08', '2026-04-01');
      plan = moveStartDate(plan, '2026-04-29', '2026-04-02');
      expect(dueDates(tasksOfHire(folded.db, ORG, 'h-fleur').filter((task) => task.kind !== 'adhoc-task'))).toEqual(
        humanDueDates(plan.items),
      );
      expect(
        tasksOfHire(folded.db, ORG, 'h-fleur').find((task) => task.itemId === 'task:read-cv-and-ask-interviewers')
          ?.dueDate,
      ).toBe('2026-04-15');
    });

    it('moves what was still ahead by the days of leave', () => {
      let plan = buildPlan(RIVIERENLAND, '2026-02-10', '2026-02-01');
      plan = resumePlan(pausePlan(plan, '2026-03-01'), '2026-03-15');
      expect(dueDates(tasksOfHire(folded.db, ORG, 'h-dirk'))).toEqual(humanDueDates(plan.items));
      expect(hireById(folded.db, ORG, 'h-dirk')?.endDate).toBe(plan.endDate);
    });

    it('reads titles and offsets of a template the organisation published itself', () => {
      const tasks = tasksOfHire(folded.db, ORG, 'h-ida');
      expect(tasks.find((task) => task.itemId === 'task:our-own-welcome')).toMatchObject({
        title: 'Ons eigen welkomstritueel voorbereiden',
        ownerRole: 'team',
        dueDate: '2026-06-01',
      });
    });
  });

  describe('mentor load', () => {
    it('counts mentees and hours from the pool, and requests still waiting for an answer', () => {
      expect(
        mentorLoad(folded.db, ORG).map((row) => [
          row.mentorRef,
          row.mentees,
          row.hoursPerWeek,
          row.pendingRequests,
          row.maxMentees,
          row.active,
        ]),
      ).toEqual([
        ['m-anna', 0, 0, 1, 2, true],
        ['m-bert', 2, 10, 0, 2, true],
        ['m-cees', 0, 0, 0, 2, true],
        ['m-dora', 0, 0, 0, 1, false],
      ]);
      expect(requestsWaitingFor(folded.db, ORG, 'm-anna')).toEqual([
        {
          organisationId: ORG,
          hireId: 'h-cor',
          mentorRef: 'm-anna',
          requestedAt: '2026-03-20T08:00:00.000Z',
          answerDeadline: '2026-03-23',
          hoursPerWeek: 5,
        },
      ]);
      expect(requestsWaitingFor(folded.db, ORG, 'm-bert')).toEqual([]);
      expect(mentorLoad(folded.db, 'jbwest')).toEqual([]);
    });
  });
});

describe('a mentor request the decider withdraws (journey-decider-v1)', () => {
  it('ends the asking in the hires list and frees the mentor from the waiting requests', async () => {
    const directory = mkdtempSync(join(tmpdir(), 'soft-landing-read-models-'));
    const store = new SqliteEventStore(join(directory, 'events.sqlite'));
    const db = openReadModels(join(directory, 'read-models.sqlite'));
    try {
      const hire = new HireScript(store, 'rivierenland', 'h-sanne');
      await hire.append(...startSteps('2026-03-02', { startDate: '2026-04-01' }), {
        day: '2026-03-02',
        type: 'MentorRequested',
        data: { mentorRef: 'm-anna', answerDeadline: '2026-03-05', hoursPerWeek: 5 },
      });
      await rebuild(store, db, ALL_PROJECTIONS);
      expect(hireById(db, 'rivierenland', 'h-sanne')?.mentorStatus).toBe('asked');
      expect(requestsWaitingFor(db, 'rivierenland', 'm-anna').map((request) => request.hireId)).toEqual(['h-sanne']);

      await hire.append({
        day: '2026-03-03',
        type: 'MentorRequestWithdrawn',
        data: { mentorRef: 'm-anna', reason: 'withdrawn' },
      });
      await rebuild(store, db, ALL_PROJECTIONS);
      expect(hireById(db, 'rivierenland', 'h-sanne')?.mentorStatus).toBe('ended');
      expect(requestsWaitingFor(db, 'rivierenland', 'm-anna')).toEqual([]);
    } finally {
      db.close();
      await store.close();
      rmSync(directory, { recursive: true, force: true });
    }
  });
});

function dueDates(tasks: readonly { itemId: string; dueDate: string }[]): Record<string, string> {
  return Object.fromEntries(tasks.map((task) => [task.itemId, task.dueDate]));
}

function humanDueDates(items: readonly { id: string; kind: string; dueDate: string }[]): Record<string, string> {
  return Object.fromEntries(items.filter((item) => HUMAN.has(item.kind)).map((item) => [item.id, item.dueDate]));
}
