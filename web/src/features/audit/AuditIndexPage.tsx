import { Grid, Link as DsLink, Table } from '@amsterdam/design-system-react';
import { Link } from 'wouter';
import { $api, organisationHeader } from '../../api/client';
import { useLanguage } from '../../i18n/language';
import { PageIntroCell } from '../../layout/PageIntroCell';
import { QueryOutcome } from '../../layout/QueryOutcome';
import { TableHead } from '../../layout/TableHead';

/** The auditor's way in: every journey of the organisation, each leading to its audit page. */
export function AuditIndexPage() {
  const { t } = useLanguage();
  const hires = $api.useQuery('get', '/hires', { params: { header: organisationHeader(), query: { limit: 500 } } });
  return (
    <>
      <PageIntroCell title={t.audit.indexTitle} intro={t.audit.indexIntro} />
      <Grid.Cell span="all">
        <QueryOutcome query={hires} isEmpty={(data) => data.hires.length === 0} empty={t.audit.noHires}>
          {(data) => (
            <Table>
              <TableHead
                caption={t.audit.hiresCaption(data.hires.length)}
                columns={[t.audit.hireId, t.audit.stage, t.audit.startDate]}
              />
              <Table.Body>
                {data.hires.map((hire) => (
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
        </QueryOutcome>
      </Grid.Cell>
    </>
  );
}
