import { Route, Switch } from 'wouter';
import { NotFound } from '../../layout/NotFound';
import { ApiKeysPage } from './ApiKeysPage';
import { MailboxesPage } from './MailboxesPage';
import { MentorPoolPage } from './MentorPoolPage';
import { SetupPage } from './SetupPage';
import { TemplatePage, TemplateVersionPage } from './TemplatePage';
import { TemplatesPage } from './TemplatesPage';
import { VacancyProfilesPage } from './VacancyProfilesPage';
import { WebhooksPage } from './WebhooksPage';

/** The set-up pages, under /setup (App.tsx names the group once, as /setup/*?). */
export function SetupRoutes() {
  return (
    <Switch>
      <Route path="/setup" component={SetupPage} />
      <Route path="/setup/templates" component={TemplatesPage} />
      <Route path="/setup/templates/:templateId/versions/:version">
        {(params) => (
          <TemplateVersionPage
            key={`${params.templateId}/${params.version}`}
            templateId={decodeURIComponent(params.templateId)}
            version={Number(params.version)}
          />
        )}
      </Route>
      <Route path="/setup/templates/:templateId">
        {(params) => <TemplatePage key={params.templateId} templateId={decodeURIComponent(params.templateId)} />}
      </Route>
      <Route path="/setup/vacancy-profiles" component={VacancyProfilesPage} />
      <Route path="/setup/mentors" component={MentorPoolPage} />
      <Route path="/setup/mailboxes" component={MailboxesPage} />
      <Route path="/setup/webhooks" component={WebhooksPage} />
      <Route path="/setup/api-keys" component={ApiKeysPage} />
      <Route>
        <NotFound />
      </Route>
    </Switch>
  );
}
