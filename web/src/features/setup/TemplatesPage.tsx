import { Grid, Link as DsLink, Paragraph, Table } from '@amsterdam/design-system-react';
import { Link } from 'wouter';
import { $api, organisationHeader } from '../../api/client';
import { useLanguage } from '../../i18n/language';
import { ProblemAlert } from '../../layout/ProblemAlert';
import { useSignedIn } from '../../session/session';
import { SetupHeader } from './SetupHeader';
import { canWrite } from './setupRoles';

export function TemplatesPage() {
  const { t } = useLanguage();
  const session = useSignedIn();
  const templates = $api.useQuery('get', '/journey-templates', { params: { header: organisationHeader() } });
  const list = templates.data?.templates ?? [];
  return (
    <>
      <SetupHeader title={t.setup.templatesTitle} intro={t.setup.templatesIntro} readOnly={!canWrite('templates', session.role)} />
      <Grid.Cell span="all">
        {templates.isError && <ProblemAlert problem={templates.error} />}
        {templates.isPending && <Paragraph>{t.app.loading}</Paragraph>}
        {list.length > 0 && (
          <Table>
            <Table.Caption>{t.setup.templatesCaption(list.length)}</Table.Caption>
            <Table.Header>
              <Table.Row>
                <Table.HeaderCell scope="col">{t.setup.templateName}</Table.HeaderCell>
                <Table.HeaderCell scope="col">{t.setup.templateId}</Table.HeaderCell>
                <Table.HeaderCell scope="col">{t.setup.version}</Table.HeaderCell>
                <Table.HeaderCell scope="col">{t.setup.source}</Table.HeaderCell>
              </Table.Row>
            </Table.Header>
            <Table.Body>
              {list.map((template) => (
                <Table.Row key={template.templateId} data-template={template.templateId}>
                  <Table.Cell>
                    <DsLink linkComponent={Link} href={`/setup/templates/${encodeURIComponent(template.templateId)}`}>
                      {template.name}
                    </DsLink>
                  </Table.Cell>
                  <Table.Cell className="sl-nowrap">{template.templateId}</Table.Cell>
                  <Table.Cell data-testid="template-version">{template.source === 'built-in' ? '—' : String(template.version)}</Table.Cell>
                  <Table.Cell>{t.setup.sources[template.source]}</Table.Cell>
                </Table.Row>
              ))}
            </Table.Body>
          </Table>
        )}
      </Grid.Cell>
    </>
  );
}
