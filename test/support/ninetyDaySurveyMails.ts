import type { JourneyEvent } from '../../workflows/domain/journey/events';

/**
 * A mail of the 90-day survey as the journey records it: the invitation or the reminder, sent for the plan item of
 * that name (survey-invitation, survey-reminder) with the item's title and day.
 */
export function ninetyDaySurveyMail(
  hire: { readonly organisationId: string; readonly hireId: string },
  mail: 'invitation' | 'reminder',
  item: { readonly title: string; readonly dueDate: string },
  mailDelivered: boolean,
): JourneyEvent {
  const data = {
    ...hire,
    itemId: `survey-${mail}`,
    title: item.title,
    dueDate: item.dueDate,
    survey: 'ninety-days' as const,
    mailDelivered,
  };
  return mail === 'invitation' ? { type: 'SurveyInvitationSent', data } : { type: 'SurveyReminderSent', data };
}
