/**
 * The mail that asks the team for its welcome: at the journey's start the manager gets the team's welcome link to
 * forward (one link per hire, services/auth/teamWelcomeLinks.ts). Only for a plan that has a task the team owns
 * before day one, and only while day one is still ahead. Pure: no Temporal.
 */
import { compareDates, type IsoDate } from './domain/calendar';
import type { JourneyState } from './domain/journey';
import type { JourneyMail } from './journeyActivities';

export function teamWelcomeRequestMail(state: JourneyState, today: IsoDate): JourneyMail | undefined {
  const { startDate } = state.plan;
  if (compareDates(today, startDate) >= 0) return undefined;
  const teamTask = state.plan.items.find(
    (item) => item.ownerRole === 'team' && compareDates(item.dueDate, startDate) < 0,
  );
  if (!teamTask) return undefined;
  return {
    kind: 'team-welcome-request',
    recipientRole: 'manager',
    startDate,
    taskTitle: teamTask.title,
    ...(teamTask.titleEn ? { taskTitleEn: teamTask.titleEn } : {}),
  };
}
