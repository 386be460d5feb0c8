import { Route } from 'wouter';
import { PageSwitch, pageNamedBy } from '../../layout/pageRoutes';
import { ApiKeysPage } from './ApiKeysPage';
import { MailboxesPage } from './MailboxesPage';
import { MentorPoolPage } from './MentorPoolPage';
import { SetupPage } from './SetupPage';
import { TemplatePage, TemplateVersionPage } from './TemplatePage';
import { TemplatesPage } from './TemplatesPage';
import { VacancyProfilesPage } from './VacancyProfilesPage';
import { WebhooksPage } from './WebhooksPage';

/** The set-up pages but a template's older version, by path. */
const PAGES = [
  ['/setup', SetupPage],
  ['/setup/templates', TemplatesPage],
  ['/setup/templates/:templateId', pageNamedBy(TemplatePage, 'templateId')],
  ['/setup/vacancy-profiles', VacancyProfilesPage],
  ['/setup/mentors', MentorPoolPage],
  ['/setup/mailboxes', MailboxesPage],
  ['/setup/webhooks', WebhooksPage],
  ['/setup/api-keys', ApiKeysPage],
] as const;

/** The set-up pages, under /setup (App.tsx names the group once, as /setup/*?). */
export function SetupRoutes() {
  return (
    <PageSwitch pages={PAGES}>
      <Route path="/setup/templates/:templateId/versions/:version">
        {(params) => (
          <TemplateVersionPage
            key={`${params.templateId}/${params.version}`}
            templateId={decodeURIComponent(params.templateId)}
            version={Number(params.version)}
          />
        )}
      </Route>
    </PageSwitch>
  );
}
