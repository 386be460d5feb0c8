import { Grid, Paragraph } from '@amsterdam/design-system-react';
import { Redirect, Route, Switch, useLocation } from 'wouter';
import { CostPage } from './features/analytics/CostPage';
import { RetentionPage } from './features/analytics/RetentionPage';
import { RegisterHirePage } from './features/hires/RegisterHirePage';
import { HirePage } from './features/hires/HirePage';
import { HiresOverviewPage } from './features/hires/HiresOverviewPage';
import { MagicLinkPage } from './features/magicLink/MagicLinkPage';
import { MentorRequestPage } from './features/magicLink/MentorRequestPage';
import { WelcomePage } from './features/magicLink/WelcomePage';
import { SignInPage } from './features/signIn/SignInPage';
import { TasksInboxPage } from './features/tasks/TasksInboxPage';
import { useLanguage } from './i18n/language';
import { AppLayout } from './layout/AppLayout';
import { PageTitle } from './layout/PageTitle';
import { ORGANISATION_ROLES, useSession } from './session/session';

/** Page paths, under /app/ (the API's paths are at the root; see contracts/openapi.yaml's servers). */
export function App() {
  const { session } = useSession();
  const [location] = useLocation();
  // A link from a mail opens its own session, whoever is signed in in this tab.
  if (location === '/link') {
    return (
      <AppLayout>
        <MagicLinkPage />
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
          <Route path="/">{ORGANISATION_ROLES.includes(session.role) ? <Redirect to="/hires" replace /> : <Redirect to={session.role === 'new-hire' ? '/welcome' : '/tasks'} replace />}</Route>
          <Route path="/welcome" component={WelcomePage} />
          <Route path="/mentor-requests/:hireId">{(params) => <MentorRequestPage key={params.hireId} hireId={decodeURIComponent(params.hireId)} />}</Route>
          <Route path="/sign-in">
            <Redirect to="/" replace />
          </Route>
          <Route path="/hires" component={HiresOverviewPage} />
          <Route path="/hires/new" component={RegisterHirePage} />
          <Route path="/hires/:hireId">{(params) => <HirePage key={params.hireId} hireId={decodeURIComponent(params.hireId)} />}</Route>
          <Route path="/tasks" component={TasksInboxPage} />
          <Route path="/analytics" component={RetentionPage} />
          <Route path="/analytics/cost" component={CostPage} />
          <Route>
            <NotFound />
          </Route>
        </Switch>
      )}
    </AppLayout>
  );
}

function NotFound() {
  const { t } = useLanguage();
  return (
    <Grid.Cell span="all">
      <PageTitle>{t.app.notFoundTitle}</PageTitle>
      <Paragraph>{t.app.notFoundText}</Paragraph>
    </Grid.Cell>
  );
}
