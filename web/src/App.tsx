import type { ComponentType } from 'react';
import { Redirect, Route, useLocation } from 'wouter';
import { HiresOverviewPage } from './features/hires/HiresOverviewPage';
import { MagicLinkPage } from './features/magicLink/MagicLinkPage';
import { SignInPage } from './features/signIn/SignInPage';
import { SurveyPage } from './features/survey/SurveyPage';
import { SignedInPage } from './features/workAccount/SignedInPage';
import { SIGNED_IN_PATH } from './features/workAccount/workAccountFlow';
import { AppLayout } from './layout/AppLayout';
import { ORGANISATION_ROLES, useSession } from './session/session';
import { Loading, lazyNamed } from './layout/lazyPage';
import { PageSwitch, pageNamedBy } from './layout/pageRoutes';

// Every page of the signed-in app but the HR overview (the first page HR sees) comes in its own chunk when first shown.
const CostPage = lazyNamed(() => import('./features/analytics/CostPage'), 'CostPage');
const RetentionPage = lazyNamed(() => import('./features/analytics/RetentionPage'), 'RetentionPage');
const SurveyRetentionPage = lazyNamed(() => import('./features/analytics/SurveyRetentionPage'), 'SurveyRetentionPage');
const TeamNudgesPage = lazyNamed(() => import('./features/analytics/TeamNudgesPage'), 'TeamNudgesPage');
const RegisterHirePage = lazyNamed(() => import('./features/hires/RegisterHirePage'), 'RegisterHirePage');
const HirePage = lazyNamed(() => import('./features/hires/HirePage'), 'HirePage');
const MentorRequestPage = lazyNamed(() => import('./features/magicLink/MentorRequestPage'), 'MentorRequestPage');
const MentorPage = lazyNamed(() => import('./features/mentor/MentorPage'), 'MentorPage');
const WelcomePage = lazyNamed(() => import('./features/magicLink/WelcomePage'), 'WelcomePage');
const AuditIndexPage = lazyNamed(() => import('./features/audit/AuditIndexPage'), 'AuditIndexPage');
const HireAuditPage = lazyNamed(() => import('./features/audit/HireAuditPage'), 'HireAuditPage');
const SetupRoutes = lazyNamed(() => import('./features/setup/SetupRoutes'), 'SetupRoutes');
const SurveyReportPage = lazyNamed(() => import('./features/survey/SurveyReportPage'), 'SurveyReportPage');
const TasksInboxPage = lazyNamed(() => import('./features/tasks/TasksInboxPage'), 'TasksInboxPage');
const TeamWelcomePage = lazyNamed(() => import('./features/teamWelcome/TeamWelcomePage'), 'TeamWelcomePage');
const ExitQuestionnairePage = lazyNamed(
  () => import('./features/exitQuestionnaire/ExitQuestionnairePage'),
  'ExitQuestionnairePage',
);

/**
 * What a link opens whoever is signed in in this tab (a link from a mail opens its own session): the survey's
 * personal link is its own credential, it opens the survey without signing in and nothing else; so is the leaver's
 * link to the exit questionnaire; and the team's welcome link, forwarded by the manager: colleagues write for the
 * new hire without an account. Last, the identity provider's way back, before the session exists that it opens.
 * `lazy`: the page comes in a chunk of its own, the loading line shown until it is in.
 */
const OPEN_PAGES = new Map<string, { page: ComponentType; lazy?: true }>([
  ['/survey', { page: SurveyPage }],
  ['/exit-questionnaire', { page: ExitQuestionnairePage, lazy: true }],
  ['/team-welcome', { page: TeamWelcomePage, lazy: true }],
  ['/link', { page: MagicLinkPage }],
  [SIGNED_IN_PATH, { page: SignedInPage }],
]);

/** The signed-in app's pages (the set-up pages aside) by path. */
const PAGES = [
  ['/welcome', WelcomePage],
  ['/mentor-requests/:hireId', pageNamedBy(MentorRequestPage, 'hireId')],
  ['/hires', HiresOverviewPage],
  ['/hires/new', RegisterHirePage],
  ['/hires/:hireId/audit', pageNamedBy(HireAuditPage, 'hireId')],
  ['/audit', AuditIndexPage],
  ['/hires/:hireId', pageNamedBy(HirePage, 'hireId')],
  ['/tasks', TasksInboxPage],
  ['/mentor', MentorPage],
  ['/survey-reports', SurveyReportPage],
  ['/analytics', RetentionPage],
  ['/analytics/cost', CostPage],
  ['/analytics/survey', SurveyRetentionPage],
  ['/analytics/nudges', TeamNudgesPage],
] as const;

/** Page paths, under /app/ (the API's paths are at the root; see contracts/openapi.yaml's servers). */
export function App() {
  const { session } = useSession();
  const [location] = useLocation();
  const open = OPEN_PAGES.get(location);
  if (open) {
    return (
      <AppLayout>
        {open.lazy ? (
          <Loading>
            <open.page />
          </Loading>
        ) : (
          <open.page />
        )}
      </AppLayout>
    );
  }
  return (
    <AppLayout>
      {!session ? (
        // Every page asks to sign in first; the address stays, so the page opens once signed in.
        <SignInPage />
      ) : (
        <Loading>
          <PageSwitch pages={PAGES}>
            <Route path="/">
              {ORGANISATION_ROLES.includes(session.role) ? (
                <Redirect to="/hires" replace />
              ) : (
                <Redirect to={session.role === 'new-hire' ? '/welcome' : '/tasks'} replace />
              )}
            </Route>
            <Route path="/sign-in">
              <Redirect to="/" replace />
            </Route>
            <Route path="/setup/*?">
              <SetupRoutes />
            </Route>
          </PageSwitch>
        </Loading>
      )}
    </AppLayout>
  );
}
