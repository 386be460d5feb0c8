import {
  Button,
  Column,
  Field,
  Grid,
  Heading,
  Label,
  Link as DsLink,
  Paragraph,
  Row,
  Select,
  Table,
  TextInput,
} from '@amsterdam/design-system-react';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { Link } from 'wouter';
import { fetchClient, organisationHeader } from '../../api/client';
import { isProblem } from '../../api/problems';
import type { HireSummary, JourneyStage } from '../../api/schemas';
import { useLanguage } from '../../i18n/language';
import { PageTitle } from '../../layout/PageTitle';
import { ProblemAlert } from '../../layout/ProblemAlert';
import { useSignedIn } from '../../session/session';
import { type HireFilter, JOURNEY_STAGES, locationsOf, matchesAllButStage, stageCounts, teamsOf } from './hireFilters';
import { StageFunnel } from './StageFunnel';

/** The list comes from a projection and follows the journeys a moment later: refreshed while the page is open. */
const REFRESH_MS = 5_000;
const PAGE_SIZE = 500;
/** 10,000 hires at most in this version; paging the table itself is for when organisations grow past it. */
const MAX_PAGES = 20;
/**
 * Rows drawn at once: laying out a table of 10,000 rows takes seconds (bench/hiresOverview.bench.ts); the counts,
 * the funnel and the filters cover every hire, the table shows the first rows and more on request.
 */
const ROWS_AT_ONCE = 100;

async function allHires(): Promise<HireSummary[]> {
  const hires: HireSummary[] = [];
  let after: string | undefined;
  for (let page = 0; page < MAX_PAGES; page++) {
    const { data, error } = await fetchClient.GET('/hires', {
      params: { header: organisationHeader(), query: { limit: PAGE_SIZE, ...(after ? { after } : {}) } },
    });
    if (error) throw error;
    hires.push(...data.hires);
    if (!data.next) break;
    after = data.next;
  }
  return hires;
}

export function HiresOverviewPage() {
  const { t } = useLanguage();
  const session = useSignedIn();
  const [filter, setFilter] = useState<HireFilter>({});
  const hires = useQuery({
    queryKey: ['hires', session.organisationId],
    queryFn: allHires,
    refetchInterval: REFRESH_MS,
  });
  const all = hires.data ?? [];
  const unstaged = all.filter((hire) => matchesAllButStage(hire, filter));
  const counts = stageCounts(unstaged);
  const shown = unstaged.filter((hire) => !filter.stage || hire.stage === filter.stage);
  const [rowLimit, setRowLimit] = useState(ROWS_AT_ONCE);
  const set = (patch: HireFilter) => {
    setRowLimit(ROWS_AT_ONCE);
    setFilter((current) => ({ ...current, ...patch }));
  };

  return (
    <>
      <Grid.Cell span="all">
        <Row align="between" alignVertical="end" wrap>
          <Column gap="small">
            <PageTitle>{t.overview.title}</PageTitle>
            <Paragraph>{t.overview.intro}</Paragraph>
          </Column>
          <Paragraph>
            <DsLink linkComponent={Link} href="/hires/new">
              {t.overview.registerLink}
            </DsLink>
          </Paragraph>
        </Row>
      </Grid.Cell>
      <Grid.Cell span="all">
        <section aria-labelledby="stage-counts">
          <Heading level={2} size="level-4" id="stage-counts">
            {t.overview.stageCounts}
          </Heading>
          <ul className="sl-stage-counts" data-testid="stage-counts">
            {JOURNEY_STAGES.map((stage) => (
              <li key={stage} data-stage={stage}>
                <span className="sl-stage-count">{counts[stage]}</span> <span>{t.stages[stage]}</span>
              </li>
            ))}
          </ul>
        </section>
      </Grid.Cell>
      <Grid.Cell span={{ narrow: 4, medium: 8, wide: 8 }}>
        <section aria-labelledby="funnel" data-testid="funnel">
          <Heading level={2} size="level-4" id="funnel">
            {t.funnel.heading}
          </Heading>
          <StageFunnel counts={counts} />
        </section>
      </Grid.Cell>
      <Grid.Cell span="all">
        {/* biome-ignore lint/a11y/useSemanticElements: a form with role=search keeps Enter-to-submit and is announced as search in every browser; <search> is not yet in all that we support */}
        <form role="search" aria-label={t.overview.filters} onSubmit={(event) => event.preventDefault()}>
          <Row gap="large" wrap alignVertical="end">
            <Field>
              <Label htmlFor="filter-stage">{t.overview.stage}</Label>
              <Select
                id="filter-stage"
                value={filter.stage ?? ''}
                onChange={(event) => set({ stage: (event.target.value || undefined) as JourneyStage | undefined })}
              >
                <Select.Option value="">{t.overview.allStages}</Select.Option>
                {JOURNEY_STAGES.map((stage) => (
                  <Select.Option key={stage} value={stage}>
                    {`${t.stages[stage]} (${counts[stage]})`}
                  </Select.Option>
                ))}
              </Select>
            </Field>
            <Field>
              <Label htmlFor="filter-team">{t.overview.team}</Label>
              <Select
                id="filter-team"
                value={filter.team ?? ''}
                onChange={(event) => set({ team: event.target.value || undefined })}
              >
                <Select.Option value="">{t.overview.allTeams}</Select.Option>
                {teamsOf(all).map((team) => (
                  <Select.Option key={team} value={team}>
                    {team}
                  </Select.Option>
                ))}
              </Select>
            </Field>
            <Field>
              <Label htmlFor="filter-location">{t.overviewFilters.location}</Label>
              <Select
                id="filter-location"
                value={filter.location ?? ''}
                onChange={(event) => set({ location: event.target.value || undefined })}
              >
                <Select.Option value="">{t.overviewFilters.allLocations}</Select.Option>
                {locationsOf(all).map((location) => (
                  <Select.Option key={location} value={location}>
                    {location}
                  </Select.Option>
                ))}
              </Select>
            </Field>
            <Field>
              <Label htmlFor="filter-month">{t.overview.startMonth}</Label>
              <Paragraph id="filter-month-hint" size="small">
                {t.overview.startMonthHint}
              </Paragraph>
              <TextInput
                id="filter-month"
                inputMode="numeric"
                aria-describedby="filter-month-hint"
                value={filter.startMonth ?? ''}
                onChange={(event) => set({ startMonth: event.target.value || undefined })}
              />
            </Field>
            <Field>
              <Label htmlFor="filter-search">{t.overview.search}</Label>
              <Paragraph id="filter-search-hint" size="small">
                {t.overview.searchHint}
              </Paragraph>
              <TextInput
                id="filter-search"
                aria-describedby="filter-search-hint"
                value={filter.search ?? ''}
                onChange={(event) => set({ search: event.target.value })}
              />
            </Field>
          </Row>
        </form>
      </Grid.Cell>
      <Grid.Cell span="all">
        {hires.isError && (
          <ProblemAlert {...(isProblem(hires.error) ? { problem: hires.error } : { networkError: true })} />
        )}
        {hires.isPending ? (
          <Paragraph>{t.app.loading}</Paragraph>
        ) : shown.length === 0 ? (
          <Paragraph>{t.overview.empty}</Paragraph>
        ) : (
          <Table>
            <Table.Caption>{t.overview.tableCaption(shown.length)}</Table.Caption>
            <Table.Header>
              <Table.Row>
                <Table.HeaderCell scope="col">{t.overview.hireId}</Table.HeaderCell>
                <Table.HeaderCell scope="col">{t.overview.role}</Table.HeaderCell>
                <Table.HeaderCell scope="col">{t.overview.team}</Table.HeaderCell>
                <Table.HeaderCell scope="col">{t.overview.startDate}</Table.HeaderCell>
                <Table.HeaderCell scope="col">{t.overview.stage}</Table.HeaderCell>
                <Table.HeaderCell scope="col">{t.overview.mentor}</Table.HeaderCell>
              </Table.Row>
            </Table.Header>
            <Table.Body>
              {shown.slice(0, rowLimit).map((hire) => (
                <Table.Row key={hire.hireId}>
                  {/* Codes may break at their hyphens: with six columns the table would otherwise run past the page. */}
                  <Table.Cell>
                    <DsLink linkComponent={Link} href={`/hires/${encodeURIComponent(hire.hireId)}`}>
                      {hire.hireId}
                    </DsLink>
                  </Table.Cell>
                  <Table.Cell>{hire.role}</Table.Cell>
                  <Table.Cell>{hire.team ?? '—'}</Table.Cell>
                  <Table.Cell className="sl-nowrap">{hire.startDate}</Table.Cell>
                  <Table.Cell>{t.stages[hire.stage]}</Table.Cell>
                  <Table.Cell>{hire.mentorStatus ? t.mentorStatus[hire.mentorStatus] : '—'}</Table.Cell>
                </Table.Row>
              ))}
            </Table.Body>
          </Table>
        )}
        {shown.length > rowLimit && (
          <Row align="center">
            <Button variant="secondary" onClick={() => setRowLimit((limit) => limit + ROWS_AT_ONCE * 5)}>
              {t.overviewFilters.showMore(Math.min(rowLimit, shown.length), shown.length)}
            </Button>
          </Row>
        )}
      </Grid.Cell>
    </>
  );
}
