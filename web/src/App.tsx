import { Grid, Paragraph } from '@amsterdam/design-system-react';
import { Redirect, Route, Switch } from 'wouter';
import { RegisterHirePage } from './features/hires/RegisterHirePage';
import { HirePage } from './features/hires/HirePage';
import { HiresOverviewPage } from './features/hires/HiresOverviewPage';
import { SignInPage } from './features/signIn/SignInPage';
import { TasksInboxPage } from './features/tasks/TasksInboxPage';
import { useLanguage } from './i18n/language';
import { AppLayout } from './layout/AppLayout';
import { PageTitle } from './layout/PageTitle';
import { ORGANISATION_ROLES, useSession } from './session/session';

/** Page paths, under /app/ (the API's paths are at the root; see contracts/openapi.yaml's servers). */
export function App() {
  const { session } = useSession();
  return (
    <AppLayout>
      {!session ? (
        // Every page asks to sign in first; the address stays, so the page opens once signed in.
        <SignInPage />
      ) : (
        <Switch>
          <Route path="/">{ORGANISATION_ROLES.includes(session.role) ? <Redirect to="/hires" replace /> : <Redirect to="/tasks" replace />}</Route>
          <Route path="/sign-in">
            <Redirect to="/" replace />
          </Route>
          <Route path="/hires" component={HiresOverviewPage} />
          <Route path="/hires/new" component={RegisterHirePage} />
          <Route path="/hires/:hireId">{(params) => <HirePage key={params.hireId} hireId={decodeURIComponent(params.hireId)} />}</Route>
          <Route path="/tasks" component={TasksInboxPage} />
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
