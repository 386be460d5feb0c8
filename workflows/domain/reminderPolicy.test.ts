import { validateJourneyTemplate } from './journeyTemplate';
import { rvdkTemplate } from './defaultTemplates';
import {
  DEFAULT_REMINDER_POLICY,
  type ReminderPolicy,
  digestLinesFor,
  digestWindow,
  escalationDateFor,
  reminderPolicyOf,
  reminderPolicyProblems,
} from './reminderPolicy';

const policy = DEFAULT_REMINDER_POLICY;

describe('reminder policy', () => {
  it('defaults to 7 and 2 days before, daily when overdue, escalation per item', () => {
    expect(policy).toEqual({ daysBefore: [7, 2], overdueDaily: true });
    expect(reminderPolicyOf({})).toBe(DEFAULT_REMINDER_POLICY);
  });

  it('sends no digest on a weekend or holiday; a Monday covers the weekend, the day after Christmas too', () => {
    expect(digestWindow('2026-12-05')).toBeUndefined();
    expect(digestWindow('2026-12-06')).toBeUndefined();
    expect(digestWindow('2026-12-25')).toBeUndefined();
    expect(digestWindow('2026-12-02')).toEqual({ from: '2026-12-02', to: '2026-12-02' });
    expect(digestWindow('2026-12-07')).toEqual({ from: '2026-12-05', to: '2026-12-07' });
    expect(digestWindow('2026-12-28')).toEqual({ from: '2026-12-25', to: '2026-12-28' });
  });

  it('reminds the owner 7 and 2 days before, and not on the days between', () => {
    const task = { dueDate: '2026-12-18', escalationOffsetDays: 3 }; // a Friday
    const on = (day: string) => digestLinesFor(task, digestWindow(day)!, policy);
    expect(on('2026-12-11')).toEqual([{ to: 'owner', reason: 'upcoming', daysLeft: 7 }]);
    expect(on('2026-12-14')).toEqual([]);
    expect(on('2026-12-16')).toEqual([{ to: 'owner', reason: 'upcoming', daysLeft: 2 }]);
    expect(on('2026-12-18')).toEqual([]);
  });

  it('rolls a reminder that falls on a weekend into the next working day', () => {
    const task = { dueDate: '2026-12-16', escalationOffsetDays: 3 }; // 7 days before is Wednesday, 2 before Monday
    const weekendDue = { dueDate: '2026-12-08', escalationOffsetDays: 3 }; // 2 days before is Sunday the 6th
    expect(digestLinesFor(weekendDue, digestWindow('2026-12-07')!, policy)).toEqual([
      { to: 'owner', reason: 'upcoming', daysLeft: 1 },
    ]);
    expect(digestLinesFor(task, digestWindow('2026-12-04')!, policy)).toEqual([]);
  });

  it('lists an overdue task every working day, and once the journey escalated it, to the escalation target too', () => {
    const task = { dueDate: '2026-12-01' };
    expect(digestLinesFor(task, digestWindow('2026-12-02')!, policy)).toEqual([
      { to: 'owner', reason: 'overdue', daysLeft: -1 },
    ]);
    expect(digestLinesFor(task, digestWindow('2026-12-03')!, policy)).toEqual([
      { to: 'owner', reason: 'overdue', daysLeft: -2 },
    ]);
    const escalated = { ...task, escalatedOn: '2026-12-04' };
    expect(digestLinesFor(escalated, digestWindow('2026-12-03')!, policy)).toHaveLength(1);
    expect(digestLinesFor(escalated, digestWindow('2026-12-04')!, policy)).toEqual([
      { to: 'owner', reason: 'overdue', daysLeft: -3 },
      { to: 'escalation-target', reason: 'escalated', daysLeft: -3 },
    ]);
    expect(digestLinesFor(escalated, digestWindow('2026-12-08')!, policy)).toHaveLength(2);
  });

  it('follows a template’s own policy: other lead days, overdue once, an escalation once', () => {
    const own: ReminderPolicy = { daysBefore: [3], overdueDaily: false, escalateAfterDays: 5 };
    const task = { dueDate: '2026-12-07', escalatedOn: '2026-12-12' }; // a Saturday
    const on = (day: string) => digestLinesFor(task, digestWindow(day)!, own);
    expect(on('2026-12-04')).toEqual([{ to: 'owner', reason: 'upcoming', daysLeft: 3 }]);
    expect(on('2026-12-08')).toEqual([{ to: 'owner', reason: 'overdue', daysLeft: -1 }]);
    expect(on('2026-12-09')).toEqual([]);
    expect(on('2026-12-11')).toEqual([]);
    expect(on('2026-12-14')).toEqual([{ to: 'escalation-target', reason: 'escalated', daysLeft: -7 }]); // rolled
    expect(on('2026-12-15')).toEqual([]);
  });

  describe('the escalation day', () => {
    const item = { dueDate: '2026-12-07', escalationDate: '2026-12-10', followUp: { escalationOffsetDays: 3 } };

    it('is the item’s own without a template setting, and M days after the due date with one', () => {
      expect(escalationDateFor(item, policy)).toBe('2026-12-10');
      expect(escalationDateFor(item, { ...policy, escalateAfterDays: 5 })).toBe('2026-12-12');
      expect(escalationDateFor(item, { ...policy, escalateAfterDays: 1 })).toBe('2026-12-08');
    });

    it('keeps what a leave held back, and is none for an item without follow-up', () => {
      // A leave moved the escalation 14 days on while the due date stayed: M counts from there.
      const heldBack = { ...item, escalationDate: '2026-12-24' };
      expect(escalationDateFor(heldBack, { ...policy, escalateAfterDays: 5 })).toBe('2026-12-26');
      expect(escalationDateFor({ escalationDate: null, followUp: null }, { ...policy, escalateAfterDays: 5 })).toBe(
        null,
      );
    });
  });

  describe('a working day the digest was not sent at all', () => {
    it('is caught up by the next digest, as far back as the last one that went out, a month at most', () => {
      // Down all of Tuesday the 1st: Wednesday's digest covers Tuesday too.
      expect(digestWindow('2026-12-02', '2026-11-30')).toEqual({ from: '2026-12-01', to: '2026-12-02' });
      expect(digestWindow('2026-12-02', '2026-12-01')).toEqual({ from: '2026-12-02', to: '2026-12-02' });
      // A run later the same day (or a last digest after it) is no reason to reach back further than usual.
      expect(digestWindow('2026-12-02', '2026-12-02')).toEqual({ from: '2026-12-02', to: '2026-12-02' });
      expect(digestWindow('2026-12-07', '2026-12-04')).toEqual({ from: '2026-12-05', to: '2026-12-07' });
      expect(digestWindow('2026-12-07', '2026-12-02')).toEqual({ from: '2026-12-03', to: '2026-12-07' });
      expect(digestWindow('2026-12-07', '2025-01-01')).toEqual({ from: '2026-11-06', to: '2026-12-07' });
      expect(digestWindow('2026-12-05', '2026-12-01')).toBeUndefined();
    });

    it('lists a reminder that fell on the missed day, counted from the day it goes out', () => {
      const task = { dueDate: '2026-12-03' }; // 2 days before is Tuesday the 1st, the day missed
      expect(digestLinesFor(task, digestWindow('2026-12-02')!, policy)).toEqual([]);
      expect(digestLinesFor(task, digestWindow('2026-12-02', '2026-11-30')!, policy)).toEqual([
        { to: 'owner', reason: 'upcoming', daysLeft: 1 },
      ]);
    });
  });

  it('reports every problem of a bad policy with its path', () => {
    expect(reminderPolicyProblems(policy)).toEqual([]);
    const problems = reminderPolicyProblems({ daysBefore: [7, -1, 7, 1.5], overdueDaily: 'ja', escalateAfterDays: 0 });
    expect(problems.map((problem) => problem.path)).toEqual([
      'reminderPolicy.daysBefore[1]',
      'reminderPolicy.daysBefore[2]',
      'reminderPolicy.daysBefore[3]',
      'reminderPolicy.overdueDaily',
      'reminderPolicy.escalateAfterDays',
    ]);
    expect(reminderPolicyProblems(null)).toHaveLength(1);
    expect(reminderPolicyProblems({ overdueDaily: true })[0]!.path).toBe('reminderPolicy.daysBefore');
  });

  it('keeps templates without a policy valid, and validates one that has it', () => {
    const template = rvdkTemplate;
    expect(template.reminderPolicy).toBeUndefined();
    expect(validateJourneyTemplate(template)).toEqual([]);
    expect(
      validateJourneyTemplate({ ...template, reminderPolicy: { daysBefore: [5, 1], overdueDaily: true } }),
    ).toEqual([]);
    const bad = validateJourneyTemplate({ ...template, reminderPolicy: { daysBefore: [400], overdueDaily: true } });
    expect(bad.map((problem) => problem.path)).toEqual(['reminderPolicy.daysBefore[0]']);
  });
});
