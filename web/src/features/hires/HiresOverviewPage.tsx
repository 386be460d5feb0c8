import {
  Button,
  Column,
  Grid,
  Heading,
  Link as DsLink,
  Paragraph,
  Row,
  Table,
  TextInput,
} from '@amsterdam/design-system-react';
import { keepPreviousData, useInfiniteQuery } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { Link } from 'wouter';
import { fetchClient, organisationHeader } from '../../api/client';
import { fieldProblem, isProblem } from '../../api/problems';
import type { JourneyStage } from '../../api/schemas';
import { useLanguage } from '../../i18n/language';
import { ChoiceField } from '../../layout/ChoiceField';
import { FormField } from '../../layout/FormField';
import { PageTitle } from '../../layout/PageTitle';
import { ProblemAlert } from '../../layout/ProblemAlert';
import { useSignedIn } from '../../session/session';
import { type HireFilter, type HireListQuery, JOURNEY_STAGES, listQueryOf, totalOf } from './hireFilters';
import { Loading, lazyNamed } from '../../layout/lazyPage';
import { PendingOrEmpty } from '../../layout/QueryOutcome';
import { TableHead } from '../../layout/TableHead';

// The funnel draws with the charts library: the table and its counts need not wait for that chunk.
const StageFunnel = lazyNamed(() => import('./StageFunnel'), 'StageFunnel');

/** The list comes from a projection and follows the journeys a moment later: refreshed while the page is open. */
const REFRESH_MS = 5_000;
/**
 * The API filters, searches, counts and pages (GET /hires and its facets): the page asks for the first rows and
 * draws them at once, however many hires there are (bench/hiresOverview.bench.ts), and more on request.
 */
const FIRST_PAGE = 100;
const MORE_PAGE = 500;
/** Typing in the search or month box asks once the typing pauses, not at every key. */
const TYPING_PAUSE_MS = 250;
const NO_COUNTS = Object.fromEntries(JOURNEY_STAGES.map((stage) => [stage, 0])) as Record<JourneyStage, number>;

function useSettled<T>(value: T, delayMs: number): T {
  const [settled, setSettled] = useState(value);
  useEffect(() => {
    const timer = setTimeout(() => setSettled(value), delayMs);
    return () => clearTimeout(timer);
  }, [value, delayMs]);
  return settled;
}

async function hirePage(query: HireListQuery, after: string | undefined) {
  const { data, error } = await fetchClient.GET('/hires', {
    params: {
      header: organisationHeader(),
      query: { ...query, limit: after ? MORE_PAGE : FIRST_PAGE, ...(after ? { after } : {}) },
    },
  });
  if (error) throw error;
  return data;
}

export function HiresOverviewPage() {
  const { t } = useLanguage();
  const session = useSignedIn();
  const [filter, setFilter] = useState<HireFilter>({});
  const search = useSettled(filter.search, TYPING_PAUSE_MS);
  const startMonth = useSettled(filter.startMonth, TYPING_PAUSE_MS);
  const query = listQueryOf({ ...filter, search, startMonth });
  const hires = useInfiniteQuery({
    queryKey: ['hires', session.organisationId, query],
    queryFn: ({ pageParam }) => hirePage(query, pageParam),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.next,
    refetchInterval: REFRESH_MS,
    // While another filter's first page comes, the last one stays in view instead of a blank "loading".
    placeholderData: keepPreviousData,
  });
  const facets = hires.data?.pages[0]?.facets;
  const counts = facets?.stages ?? NO_COUNTS;
  const shown = hires.data?.pages.flatMap((page) => page.hires) ?? [];
  const total = totalOf(counts, filter.stage);
  // A month the API refuses (2027-13) is said beside its field, where the person is typing; the alert would take focus.
  const monthProblem =
    hires.isError && isProblem(hires.error) ? fieldProblem(hires.error, 'query:startMonth') : undefined;
  const set = (patch: HireFilter) => setFilter((current) => ({ ...current, ...patch }));
  // The facets the API counts, each a filter whose choices are the values it found.
  const facetFilters = [
    { key: 'team', label: t.overview.team, anyLabel: t.overview.allTeams, choices: facets?.teams },
    {
      key: 'location',
      label: t.overviewFilters.location,
      anyLabel: t.overviewFilters.allLocations,
      choices: facets?.locations,
    },
  ] as const;

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
          <Loading>
            <StageFunnel counts={counts} />
          </Loading>
        </section>
      </Grid.Cell>
      <Grid.Cell span="all">
        {/* biome-ignore lint/a11y/useSemanticElements: a form with role=search keeps Enter-to-submit and is announced as search in every browser; <search> is not yet in all that we support */}
        <form role="search" aria-label={t.overview.filters} onSubmit={(event) => event.preventDefault()}>
          <Row gap="large" wrap alignVertical="end">
            <ChoiceField
              id="filter-stage"
              label={t.overview.stage}
              anyLabel={t.overview.allStages}
              choices={JOURNEY_STAGES}
              labels={(stage) => `${t.stages[stage]} (${counts[stage]})`}
              value={filter.stage}
              onChange={(stage) => set({ stage })}
            />
            {facetFilters.map((facet) => (
              <ChoiceField
                key={facet.key}
                id={`filter-${facet.key}`}
                label={facet.label}
                anyLabel={facet.anyLabel}
                choices={facet.choices ?? []}
                value={filter[facet.key]}
                onChange={(value) => set({ [facet.key]: value })}
              />
            ))}
            <FormField
              id="filter-month"
              label={t.overview.startMonth}
              hint={t.overview.startMonthHint}
              {...(monthProblem === undefined ? {} : { error: monthProblem })}
            >
              {(input) => (
                <TextInput
                  {...input}
                  inputMode="numeric"
                  value={filter.startMonth ?? ''}
                  onChange={(event) => set({ startMonth: event.target.value || undefined })}
                />
              )}
            </FormField>
            <FormField id="filter-search" label={t.overview.search} hint={t.overview.searchHint}>
              {(input) => (
                <TextInput
                  {...input}
                  value={filter.search ?? ''}
                  onChange={(event) => set({ search: event.target.value })}
                />
              )}
            </FormField>
          </Row>
        </form>
      </Grid.Cell>
      <Grid.Cell span="all">
        {hires.isError && monthProblem === undefined && (
          <ProblemAlert {...(isProblem(hires.error) ? { problem: hires.error } : { networkError: true })} />
        )}
        <PendingOrEmpty pending={hires.isPending} isEmpty={shown.length === 0} empty={t.overview.empty}>
          {() => (
            <Table>
              <TableHead
                caption={t.overview.tableCaption(total)}
                columns={[
                  t.overview.hireId,
                  t.overview.role,
                  t.overview.team,
                  t.overview.startDate,
                  t.overview.stage,
                  t.overview.mentor,
                ]}
              />
              <Table.Body>
                {shown.map((hire) => (
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
        </PendingOrEmpty>
        {hires.hasNextPage && (
          <Row align="center">
            <Button variant="secondary" disabled={hires.isFetchingNextPage} onClick={() => hires.fetchNextPage()}>
              {t.overviewFilters.showMore(shown.length, total)}
            </Button>
          </Row>
        )}
      </Grid.Cell>
    </>
  );
}
