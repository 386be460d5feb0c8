import { Grid, Link as DsLink } from '@amsterdam/design-system-react';
import { Link } from 'wouter';
import { $api, organisationHeader } from '../../api/client';
import { useLanguage } from '../../i18n/language';
import { useSignedIn } from '../../session/session';
import { SetupHeader } from './SetupHeader';
import { SetupList } from './SetupList';
import { canWrite } from './setupRoles';

export function TemplatesPage() {
  const { t } = useLanguage();
  const session = useSignedIn();
  const templates = $api.useQuery('get', '/journey-templates', { params: { header: organisationHeader() } });
  const list = templates.data?.templates ?? [];
  return (
    <>
      <SetupHeader
        title={t.setup.templatesTitle}
        intro={t.setup.templatesIntro}
        readOnly={!canWrite('templates', session.role)}
      />
      <Grid.Cell span="all">
        <SetupList
          query={templates}
          empty={t.setup.noTemplates}
          caption={t.setup.templatesCaption}
          headers={[t.setup.templateName, t.setup.templateId, t.setup.version, t.setup.source]}
          idAttribute="data-template"
          rows={list.map((template) => ({
            id: template.templateId,
            cells: [
              <DsLink linkComponent={Link} href={`/setup/templates/${encodeURIComponent(template.templateId)}`}>
                {template.name}
              </DsLink>,
              template.templateId,
              <span data-testid="template-version">
                {template.source === 'built-in' ? '—' : String(template.version)}
              </span>,
              t.setup.sources[template.source],
            ],
          }))}
        />
      </Grid.Cell>
    </>
  );
}
