import { validateJourneyTemplate } from './journeyTemplate';
import { rvdkTemplate } from './defaultTemplates';
import {
  DEFAULT_REMINDER_POLICY,
  type ReminderPolicy,
  digestLinesFor,
  digestWindow,
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

  it('lists an overdue task every working day and escalates to the manager after the item’s own offset', () => {
    const task = { dueDate: '2026-12-01', escalationOffsetDays: 3 };
    expect(digestLinesFor(task, digestWindow('2026-12-02')!, policy)).toEqual([
      { to: 'owner', reason: 'overdue', daysLeft: -1 },
    ]);
    expect(digestLinesFor(task, digestWindow('2026-12-03')!, policy)).toEqual([
      { to: 'owner', reason: 'overdue', daysLeft: -2 },
    ]);
    expect(digestLinesFor(task, digestWindow('2026-12-04')!, policy)).toEqual([
      { to: 'owner', reason: 'overdue', daysLeft: -3 },
      { to: 'manager', reason: 'escalated', daysLeft: -3 },
    ]);
    expect(digestLinesFor(task, digestWindow('2026-12-08')!, policy)).toHaveLength(2);
  });

  it('follows a template’s own policy: other lead days, overdue once, escalation after M days', () => {
    const own: ReminderPolicy = { daysBefore: [3], overdueDaily: false, escalateAfterDays: 5 };
    const task = { dueDate: '2026-12-07', escalationOffsetDays: 1 };
    const on = (day: string) => digestLinesFor(task, digestWindow(day)!, own);
    expect(on('2026-12-04')).toEqual([{ to: 'owner', reason: 'upcoming', daysLeft: 3 }]);
    expect(on('2026-12-08')).toEqual([{ to: 'owner', reason: 'overdue', daysLeft: -1 }]);
    expect(on('2026-12-09')).toEqual([]);
    expect(on('2026-12-11')).toEqual([]);
    expect(on('2026-12-14')).toEqual([{ to: 'manager', reason: 'escalated', daysLeft: -7 }]); // the 12th, rolled
    expect(on('2026-12-15')).toEqual([]);
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
