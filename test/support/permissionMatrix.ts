import { randomUUID } from 'node:crypto';
import { PUBLIC_OPERATIONS, type TenantOperation } from '../../services/auth/permissions';
import { ROLES, type Role } from '../../services/auth/roles';
import { loadOpenApiDocument } from '../../services/http/openapiDocument';
import type { StoreAnswer } from '../../services/shared/storeAnswer';
import type { IssueApiKeyRequest, IssuedApiKey } from '../../services/auth/apiKeyStore';
import type { MagicLinkSigner } from '../../services/auth/magicLinks';
import { type ServiceName, describeWithServices } from './serviceAvailability';
import { waitFor } from './waitFor';
import { apiRequest } from './apiRequest';

/**
 * What the matrix needs of a running system: where to send requests, and the stores to issue keys and mailed
 * links in. The in-process system (test/support/runningSystem.ts) is one; the replicas behind a round-robin proxy
 * (test/support/replicaSystem.ts) are another, so one table holds for both.
 */
export interface PermissionMatrixSystem {
  readonly baseUrl: string;
  readonly apiKeys: { issue(request: IssueApiKeyRequest): StoreAnswer<IssuedApiKey> };
  readonly magicLinks: { readonly signer: MagicLinkSigner };
  stop(): Promise<void>;
}

/**
 * Who may call which operation, as a user of a Dutch youth-care organisation would expect it, written out by
 * hand. Deliberately not derived from services/auth/permissions.ts: a wrong cell there must make this fail.
 *
 * Columns follow ROLES: hr-system, hr-advisor, recruiter, manager, mentor, new-hire, auditor, admin.
 * Y: allowed (for the personal roles: on a hire they are related to, their own task, themselves); _: refused.
 */
const Y = true;
const _ = false;
type RowOfRoles = readonly [boolean, boolean, boolean, boolean, boolean, boolean, boolean, boolean];

// prettier-ignore
const EXPECTED: Record<TenantOperation, RowOfRoles> = {
  //                              hr-system hr-adv recruit manager mentor new-hire auditor admin
  registerHire: [Y, Y, Y, _, _, _, _, Y],
  listHires: [Y, Y, Y, Y, Y, Y, Y, Y],
  getHire: [Y, Y, Y, Y, Y, Y, Y, Y],
  // Task lists are for people who do tasks (and those who check on them); the HRIS and recruiters do none.
  listOpenTasks: [_, Y, _, Y, Y, Y, Y, Y],
  // The history holds the exit interview's reasons: HR, the auditor and the administrator only.
  getHireHistory: [_, Y, _, _, _, _, Y, Y],
  exportHireHistory: [_, Y, _, _, _, _, Y, Y],
  verifyHireHistory: [_, Y, _, _, _, _, Y, Y],
  getHireStateAsOf: [_, Y, _, _, _, _, Y, Y],
  completeTask: [_, Y, _, Y, Y, Y, _, Y],
  answerMentorRequest: [_, Y, _, _, Y, _, _, Y],
  logMentorMeeting: [_, Y, _, _, Y, Y, _, Y],
  listTeamWelcomeMessages: [_, Y, _, Y, _, Y, _, Y],
  getHireVacancyProfile: [_, Y, _, Y, Y, _, _, Y],
  changeStartDate: [Y, Y, _, _, _, _, _, Y],
  withdrawCandidate: [Y, Y, Y, _, _, _, _, Y],
  registerTermination: [Y, Y, _, _, _, _, _, Y],
  // The interview itself is HR's conversation; the HRIS only reports that someone leaves.
  recordExitInterview: [_, Y, _, _, _, _, _, Y],
  changeLearningLine: [_, Y, _, Y, _, _, _, Y],
  changePlanItem: [_, Y, _, _, _, _, _, Y],
  listPlanChangeReasons: [_, Y, _, _, _, _, Y, Y],
  startLeave: [Y, Y, _, _, _, _, _, Y],
  endLeave: [Y, Y, _, _, _, _, _, Y],
  listJourneyTemplates: [Y, Y, Y, Y, _, _, Y, Y],
  getJourneyTemplate: [Y, Y, Y, Y, _, _, Y, Y],
  getJourneyTemplateVersion: [Y, Y, Y, Y, _, _, Y, Y],
  createJourneyTemplate: [_, Y, _, _, _, _, _, Y],
  publishJourneyTemplateVersion: [_, Y, _, _, _, _, _, Y],
  listVacancyProfiles: [Y, Y, Y, Y, _, _, Y, Y],
  getVacancyProfile: [Y, Y, Y, Y, _, _, Y, Y],
  defineVacancyProfile: [_, Y, Y, _, _, _, _, Y],
  // Webhooks send hire events out of the organisation: only the administrator sets them up.
  listWebhookSubscriptions: [_, _, _, _, _, _, Y, Y],
  saveWebhookSubscription: [_, _, _, _, _, _, _, Y],
  getWebhookSubscription: [_, _, _, _, _, _, Y, Y],
  deleteWebhookSubscription: [_, _, _, _, _, _, _, Y],
  listWebhookDeliveries: [_, _, _, _, _, _, Y, Y],
  // Whether hires land is for HR and the recruiters who found them; why people leave and what it costs only for
  // HR, the auditor and the administrator. Group figures, never a person: managers get no analytics view.
  getCohortRetention: [_, Y, Y, _, _, _, Y, Y],
  getExitThemes: [_, Y, _, _, _, _, Y, Y],
  getExitQuestionnaireReport: [_, Y, _, _, _, _, Y, Y],
  getMissedSteps: [_, Y, _, _, _, _, Y, Y],
  getLeadingIndicators: [_, Y, _, _, _, _, Y, Y],
  getCostOfLeaving: [_, Y, _, _, _, _, Y, Y],
  getCostSettings: [_, Y, _, _, _, _, Y, Y],
  saveCostSettings: [_, Y, _, _, _, _, _, Y],
  getTeamNudgeThresholds: [_, Y, _, _, _, _, Y, Y],
  saveTeamNudgeThresholds: [_, Y, _, _, _, _, _, Y],
  // Managers see the nudges about their own teams.
  listTeamNudges: [_, Y, _, Y, _, _, Y, Y],
  listMentors: [_, Y, _, Y, _, _, Y, Y],
  // A mentor reads their own profile only (the call names the mentor themselves).
  getMentor: [_, Y, _, Y, Y, _, Y, Y],
  listMailboxes: [_, Y, _, _, _, _, Y, Y],
  offerMentor: [_, Y, _, _, Y, _, _, Y],
  setMailbox: [_, Y, _, _, _, _, _, Y],
  // Erasure (AVG art. 17) cannot be undone: one accountable role.
  erasePerson: [_, _, _, _, _, _, _, Y],
  // The questionnaire is no secret; changing it, and closing a survey round, is HR's.
  getQuestionnaire: [Y, Y, Y, Y, _, _, Y, Y],
  publishQuestionnaireVersion: [_, Y, _, _, _, _, _, Y],
  // Survey results are about colleagues, even as aggregates of five or more: HR, the auditor and the administrator.
  listSurveyWaves: [_, Y, _, _, _, _, Y, Y],
  getSurveyReport: [_, Y, _, _, _, _, Y, Y],
  exportSurveyReport: [_, Y, _, _, _, _, Y, Y],
  getSurveyTrends: [_, Y, _, _, _, _, Y, Y],
  exportSurveyTrends: [_, Y, _, _, _, _, Y, Y],
  getSurveyBesideRetention: [_, Y, _, _, _, _, Y, Y],
  exportSurveyBesideRetention: [_, Y, _, _, _, _, Y, Y],
  closeSurveyWave: [_, Y, _, _, _, _, _, Y],
  redactSurveyOpenAnswer: [_, Y, _, _, _, _, _, Y],
  // The yearly analysis is HR's; a topic's owner (a manager, a mentor) sees and completes their own follow-up tasks.
  getSurveyTopicOwners: [_, Y, _, _, _, _, Y, Y],
  saveSurveyTopicOwners: [_, Y, _, _, _, _, _, Y],
  analyseSurveyYear: [_, Y, _, _, _, _, _, Y],
  getSurveyYearAnalysis: [_, Y, _, _, _, _, Y, Y],
  listSurveyTopicTasks: [_, Y, _, Y, Y, _, Y, Y],
  completeSurveyTopicTask: [_, Y, _, Y, Y, _, _, Y],
  // Keys are the administrator's; the auditor may see which exist (never their secrets).
  listApiKeys: [_, _, _, _, _, _, Y, Y],
  issueApiKey: [_, _, _, _, _, _, _, Y],
  revokeApiKey: [_, _, _, _, _, _, _, Y],
  // Only about the caller: who the API takes them for (the web app asks after an OIDC sign-in).
  getSession: [Y, Y, Y, Y, Y, Y, Y, Y],
};

// Outside the table: the platform's endpoints, and the operations whose token is their own credential
// (PUBLIC_OPERATIONS, pinned word for word by test/auth/permissionTable.test.ts).
const PLATFORM_OPERATIONS: readonly string[] = PUBLIC_OPERATIONS;

interface Call {
  readonly method: 'GET' | 'POST' | 'PUT' | 'DELETE';
  readonly path: string;
  readonly body?: unknown;
}

/** The people the personal roles play; each is related to the one fixture hire. */
const MANAGER_REF = 'mgr-matrix';
const MENTOR_REF = 'mentor-matrix';
/** A task of the hire owned by each personal role (RvdK template); the others complete an IT task. */
const OWN_TASK: Partial<Record<Role, string>> = {
  manager: 'task:read-cv-and-ask-interviewers',
  mentor: 'milestone:tailor-programme',
  'new-hire': 'task:vog-application',
};

export function describePermissionMatrix(
  title: string,
  services: readonly ServiceName[],
  start: () => Promise<PermissionMatrixSystem>,
  startTimeoutMs = 90_000,
): void {
  describeWithServices(services, title, () => {
    let system: PermissionMatrixSystem;
    const organisationId = `jeugdzorg-${randomUUID().slice(0, 8)}`;
    // The new hire's person reference is their hire id.
    const hireId = `h-${randomUUID().slice(0, 8)}`;
    const tokens = {} as Record<Role, string>;

    const personRefs: Partial<Record<Role, string>> = { manager: MANAGER_REF, mentor: MENTOR_REF, 'new-hire': hireId };
    const personRefOf = (role: Role): string | undefined => personRefs[role];

    const send = (token: string, method: string, path: string, body?: unknown, extra: Record<string, string> = {}) =>
      apiRequest(system.baseUrl, organisationId, method, path, body, { authorization: `Bearer ${token}`, ...extra });
    const asAdmin = (method: string, path: string, body?: unknown, extra: Record<string, string> = {}) =>
      send(tokens.admin, method, path, body, extra);
    const adminJson = async (path: string) => (await asAdmin('GET', path)).json() as Promise<any>;

    beforeAll(async () => {
      system = await start();
      for (const role of ROLES) {
        const personRef = personRefOf(role);
        tokens[role] = (
          await system.apiKeys.issue({
            organisationId,
            roles: [role],
            ...(personRef ? { personRef } : {}),
            label: `matrix ${role}`,
            createdBy: 'test',
          })
        ).token;
      }

      // One hire every personal role is related to: the manager by the registration, the mentor by accepting,
      // the new hire by being it. The RvdK template gives each of them a task of their own.
      const offered = await asAdmin('PUT', `/mentors/${MENTOR_REF}`, {
        team: 'Team Matrix',
        location: 'Tiel',
        experienceYears: 10,
        hoursPerWeekAvailable: 10,
        maxMentees: 2,
        active: true,
      });
      expect(offered.status).toBe(200);
      const registered = await asAdmin(
        'POST',
        '/hires',
        {
          hireId,
          startDate: '2027-03-01',
          role: 'Jeugdzorgwerker',
          team: 'Team Matrix',
          location: 'Tiel',
          managerRef: MANAGER_REF,
          templateId: 'rvdk-two-year-programme',
        },
        { 'idempotency-key': randomUUID() },
      );
      expect(registered.status).toBe(201);
      await waitFor(
        () => adminJson(`/hires/${hireId}`),
        (view) => view.mentor?.status === 'asked',
        30_000,
      );
      const accepted = await asAdmin(
        'POST',
        `/hires/${hireId}/mentor-answer`,
        { mentorRef: MENTOR_REF, accept: true },
        { 'idempotency-key': randomUUID() },
      );
      expect(accepted.status).toBe(200);

      // Authorization decides 'own' from the read models, which follow a moment later.
      await waitFor(
        () => adminJson('/hires'),
        (list) => list.hires.some((hire: any) => hire.hireId === hireId && hire.mentorRef === MENTOR_REF),
      );
      for (const ownerRole of ['manager', 'mentor', 'new-hire'] as const) {
        await waitFor(
          () => adminJson(`/tasks?ownerRole=${ownerRole}&ownerRef=${personRefOf(ownerRole)}`),
          (list) => list.tasks.some((task: any) => task.hireId === hireId && task.itemId === OWN_TASK[ownerRole]),
        );
      }
    }, startTimeoutMs);
    afterAll(async () => {
      await system?.stop();
    });

    /**
     * The cheapest request per operation that authorization must decide. Writes go without an Idempotency-Key or
     * with an empty body: an allowed caller gets a 400 and nothing changes, so no cell disturbs another.
     */
    const CALLS: Record<TenantOperation, (role: Role) => Call> = {
      registerHire: () => ({ method: 'POST', path: '/hires', body: {} }),
      listHires: () => ({ method: 'GET', path: '/hires' }),
      getHire: () => ({ method: 'GET', path: `/hires/${hireId}` }),
      listTeamWelcomeMessages: () => ({ method: 'GET', path: `/hires/${hireId}/team-welcome-messages` }),
      getHireVacancyProfile: () => ({ method: 'GET', path: `/hires/${hireId}/vacancy-profile` }),
      // A person lists the tasks of their own role; an organisation-wide role asks for HR's.
      listOpenTasks: (role) => ({ method: 'GET', path: `/tasks?ownerRole=${personRefOf(role) ? role : 'hr'}` }),
      getHireHistory: () => ({ method: 'GET', path: `/hires/${hireId}/history` }),
      exportHireHistory: () => ({ method: 'GET', path: `/hires/${hireId}/history/export` }),
      verifyHireHistory: () => ({ method: 'GET', path: `/hires/${hireId}/history/verification` }),
      getHireStateAsOf: () => ({ method: 'GET', path: `/hires/${hireId}/state` }),
      completeTask: (role) => ({
        method: 'POST',
        path: `/hires/${hireId}/tasks/${OWN_TASK[role] ?? 'task:accounts-ready'}/completion`,
      }),
      // A mentor answers in their own name (else refused as answering for someone else); `accept` is left out.
      answerMentorRequest: () => ({
        method: 'POST',
        path: `/hires/${hireId}/mentor-answer`,
        body: { mentorRef: MENTOR_REF },
      }),
      logMentorMeeting: () => ({ method: 'POST', path: `/hires/${hireId}/mentor-meetings`, body: { minutes: 30 } }),
      changeStartDate: () => ({ method: 'PUT', path: `/hires/${hireId}/start-date`, body: {} }),
      withdrawCandidate: () => ({ method: 'POST', path: `/hires/${hireId}/withdrawal`, body: {} }),
      registerTermination: () => ({ method: 'POST', path: `/hires/${hireId}/termination`, body: {} }),
      recordExitInterview: () => ({ method: 'POST', path: `/hires/${hireId}/exit-interview`, body: {} }),
      changeLearningLine: () => ({ method: 'POST', path: `/hires/${hireId}/learning-line/changes`, body: {} }),
      changePlanItem: () => ({ method: 'POST', path: `/hires/${hireId}/plan-changes`, body: {} }),
      listPlanChangeReasons: () => ({ method: 'GET', path: `/hires/${hireId}/plan-changes` }),
      startLeave: () => ({ method: 'POST', path: `/hires/${hireId}/leave`, body: {} }),
      endLeave: () => ({ method: 'POST', path: `/hires/${hireId}/leave/end`, body: {} }),
      listJourneyTemplates: () => ({ method: 'GET', path: '/journey-templates' }),
      getJourneyTemplate: () => ({ method: 'GET', path: '/journey-templates/rvdk-two-year-programme' }),
      // No version of it is published in the fixture organisation: an allowed caller gets the operation's 404.
      getJourneyTemplateVersion: () => ({ method: 'GET', path: '/journey-templates/matrix-template/versions/1' }),
      createJourneyTemplate: () => ({ method: 'POST', path: '/journey-templates', body: {} }),
      publishJourneyTemplateVersion: () => ({ method: 'PUT', path: '/journey-templates/matrix-template', body: {} }),
      listVacancyProfiles: () => ({ method: 'GET', path: '/vacancy-profiles' }),
      getVacancyProfile: () => ({ method: 'GET', path: '/vacancy-profiles/matrix-profile' }),
      defineVacancyProfile: () => ({ method: 'PUT', path: '/vacancy-profiles/matrix-profile', body: {} }),
      listWebhookSubscriptions: () => ({ method: 'GET', path: '/webhooks' }),
      saveWebhookSubscription: () => ({ method: 'PUT', path: '/webhooks/matrix-hook', body: {} }),
      getWebhookSubscription: () => ({ method: 'GET', path: '/webhooks/matrix-hook' }),
      deleteWebhookSubscription: () => ({ method: 'DELETE', path: '/webhooks/matrix-hook' }),
      listWebhookDeliveries: () => ({ method: 'GET', path: '/webhooks/matrix-hook/deliveries' }),
      getCohortRetention: () => ({ method: 'GET', path: '/analytics/retention' }),
      getExitThemes: () => ({ method: 'GET', path: '/analytics/exit-themes' }),
      getExitQuestionnaireReport: () => ({ method: 'GET', path: '/analytics/exit-questionnaire' }),
      getMissedSteps: () => ({ method: 'GET', path: '/analytics/missed-steps' }),
      getLeadingIndicators: () => ({ method: 'GET', path: '/analytics/leading-indicators' }),
      getCostOfLeaving: () => ({ method: 'GET', path: '/analytics/cost' }),
      getCostSettings: () => ({ method: 'GET', path: '/cost-settings' }),
      saveCostSettings: () => ({ method: 'PUT', path: '/cost-settings', body: {} }),
      getTeamNudgeThresholds: () => ({ method: 'GET', path: '/team-nudge-thresholds' }),
      saveTeamNudgeThresholds: () => ({ method: 'PUT', path: '/team-nudge-thresholds', body: {} }),
      listTeamNudges: () => ({ method: 'GET', path: '/analytics/team-nudges' }),
      listMentors: () => ({ method: 'GET', path: '/mentors' }),
      getMentor: () => ({ method: 'GET', path: `/mentors/${MENTOR_REF}` }),
      listMailboxes: () => ({ method: 'GET', path: '/mailboxes' }),
      // A mentor offers themselves (anyone else is refused as offering someone else).
      offerMentor: () => ({ method: 'PUT', path: `/mentors/${MENTOR_REF}`, body: {} }),
      setMailbox: () => ({ method: 'PUT', path: '/mailboxes/hr', body: {} }),
      // Nobody of this organisation: erasing them changes nothing, whoever is let through.
      erasePerson: () => ({ method: 'DELETE', path: '/people/nobody-in-particular' }),
      listApiKeys: () => ({ method: 'GET', path: '/api-keys' }),
      issueApiKey: () => ({ method: 'POST', path: '/api-keys', body: {} }),
      // A key id no key has: an administrator gets 404, and no key is revoked.
      revokeApiKey: () => ({ method: 'DELETE', path: '/api-keys/0000000000000000' }),
      getSession: () => ({ method: 'GET', path: '/session' }),
      getQuestionnaire: () => ({ method: 'GET', path: '/questionnaires/ninety-days' }),
      publishQuestionnaireVersion: () => ({ method: 'PUT', path: '/questionnaires/ninety-days', body: {} }),
      listSurveyWaves: () => ({ method: 'GET', path: '/survey-waves' }),
      // A wave nobody was invited to: an allowed caller gets 404, and nothing closes.
      getSurveyReport: () => ({ method: 'GET', path: '/survey-waves/ninety-days-2001-Q1/report' }),
      exportSurveyReport: () => ({ method: 'GET', path: '/survey-waves/ninety-days-2001-Q1/report/export' }),
      getSurveyTrends: () => ({ method: 'GET', path: '/questionnaires/ninety-days/trends' }),
      exportSurveyTrends: () => ({ method: 'GET', path: '/questionnaires/ninety-days/trends/export' }),
      getSurveyBesideRetention: () => ({
        method: 'GET',
        path: '/analytics/survey-retention?waveId=ninety-days-2001-Q1',
      }),
      exportSurveyBesideRetention: () => ({
        method: 'GET',
        path: '/analytics/survey-retention/export?waveId=ninety-days-2001-Q1',
      }),
      closeSurveyWave: () => ({ method: 'POST', path: '/survey-waves/ninety-days-2001-Q1/closure' }),
      redactSurveyOpenAnswer: () => ({
        method: 'POST',
        path: '/survey-waves/ninety-days-2001-Q1/open-answers/AAAAAAAAAAAAAAAAAAAAAA/redaction',
        body: { reason: 'noemt een collega' },
      }),
      getSurveyTopicOwners: () => ({ method: 'GET', path: '/survey-topic-owners' }),
      saveSurveyTopicOwners: () => ({ method: 'PUT', path: '/survey-topic-owners', body: {} }),
      analyseSurveyYear: () => ({ method: 'POST', path: '/questionnaires/ninety-days/year-analyses', body: {} }),
      getSurveyYearAnalysis: () => ({ method: 'GET', path: '/questionnaires/ninety-days/year-analyses/2001' }),
      listSurveyTopicTasks: () => ({ method: 'GET', path: '/survey-topic-tasks' }),
      completeSurveyTopicTask: () => ({
        method: 'POST',
        path: '/survey-topic-tasks/ninety-days-2001-guidance/completion',
      }),
    };

    /**
     * What each operation answers a caller who is let through, written out by hand: the answer itself, the
     * operation's own validation of the cheap request (400 invalid-request, no Idempotency-Key or an empty body)
     * or its own "not found" for an id that is not there. Never a 404 for a route or a hire that is not found: a
     * call that did not reach its operation proves nothing about the cell.
     */
    const ALLOWED: Record<TenantOperation, string> = {
      registerHire: '400 /problems/invalid-request',
      listHires: '200',
      getHire: '200',
      listTeamWelcomeMessages: '200',
      // The hire of this test was registered without a profile: the operation's own answer, past authorization.
      getHireVacancyProfile: '404 /problems/hire-without-vacancy-profile',
      listOpenTasks: '200',
      getHireHistory: '200',
      exportHireHistory: '200',
      verifyHireHistory: '200',
      getHireStateAsOf: '200',
      completeTask: '400 /problems/invalid-request',
      answerMentorRequest: '400 /problems/invalid-request',
      logMentorMeeting: '400 /problems/invalid-request',
      changeStartDate: '400 /problems/invalid-request',
      withdrawCandidate: '400 /problems/invalid-request',
      registerTermination: '400 /problems/invalid-request',
      recordExitInterview: '400 /problems/invalid-request',
      changeLearningLine: '400 /problems/invalid-request',
      changePlanItem: '400 /problems/invalid-request',
      listPlanChangeReasons: '200',
      startLeave: '400 /problems/invalid-request',
      endLeave: '400 /problems/invalid-request',
      listJourneyTemplates: '200',
      getJourneyTemplate: '200',
      getJourneyTemplateVersion: '404 /problems/template-version-not-found',
      createJourneyTemplate: '400 /problems/invalid-request',
      publishJourneyTemplateVersion: '400 /problems/invalid-request',
      listVacancyProfiles: '200',
      getVacancyProfile: '404 /problems/vacancy-profile-not-found',
      defineVacancyProfile: '400 /problems/invalid-request',
      listWebhookSubscriptions: '200',
      saveWebhookSubscription: '400 /problems/invalid-request',
      getWebhookSubscription: '404 /problems/webhook-not-found',
      deleteWebhookSubscription: '404 /problems/webhook-not-found',
      listWebhookDeliveries: '404 /problems/webhook-not-found',
      getCohortRetention: '200',
      getExitThemes: '200',
      getExitQuestionnaireReport: '200',
      getMissedSteps: '200',
      getLeadingIndicators: '200',
      getCostOfLeaving: '200',
      getCostSettings: '200',
      saveCostSettings: '400 /problems/invalid-request',
      getTeamNudgeThresholds: '200',
      saveTeamNudgeThresholds: '400 /problems/invalid-request',
      listTeamNudges: '200',
      listMentors: '200',
      getMentor: '200',
      listMailboxes: '200',
      offerMentor: '400 /problems/invalid-request',
      setMailbox: '400 /problems/invalid-request',
      erasePerson: '204',
      listApiKeys: '200',
      issueApiKey: '400 /problems/invalid-request',
      revokeApiKey: '404 /problems/api-key-not-found',
      getSession: '200',
      getQuestionnaire: '200',
      publishQuestionnaireVersion: '400 /problems/invalid-request',
      listSurveyWaves: '200',
      getSurveyReport: '404 /problems/survey-wave-not-found',
      exportSurveyReport: '404 /problems/survey-wave-not-found',
      getSurveyTrends: '200',
      exportSurveyTrends: '200',
      getSurveyBesideRetention: '404 /problems/survey-wave-not-found',
      exportSurveyBesideRetention: '404 /problems/survey-wave-not-found',
      closeSurveyWave: '404 /problems/survey-wave-not-found',
      redactSurveyOpenAnswer: '404 /problems/survey-wave-not-found',
      getSurveyTopicOwners: '200',
      saveSurveyTopicOwners: '400 /problems/invalid-request',
      analyseSurveyYear: '400 /problems/invalid-request',
      getSurveyYearAnalysis: '404 /problems/survey-year-analysis-not-found',
      listSurveyTopicTasks: '200',
      completeSurveyTopicTask: '404 /problems/survey-topic-task-not-found',
    };

    it('has a row for every operation of the contract but the platform probes', () => {
      const document = loadOpenApiDocument();
      const operations = Object.values(document.paths)
        .flatMap((item) => Object.values(item))
        .map((operation) => (operation as { operationId?: string }).operationId)
        .filter((id): id is string => id !== undefined && !PLATFORM_OPERATIONS.includes(id));
      expect(Object.keys(EXPECTED).sort()).toEqual([...operations].sort());
    });

    const cells = (Object.entries(EXPECTED) as [TenantOperation, RowOfRoles][]).flatMap(([operation, row]) =>
      ROLES.map((role, column) => [operation, role, row[column] ? 'allowed' : 'refused'] as const),
    );

    it.each(cells)('%s as %s: %s', async (operation, role, expected) => {
      await expectCell(tokens[role], operation, role, expected);
    });

    /**
     * The people without an account, the mentor and the new hire, in the session their mailed link opened: the same
     * cells as with a key of that one role, for the same person. A link's purpose opens a page, never more rights.
     */
    const magicLinkCells = cells.filter(([, role]) => role === 'mentor' || role === 'new-hire');
    it.each(magicLinkCells)('%s as %s by magic link: %s', async (operation, role, expected) => {
      const purpose = role === 'mentor' ? 'mentor-request' : 'welcome';
      const link = system.magicLinks.signer.issueLink({
        organisationId,
        personRef: personRefOf(role)!,
        role: role as 'mentor' | 'new-hire',
        purpose,
        hireId,
      });
      const redeemed = await fetch(`${system.baseUrl}/sessions/magic-link`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ token: link }),
      });
      expect(redeemed.status).toBe(201);
      await expectCell(((await redeemed.json()) as { token: string }).token, operation, role, expected);
    });

    async function expectCell(token: string, operation: TenantOperation, role: Role, expected: 'allowed' | 'refused') {
      const call = CALLS[operation](role);
      const response = await send(token, call.method, call.path, call.body);
      const body = response.headers.get('content-type')?.startsWith('application/problem+json')
        ? ((await response.json()) as { type?: string })
        : undefined;
      const outcome = `${response.status} ${body?.type ?? ''}`.trim();
      if (expected === 'refused') {
        // The auditor is told why: it only reads. Anyone else is simply not allowed.
        const type = role === 'auditor' && call.method !== 'GET' ? '/problems/read-only-role' : '/problems/forbidden';
        expect(outcome).toBe(`403 ${type}`);
      } else {
        // Let through: the operation itself answers, exactly as it answers the administrator.
        expect(outcome).toBe(ALLOWED[operation]);
      }
    }
  });
}
