import { Redirect, Route, Switch, useLocation } from 'wouter';
import { HiresOverviewPage } from './features/hires/HiresOverviewPage';
import { MagicLinkPage } from './features/magicLink/MagicLinkPage';
import { SignInPage } from './features/signIn/SignInPage';
import { SurveyPage } from './features/survey/SurveyPage';
import { SignedInPage } from './features/workAccount/SignedInPage';
import { SIGNED_IN_PATH } from './features/workAccount/workAccountFlow';
import { AppLayout } from './layout/AppLayout';
import { NotFound } from './layout/NotFound';
import { ORGANISATION_ROLES, useSession } from './session/session';
import { Loading, lazyNamed } from './layout/lazyPage';

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

/** Page paths, under /app/ (the API's paths are at the root; see contracts/openapi.yaml's servers). */
export function App() {
  const { session } = useSession();
  const [location] = useLocation();
  // A link from a mail opens its own session, whoever is signed in in this tab.
  // The survey's personal link is its own credential: it opens the survey without signing in, and nothing else.
  if (location === '/survey') {
    return (
      <AppLayout>
        <SurveyPage />
      </AppLayout>
    );
  }
  // So is the leaver's link to the exit questionnaire.
  if (location === '/exit-questionnaire') {
    return (
      <AppLayout>
        <Loading>
          <ExitQuestionnairePage />
        </Loading>
      </AppLayout>
    );
  }
  // And the team's welcome link, forwarded by the manager: colleagues write for the new hire without an account.
  if (location === '/team-welcome') {
    return (
      <AppLayout>
        <Loading>
          <TeamWelcomePage />
        </Loading>
      </AppLayout>
    );
  }
  if (location === '/link') {
    return (
      <AppLayout>
        <MagicLinkPage />
      </AppLayout>
    );
  }
  // The identity provider's way back, before the session exists that it opens.
  if (location === SIGNED_IN_PATH) {
    return (
      <AppLayout>
        <SignedInPage />
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
          <Switch>
            <Route path="/">
              {ORGANISATION_ROLES.includes(session.role) ? (
                <Redirect to="/hires" replace />
              ) : (
                <Redirect to={session.role === 'new-hire' ? '/welcome' : '/tasks'} replace />
              )}
            </Route>
            <Route path="/welcome" component={WelcomePage} />
            <Route path="/mentor-requests/:hireId">
              {(params) => <MentorRequestPage key={params.hireId} hireId={decodeURIComponent(params.hireId)} />}
            </Route>
            <Route path="/sign-in">
              <Redirect to="/" replace />
            </Route>
            <Route path="/hires" component={HiresOverviewPage} />
            <Route path="/hires/new" component={RegisterHirePage} />
            <Route path="/hires/:hireId/audit">
              {(params) => <HireAuditPage key={params.hireId} hireId={decodeURIComponent(params.hireId)} />}
            </Route>
            <Route path="/audit" component={AuditIndexPage} />
            <Route path="/setup/*?">
              <SetupRoutes />
            </Route>
            <Route path="/hires/:hireId">
              {(params) => <HirePage key={params.hireId} hireId={decodeURIComponent(params.hireId)} />}
            </Route>
            <Route path="/tasks" component={TasksInboxPage} />
            <Route path="/mentor" component={MentorPage} />
            <Route path="/survey-reports" component={SurveyReportPage} />
            <Route path="/analytics" component={RetentionPage} />
            <Route path="/analytics/cost" component={CostPage} />
            <Route path="/analytics/survey" component={SurveyRetentionPage} />
            <Route path="/analytics/nudges" component={TeamNudgesPage} />
            <Route>
              <NotFound />
            </Route>
          </Switch>
        </Loading>
      )}
    </AppLayout>
  );
}
