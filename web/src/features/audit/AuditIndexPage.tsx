import { Grid, Link as DsLink, Paragraph, Table } from '@amsterdam/design-system-react';
import { Link } from 'wouter';
import { $api, organisationHeader } from '../../api/client';
import { useLanguage } from '../../i18n/language';
import { PageTitle } from '../../layout/PageTitle';
import { ProblemAlert } from '../../layout/ProblemAlert';

/** The auditor's way in: every journey of the organisation, each leading to its audit page. */
export function AuditIndexPage() {
  const { t } = useLanguage();
  const hires = $api.useQuery('get', '/hires', { params: { header: organisationHeader(), query: { limit: 500 } } });
  const list = hires.data?.hires ?? [];
  return (
    <>
      <Grid.Cell span="all">
        <PageTitle>{t.audit.indexTitle}</PageTitle>
        <Paragraph>{t.audit.indexIntro}</Paragraph>
      </Grid.Cell>
      <Grid.Cell span="all">
        {hires.isError && <ProblemAlert problem={hires.error} />}
        {hires.isPending && <Paragraph>{t.app.loading}</Paragraph>}
        {hires.data && list.length === 0 && <Paragraph>{t.audit.noHires}</Paragraph>}
        {list.length > 0 && (
          <Table>
            <Table.Caption>{t.audit.hiresCaption(list.length)}</Table.Caption>
            <Table.Header>
              <Table.Row>
                <Table.HeaderCell scope="col">{t.audit.hireId}</Table.HeaderCell>
                <Table.HeaderCell scope="col">{t.audit.stage}</Table.HeaderCell>
                <Table.HeaderCell scope="col">{t.audit.startDate}</Table.HeaderCell>
              </Table.Row>
            </Table.Header>
            <Table.Body>
              {list.map((hire) => (
                <Table.Row key={hire.hireId}>
                  <Table.Cell>
                    <DsLink linkComponent={Link} href={`/hires/${encodeURIComponent(hire.hireId)}/audit`}>
                      {hire.hireId}
                    </DsLink>
                  </Table.Cell>
                  <Table.Cell>{t.stages[hire.stage]}</Table.Cell>
                  <Table.Cell className="sl-nowrap">{hire.startDate}</Table.Cell>
                </Table.Row>
              ))}
            </Table.Body>
          </Table>
        )}
      </Grid.Cell>
    </>
  );
}
