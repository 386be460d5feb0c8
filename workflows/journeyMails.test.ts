import { rivierenlandTemplate } from './domain/defaultTemplates';
import { type JourneyEvent, evolve, initialJourneyState } from './domain/journey';
import { mailFor } from './journeyMails';
import { journeyTestHire } from '../test/fixtures/journeyTestHire';

const { hire, input } = journeyTestHire('h-7');
const state = initialJourneyState(input, 'hire-journey:x', rivierenlandTemplate, '2026-08-03');
const item = { ...hire, itemId: 'task:accounts-ready', title: 'Accounts klaar', dueDate: '2026-08-25' } as const;

describe('the mail a journey event stands for', () => {
  it('escalates a compliance step to HR, as its template says, not to the manager', () => {
    const vog = { ...hire, itemId: 'task:vog-on-file', title: 'VOG', dueDate: '2026-08-31' } as const;
    const escalation = mailFor(
      { type: 'TaskEscalated', data: { ...vog, ownerRole: 'hr', mailDelivered: false } },
      state,
    );
    expect(escalation).toMatchObject({ mail: { kind: 'task-escalation', recipientRole: 'hr', ownerRole: 'hr' } });
    const skj = { ...hire, itemId: 'milestone:skj-registration', title: 'SKJ', dueDate: '2026-10-13' } as const;
    expect(
      mailFor({ type: 'TaskEscalated', data: { ...skj, ownerRole: 'hr', mailDelivered: false } }, state),
    ).toMatchObject({ mail: { recipientRole: 'hr' } });
    // An item without escalateTo keeps going to the manager.
    const caseload = { ...hire, itemId: 'milestone:first-own-caseload', title: 'Caseload', dueDate: '2026-10-02' };
    expect(
      mailFor({ type: 'TaskEscalated', data: { ...caseload, ownerRole: 'manager', mailDelivered: false } }, state),
    ).toMatchObject({ mail: { recipientRole: 'manager' } });
  });

  it.each([
    ['TaskReminderSent', 'it', 'reminder', 'task-reminder', 'it', 'it'],
    ['TaskEscalated', null, 'escalation', 'task-escalation', 'manager', 'hr'],
  ] as const)(
    'reminds the owner of a task, and escalates it to the manager; no owner means HR (%s, owner %s)',
    (type, ownerRole, step, kind, recipientRole, mailOwnerRole) => {
      const event = { type, data: { ...item, ownerRole, mailDelivered: false } } satisfies JourneyEvent;
      expect(mailFor(event, state)).toEqual({
        via: 'journey-mail',
        key: `task:accounts-ready/${step}`,
        mail: {
          kind,
          recipientRole,
          ownerRole: mailOwnerRole,
          title: 'Accounts klaar',
          // The plan's English, for a recipient who reads English (the event records the Dutch one only).
          titleEn: 'Set up accounts and systems',
          dueDate: '2026-08-25',
        },
      });
    },
  );

  // The reminder of the 90-day survey, and a pulse's invitation with its own questionnaire.
  it.each([
    ['SurveyReminderSent', 'survey-reminder', 'ninety-days', 'survey-reminder'],
    ['SurveyInvitationSent', 'survey-pulse-30', 'pulse-30', 'survey-pulse'],
  ] as const)(
    'sends %s of %s through the survey service, which adds the personal link',
    (type, itemId, survey, kind) => {
      const event = { type, data: { ...item, itemId, survey, mailDelivered: false } } as JourneyEvent;
      expect(mailFor(event, state)).toEqual({ via: 'survey-mail', itemId, kind, survey });
    },
  );

  it('invites to the exit interview with the last working day of the termination folded in', () => {
    const leaving = evolve(
      state,
      { type: 'TerminationRegistered', data: { ...hire, lastWorkingDay: '2026-10-31' } },
      { actor: 'hr:anne', on: '2026-10-01' },
    );
    const requested: JourneyEvent = {
      type: 'ExitInterviewRequested',
      data: { ...hire, itemId: 'adhoc:exit-interview', ownerRole: 'hr', dueDate: '2026-10-31', mailDelivered: false },
    };
    expect(mailFor(requested, leaving)).toMatchObject({
      key: 'exit-interview',
      mail: { kind: 'exit-interview-invitation', lastWorkingDay: '2026-10-31' },
    });
  });

  it('has no mail for an event that is no mail', () => {
    expect(mailFor({ type: 'TaskCompleted', data: { ...hire, itemId: 'task:accounts-ready' } }, state)).toBeUndefined();
    expect(
      mailFor({ type: 'MentorRequestWithdrawn', data: { ...hire, mentorRef: 'm-1', reason: 'withdrawn' } }, state),
    ).toBeUndefined();
  });
});
