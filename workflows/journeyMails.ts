/**
 * The mail a recorded event stands for. The decider says what happens (TaskReminderSent, the mentor's welcome…);
 * the workflow sends the mail first, because the event records whether it went out. Pure: no Temporal.
 */
import type { JourneyEvent, JourneyState } from './domain/journey';
import { itemTitleIn } from './domain/journey/itemTitles';
import type { JourneyMail } from './journeyActivities';
import { NINETY_DAY_SURVEY, type SurveyId } from './domain/surveyIds';

export type MailFor =
  /** A journey mail; `key` is the step's part of the idempotency key, stable on every retry and replay. */
  | { readonly via: 'journey-mail'; readonly key: string; readonly mail: JourneyMail }
  /** A survey mail: the survey service adds the hire's personal link, or sends nothing when it is spent. */
  | {
      readonly via: 'survey-mail';
      readonly itemId: string;
      readonly kind: 'survey-invitation' | 'survey-reminder' | 'survey-pulse';
      readonly survey: SurveyId;
    };

/** `state` is the journey with the events already folded in, so the mail sees the plan and mentor they leave. */
export function mailFor(event: JourneyEvent, state: JourneyState): MailFor | undefined {
  switch (event.type) {
    case 'TaskReminderSent':
    case 'TaskEscalated': {
      const { itemId, title, dueDate } = event.data;
      const ownerRole = event.data.ownerRole ?? 'hr';
      const escalation = event.type === 'TaskEscalated';
      // Escalations by digest (digest-escalations-v1) reach their target in the daily digest, not a mail of their own.
      if (escalation && event.data.byDigest) return undefined;
      // A template may send an item's escalation elsewhere: compliance items go to HR, who answers for them.
      const escalateTo = state.plan.items.find((item) => item.id === itemId)?.followUp?.escalateTo ?? 'manager';
      // The recipient's language is known only when the mail is sent: both titles go along.
      const titleEn = itemTitleIn(state, itemId, title, 'en');
      const titles = titleEn === title ? { title } : { title, titleEn };
      return {
        via: 'journey-mail',
        key: `${itemId}/${escalation ? 'escalation' : 'reminder'}`,
        mail: escalation
          ? { kind: 'task-escalation', recipientRole: escalateTo, ownerRole, ...titles, dueDate }
          : { kind: 'task-reminder', recipientRole: ownerRole, ownerRole, ...titles, dueDate },
      };
    }
    case 'WelcomeMailSent':
      return {
        via: 'journey-mail',
        key: event.data.itemId,
        mail: { kind: 'welcome-new-hire', recipientRole: 'new-hire', startDate: state.plan.startDate },
      };
    case 'SurveyInvitationSent': {
      const { itemId, survey } = event.data;
      const kind = survey === NINETY_DAY_SURVEY ? 'survey-invitation' : 'survey-pulse';
      return { via: 'survey-mail', itemId, kind, survey };
    }
    case 'SurveyReminderSent':
      return { via: 'survey-mail', itemId: event.data.itemId, kind: 'survey-reminder', survey: NINETY_DAY_SURVEY };
    case 'MentorWelcomeMailSent': {
      const { mentorRef, coffeeMoment, coffeeTime, coffeeMinutes } = event.data;
      return {
        via: 'journey-mail',
        key: 'mentor-welcome',
        mail: {
          kind: 'mentor-welcome',
          recipientRole: 'new-hire',
          mentorRef,
          coffeeMoment,
          startDate: state.plan.startDate,
          ...(coffeeTime ? { coffeeTime } : {}),
          ...(coffeeMinutes ? { coffeeMinutes } : {}),
        },
      };
    }
    case 'ExitInterviewRequested':
      return state.leaving
        ? {
            via: 'journey-mail',
            key: 'exit-interview',
            mail: {
              kind: 'exit-interview-invitation',
              recipientRole: 'new-hire',
              lastWorkingDay: state.leaving.lastWorkingDay,
            },
          }
        : undefined;
    default:
      return undefined;
  }
}
