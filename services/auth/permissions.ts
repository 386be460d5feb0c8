import type { operations } from '../../contracts/generated/openapi';
import type { Role } from './roles';

/**
 * How much of an operation a role may do:
 * - `any`: for every hire of the organisation;
 * - `own`: only for hires the person is related to — the manager's team, the mentor's mentees (and hires they are
 *   asked to mentor), the new hire's own journey — and only tasks that are theirs;
 * - `progress`: every hire, but progress only: no exit interview (recruiters).
 */
export type Grant = 'any' | 'own' | 'progress';

/**
 * The platform's own endpoints (probes, metrics) sit outside tenants and roles; so does redeeming a magic link, whose
 * token is the credential (the session it opens then meets this table as its one personal role), and so does the
 * survey page, whose personal link is the credential and opens nothing else.
 */
type PlatformOperation = 'getHealth' | 'getReadiness' | 'getMetrics';
export type PublicOperation =
  | PlatformOperation
  | 'redeemMagicLink'
  | 'openSurveyInvitation'
  | 'submitSurveyResponse'
  | 'openExitQuestionnaire'
  | 'submitExitQuestionnaire'
  | 'openTeamWelcome'
  | 'writeTeamWelcome';
export const PUBLIC_OPERATIONS: readonly PublicOperation[] = [
  'getHealth',
  'getReadiness',
  'getMetrics',
  'redeemMagicLink',
  'openSurveyInvitation',
  'submitSurveyResponse',
  'openExitQuestionnaire',
  'submitExitQuestionnaire',
  // The team's welcome link (services/auth/teamWelcomeLinks.ts) lets anyone who has it write for one hire, nothing more.
  'openTeamWelcome',
  'writeTeamWelcome',
];
export type TenantOperation = Exclude<keyof operations, PublicOperation>;

type Row = Readonly<Partial<Record<Role, Grant>>>;

const ORGANISATION_READERS: Row = {
  'hr-system': 'any',
  'hr-advisor': 'any',
  recruiter: 'any',
  manager: 'any',
  auditor: 'any',
  admin: 'any',
};
const HR: Row = { 'hr-advisor': 'any', admin: 'any' };
const HR_AND_HRIS: Row = { 'hr-system': 'any', 'hr-advisor': 'any', admin: 'any' };
const AUDIT: Row = { 'hr-advisor': 'any', auditor: 'any', admin: 'any' };
/** Retention analytics and the cost calculator: group figures only, for HR, the auditor and the administrator. */
const ANALYTICS: Row = AUDIT;
/** A hire's record, listed or on its own: the same people see it, to the same extent. */
const HIRE_RECORD: Row = {
  'hr-system': 'any',
  'hr-advisor': 'any',
  recruiter: 'progress',
  manager: 'own',
  mentor: 'own',
  'new-hire': 'own',
  auditor: 'any',
  admin: 'any',
};

/**
 * The permission table, one row per operation of contracts/openapi.yaml (the compiler insists on every one).
 * README.md shows it as a table; test/auth/permissionTable.test.ts keeps the two the same.
 */
export const PERMISSIONS: Readonly<Record<TenantOperation, Row>> = {
  registerHire: { 'hr-system': 'any', 'hr-advisor': 'any', recruiter: 'any', admin: 'any' },
  listHires: HIRE_RECORD,
  getHire: HIRE_RECORD,
  listOpenTasks: {
    'hr-advisor': 'any',
    manager: 'own',
    mentor: 'own',
    'new-hire': 'own',
    auditor: 'any',
    admin: 'any',
  },
  // The history holds what was said in the exit interview: HR, the auditor and the administrator only.
  getHireHistory: AUDIT,
  exportHireHistory: AUDIT,
  verifyHireHistory: AUDIT,
  getHireStateAsOf: AUDIT,
  completeTask: { 'hr-advisor': 'any', manager: 'own', mentor: 'own', 'new-hire': 'own', admin: 'any' },
  answerMentorRequest: { 'hr-advisor': 'any', mentor: 'own', admin: 'any' },
  logMentorMeeting: { 'hr-advisor': 'any', mentor: 'own', 'new-hire': 'own', admin: 'any' },
  // What the team wrote is for the new hire; HR and their manager may see what arrived (not the mentor, not auditors).
  listTeamWelcomeMessages: { 'hr-advisor': 'any', manager: 'own', 'new-hire': 'own', admin: 'any' },
  // What the profile expects of the hire, for those who guide them: HR, their manager and their mentor.
  getHireVacancyProfile: { 'hr-advisor': 'any', manager: 'own', mentor: 'own', admin: 'any' },
  changeStartDate: HR_AND_HRIS,
  withdrawCandidate: { 'hr-system': 'any', 'hr-advisor': 'any', recruiter: 'any', admin: 'any' },
  registerTermination: HR_AND_HRIS,
  recordExitInterview: HR,
  changeLearningLine: { 'hr-advisor': 'any', manager: 'own', admin: 'any' },
  // Any item of one hire's plan, and tasks of HR's own: HR's call, not the manager's (the learning line is theirs too).
  changePlanItem: { 'hr-advisor': 'any', admin: 'any' },
  // Why HR changed a plan: for HR and for auditors, who read the events the reasons belong to.
  listPlanChangeReasons: { 'hr-advisor': 'any', auditor: 'any', admin: 'any' },
  startLeave: HR_AND_HRIS,
  endLeave: HR_AND_HRIS,
  listJourneyTemplates: ORGANISATION_READERS,
  getJourneyTemplate: ORGANISATION_READERS,
  getJourneyTemplateVersion: ORGANISATION_READERS,
  createJourneyTemplate: HR,
  publishJourneyTemplateVersion: HR,
  listVacancyProfiles: ORGANISATION_READERS,
  getVacancyProfile: ORGANISATION_READERS,
  defineVacancyProfile: { 'hr-advisor': 'any', recruiter: 'any', admin: 'any' },
  listWebhookSubscriptions: { auditor: 'any', admin: 'any' },
  saveWebhookSubscription: { admin: 'any' },
  getWebhookSubscription: { auditor: 'any', admin: 'any' },
  deleteWebhookSubscription: { admin: 'any' },
  listWebhookDeliveries: { auditor: 'any', admin: 'any' },
  // Recruiters see whether their hires land (cohort counts), not why people leave or what it costs.
  getCohortRetention: { 'hr-advisor': 'any', recruiter: 'any', auditor: 'any', admin: 'any' },
  getExitThemes: ANALYTICS,
  getExitQuestionnaireReport: ANALYTICS,
  getMissedSteps: ANALYTICS,
  getLeadingIndicators: ANALYTICS,
  getCostOfLeaving: ANALYTICS,
  getCostSettings: ANALYTICS,
  saveCostSettings: HR,
  getTeamNudgeThresholds: ANALYTICS,
  saveTeamNudgeThresholds: HR,
  // Per team, never per person; a manager sees the nudges about their own teams (the ones they were mailed).
  listTeamNudges: { 'hr-advisor': 'any', manager: 'own', auditor: 'any', admin: 'any' },
  listMentors: { 'hr-advisor': 'any', manager: 'any', auditor: 'any', admin: 'any' },
  // A mentor reads their own profile (load against capacity) for their own page, nobody else's.
  getMentor: { 'hr-advisor': 'any', manager: 'any', mentor: 'own', auditor: 'any', admin: 'any' },
  // A mentor may offer themselves (and change their own offer), nobody else.
  offerMentor: { 'hr-advisor': 'any', mentor: 'own', admin: 'any' },
  listMailboxes: AUDIT,
  setMailbox: HR,
  erasePerson: { admin: 'any' },
  listApiKeys: { auditor: 'any', admin: 'any' },
  issueApiKey: { admin: 'any' },
  revokeApiKey: { admin: 'any' },
  // Only about the caller themselves: whoever signed in may ask who they are.
  getSession: {
    'hr-system': 'any',
    'hr-advisor': 'any',
    recruiter: 'any',
    manager: 'any',
    mentor: 'any',
    'new-hire': 'any',
    auditor: 'any',
    admin: 'any',
  },
  getQuestionnaire: ORGANISATION_READERS,
  publishQuestionnaireVersion: HR,
  // Aggregates of groups of at least k only, but still about colleagues: HR, the auditor and the administrator.
  listSurveyWaves: AUDIT,
  getSurveyReport: AUDIT,
  exportSurveyReport: AUDIT,
  getSurveyTrends: AUDIT,
  exportSurveyTrends: AUDIT,
  // The survey's groups beside retention: as the survey report itself.
  getSurveyBesideRetention: AUDIT,
  exportSurveyBesideRetention: AUDIT,
  closeSurveyWave: HR,
  redactSurveyOpenAnswer: HR,
  // Who follows up on which topic, and the yearly analysis: HR's, as the other survey settings; aggregates only.
  getSurveyTopicOwners: AUDIT,
  saveSurveyTopicOwners: HR,
  analyseSurveyYear: HR,
  getSurveyYearAnalysis: AUDIT,
  // A topic's owner (a manager, a mentor) sees and completes the follow-up tasks on their own name; HR all of them.
  listSurveyTopicTasks: { 'hr-advisor': 'any', manager: 'own', mentor: 'own', auditor: 'any', admin: 'any' },
  completeSurveyTopicTask: { 'hr-advisor': 'any', manager: 'own', mentor: 'own', admin: 'any' },
};

/** The widest grant any of the roles holds for the operation; undefined: none of them may. */
export function grantOf(
  operation: TenantOperation,
  roles: readonly Role[],
): { grant: Grant; roles: Role[] } | undefined {
  const row = PERMISSIONS[operation];
  for (const grant of ['any', 'progress', 'own'] as const) {
    const holding = roles.filter((role) => row[role] === grant);
    if (holding.length > 0) return { grant, roles: holding };
  }
  return undefined;
}
