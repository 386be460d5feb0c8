import { Redirect, Route, Switch, useLocation } from 'wouter';
import { CostPage } from './features/analytics/CostPage';
import { RetentionPage } from './features/analytics/RetentionPage';
import { SurveyRetentionPage } from './features/analytics/SurveyRetentionPage';
import { TeamNudgesPage } from './features/analytics/TeamNudgesPage';
import { RegisterHirePage } from './features/hires/RegisterHirePage';
import { HirePage } from './features/hires/HirePage';
import { HiresOverviewPage } from './features/hires/HiresOverviewPage';
import { MagicLinkPage } from './features/magicLink/MagicLinkPage';
import { MentorRequestPage } from './features/magicLink/MentorRequestPage';
import { MentorPage } from './features/mentor/MentorPage';
import { WelcomePage } from './features/magicLink/WelcomePage';
import { AuditIndexPage } from './features/audit/AuditIndexPage';
import { HireAuditPage } from './features/audit/HireAuditPage';
import { SetupRoutes } from './features/setup/SetupRoutes';
import { SignInPage } from './features/signIn/SignInPage';
import { SurveyPage } from './features/survey/SurveyPage';
import { SurveyReportPage } from './features/survey/SurveyReportPage';
import { TasksInboxPage } from './features/tasks/TasksInboxPage';
import { SignedInPage } from './features/workAccount/SignedInPage';
import { SIGNED_IN_PATH } from './features/workAccount/workAccountFlow';
import { AppLayout } from './layout/AppLayout';
import { NotFound } from './layout/NotFound';
import { ORGANISATION_ROLES, useSession } from './session/session';

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
      )}
    </AppLayout>
  );
}
