import { Route, Switch } from 'wouter';
import { NotFound } from '../../layout/NotFound';
import { SetupPage } from './SetupPage';
import { TemplatePage } from './TemplatePage';
import { TemplatesPage } from './TemplatesPage';
import { WebhooksPage } from './WebhooksPage';

/** The set-up pages, under /setup (App.tsx names the group once, as /setup/*?). */
export function SetupRoutes() {
  return (
    <Switch>
      <Route path="/setup" component={SetupPage} />
      <Route path="/setup/templates" component={TemplatesPage} />
      <Route path="/setup/templates/:templateId">{(params) => <TemplatePage key={params.templateId} templateId={decodeURIComponent(params.templateId)} />}</Route>
      <Route path="/setup/webhooks" component={WebhooksPage} />
      <Route>
        <NotFound />
      </Route>
    </Switch>
  );
}
