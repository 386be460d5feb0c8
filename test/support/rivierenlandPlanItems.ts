/**
 * The plan items of the built-in Rivierenland template (workflows/domain/defaultTemplates.ts) that someone completes,
 * in plan order, without the youth-care compliance steps (youthCareCompliance.ts): the pre-boarding tasks, the welcome
 * card and the two milestones. Written out rather than read from the template, so a renamed or dropped item fails the
 * tests that complete or cancel them.
 */
export const RIVIERENLAND_PLAN_ITEM_IDS = [
  'task:read-cv-and-ask-interviewers',
  'task:team-message-before-day-one',
  'task:accounts-ready',
  'task:workplace-and-equipment-ready',
  'welcome-card',
  'milestone:first-month-without-caseload',
  'milestone:caseload-build-up-check',
] as const;
