import {
  Alert,
  Badge,
  Button,
  DateInput,
  DescriptionList,
  Grid,
  Heading,
  Paragraph,
  Row,
} from '@amsterdam/design-system-react';
import { keepPreviousData } from '@tanstack/react-query';
import { useState } from 'react';
import { $api, fetchClient, organisationHeader } from '../../api/client';
import { isProblem } from '../../api/problems';
import type { HistoryEvent, JourneyStateAsOf, Problem } from '../../api/schemas';
import { useLanguage } from '../../i18n/language';
import { FormField } from '../../layout/FormField';
import { BackLinkTitleCell } from '../../layout/BackLinkTitleCell';
import { SideAndMainCells } from '../../layout/SideAndMainCells';
import { ProblemAlert } from '../../layout/ProblemAlert';
import { eventsBy, formatMoment, fromLocalInput, momentOf, toLocalInput } from './moments';
import { PageSection } from '../../layout/PageSection';
import { Fact } from '../../layout/Fact';

/** While the journey has not written its first events (`pending`), the page asks again this often. */
const PENDING_REFRESH_MS = 2_000;
/** One page of the history; a longer one is in the export (the page says so). */
const HISTORY_LIMIT = 1000;

/**
 * The auditor's view of one hire, read only from the audit endpoints: the attributed history, the state as of a
 * moment picked on a calendar or a slider over the events, the verification of the hash chain, and the export.
 */
export function HireAuditPage({ hireId }: { hireId: string }) {
  const { t } = useLanguage();
  const params = { header: organisationHeader(), path: { hireId } };
  const pendingRefresh = (query: { state: { data?: { pending?: true } } }) =>
    query.state.data?.pending ? PENDING_REFRESH_MS : false;
  const history = $api.useQuery(
    'get',
    '/hires/{hireId}/history',
    { params: { ...params, query: { limit: HISTORY_LIMIT } } },
    { refetchInterval: pendingRefresh },
  );
  const verification = $api.useQuery(
    'get',
    '/hires/{hireId}/history/verification',
    { params },
    { refetchInterval: pendingRefresh },
  );
  const events = history.data?.events ?? [];
  // The moment the state is shown for (undefined: now); the history marks what happened after it.
  const [asOf, setAsOf] = useState<string | undefined>();
  const applied = eventsBy(events.map(momentOf), asOf);
  return (
    <>
      <BackLinkTitleCell
        back={t.audit.back}
        backHref={`/hires/${encodeURIComponent(hireId)}`}
        title={t.audit.title(hireId)}
      />
      {history.isError && (
        <Grid.Cell span="all">
          <ProblemAlert problem={history.error} />
        </Grid.Cell>
      )}
      {history.data?.pending && (
        <Grid.Cell span="all">
          <Paragraph role="status">{t.audit.pending}</Paragraph>
        </Grid.Cell>
      )}
      <SideAndMainCells
        sideWide={5}
        sideGap="x-large"
        side={
          <>
            <PageSection id="verification-heading" heading={t.audit.verificationHeading}>
              {verification.isError && <ProblemAlert problem={verification.error} />}
              {verification.data && !verification.data.pending && (
                <div data-testid="verification" data-ok={String(verification.data.ok)}>
                  {verification.data.ok ? (
                    <Alert severity="success" heading={t.audit.verifiedTitle} headingLevel={3}>
                      <Paragraph>{t.audit.verified(verification.data.events ?? 0)}</Paragraph>
                    </Alert>
                  ) : (
                    <Alert severity="error" heading={t.audit.brokenTitle} headingLevel={3}>
                      <Paragraph>
                        {t.audit.broken(verification.data.brokenAt ?? 0, verification.data.reason ?? '')}
                      </Paragraph>
                    </Alert>
                  )}
                </div>
              )}
            </PageSection>
            {history.data && !history.data.pending && (
              <StateAsOf hireId={hireId} events={events} asOf={asOf} onAsOf={setAsOf} />
            )}
            <HistoryExport hireId={hireId} />
          </>
        }
      >
        <PageSection id="history-heading" heading={t.audit.historyHeading}>
          <Paragraph>{t.audit.historyIntro}</Paragraph>
          {history.isPending && <Paragraph>{t.app.loading}</Paragraph>}
          {history.data && events.length === 0 && <Paragraph>{t.audit.noEvents}</Paragraph>}
          <HistoryTimeline events={events} applied={applied} />
          {history.data?.next && <Paragraph>{t.audit.moreEvents}</Paragraph>}
        </PageSection>
      </SideAndMainCells>
    </>
  );
}

/** The events in order; those after the moment the state is shown for are marked as later. */
function HistoryTimeline({ events, applied }: { events: readonly HistoryEvent[]; applied: number }) {
  const { t, language } = useLanguage();
  if (events.length === 0) return null;
  return (
    <ol className="sl-timeline" data-testid="history">
      {events.map((event, index) => (
        <li
          key={event.id}
          className={`sl-timeline-item${index === applied - 1 && applied < events.length ? ' sl-timeline-item--as-of' : ''}`}
          data-revision={event.revision}
          data-type={event.type}
          data-later={String(index >= applied)}
        >
          <Row gap="small" alignVertical="center" wrap>
            <span className="sl-timeline-date">#{event.revision}</span>
            <strong className="sl-timeline-kind">{event.type}</strong>
            {index >= applied && <Badge label={t.audit.later} color="azure" />}
          </Row>
          <Paragraph size="small">
            {`${t.audit.occurredAt}: `}
            <time dateTime={momentOf(event)}>{formatMoment(momentOf(event), language)}</time>
            {` · ${t.audit.recordedAt}: `}
            <time dateTime={event.recordedAt}>{formatMoment(event.recordedAt, language)}</time>
          </Paragraph>
          <Paragraph size="small">{`${t.audit.actor}: ${event.actor ?? t.audit.unknownActor}`}</Paragraph>
          <details className="sl-event-data">
            <summary>{t.audit.details}</summary>
            <pre>{JSON.stringify(event.data, null, 2)}</pre>
          </details>
        </li>
      ))}
    </ol>
  );
}

/**
 * The journey as of a moment: a calendar (datetime-local) picks any moment, a slider steps through the recorded
 * events; both set the one moment asked for. At the slider's end the state is "now".
 */
function StateAsOf(props: {
  hireId: string;
  events: readonly HistoryEvent[];
  asOf: string | undefined;
  onAsOf(asOf: string | undefined): void;
}) {
  const { hireId, events, asOf, onAsOf: setAsOf } = props;
  const { t, language } = useLanguage();
  const moments = events.map(momentOf);
  const position = Math.max(1, eventsBy(moments, asOf));
  const state = $api.useQuery(
    'get',
    '/hires/{hireId}/state',
    { params: { header: organisationHeader(), path: { hireId }, query: asOf ? { asOf } : {} } },
    { placeholderData: keepPreviousData },
  );
  const slide = (value: number) => setAsOf(value >= events.length ? undefined : moments[value - 1]);
  const sliderText =
    position >= events.length
      ? t.audit.now
      : t.audit.sliderValue(events[position - 1]!.revision, events[position - 1]!.type);
  return (
    <PageSection id="as-of-heading" heading={t.audit.asOfHeading} gap="small">
      <Paragraph>{t.audit.asOfIntro}</Paragraph>
      <FormField id="as-of-moment" label={t.audit.moment} hint={t.audit.momentHint}>
        {(input) => (
          <DateInput
            {...input}
            type="datetime-local"
            step={1}
            value={asOf ? toLocalInput(asOf) : ''}
            onChange={(event) => setAsOf(event.target.value === '' ? undefined : fromLocalInput(event.target.value))}
          />
        )}
      </FormField>
      {events.length > 1 && (
        <FormField id="as-of-slider" label={t.audit.slider} hint={t.audit.sliderHint}>
          {(input) => (
            <div className="sl-slider">
              <input
                {...input}
                type="range"
                min={1}
                max={events.length}
                step={1}
                value={position}
                aria-valuetext={sliderText}
                onChange={(event) => slide(Number(event.target.value))}
              />
              <output htmlFor={input.id}>{sliderText}</output>
            </div>
          )}
        </FormField>
      )}
      {state.isError && <ProblemAlert problem={state.error} />}
      {state.data && (
        <StateFacts
          state={state.data}
          heading={asOf ? t.audit.asOfShown(formatMoment(asOf, language)) : t.audit.nowHeading}
        />
      )}
    </PageSection>
  );
}

function StateFacts({ state, heading }: { state: JourneyStateAsOf; heading: string }) {
  const { t } = useLanguage();
  const mentor = state.mentor.status in t.mentorStatus ? t.mentorStatus[state.mentor.status] : state.mentor.status;
  return (
    <div aria-live="polite" data-testid="as-of-state">
      <Heading level={3} size="level-4">
        {heading}
      </Heading>
      <Paragraph size="small">{t.audit.eventsApplied(state.eventsApplied)}</Paragraph>
      <DescriptionList termsWidth="medium">
        <Fact term={t.audit.stage} testId="as-of-stage">
          {t.stages[state.stage]}
        </Fact>
        {state.startDate && (
          <Fact term={t.audit.startDate} testId="as-of-start-date">
            {state.startDate}
          </Fact>
        )}
        {state.template && <Fact term={t.audit.template}>{`${state.template.id} (v${state.template.version})`}</Fact>}
        <Fact term={t.audit.mentor} testId="as-of-mentor">
          {mentor + (state.mentor.mentorRef ? `: ${state.mentor.mentorRef}` : '')}
        </Fact>
        <Fact term={t.audit.openTasks} testId="as-of-open">
          {String(state.tasks.open.length)}
        </Fact>
        <Fact term={t.audit.doneTasks} testId="as-of-done">
          {String(state.tasks.done.length)}
        </Fact>
        <Fact term={t.audit.cancelledTasks}>{String(state.tasks.cancelled.length)}</Fact>
        {state.outcome && <Fact term={t.audit.outcome}>{t.audit.outcomes[state.outcome]}</Fact>}
      </DescriptionList>
    </div>
  );
}

/** The export needs the session's credentials, so it is fetched and handed to the browser as a download. */
function HistoryExport({ hireId }: { hireId: string }) {
  const { t } = useLanguage();
  const [problem, setProblem] = useState<Problem | undefined>();
  const [downloaded, setDownloaded] = useState<string | undefined>();
  const download = async (format: 'json' | 'csv') => {
    const { data, error, response } = await fetchClient.GET('/hires/{hireId}/history/export', {
      params: { header: organisationHeader(), path: { hireId }, query: { format } },
      parseAs: 'blob',
    });
    if (error || !data) {
      setProblem(isProblem(error) ? error : undefined);
      return;
    }
    const file =
      /filename="?([^";]+)"?/.exec(response.headers.get('Content-Disposition') ?? '')?.[1] ??
      `${hireId}-history.${format}`;
    const url = URL.createObjectURL(data as Blob);
    const anchor = document.createElement('a');
    anchor.href = url;
    anchor.download = file;
    anchor.click();
    URL.revokeObjectURL(url);
    setProblem(undefined);
    setDownloaded(file);
  };
  return (
    <PageSection id="export-heading" heading={t.audit.exportHeading} gap="small">
      <Paragraph>{t.audit.exportIntro}</Paragraph>
      <ProblemAlert problem={problem} />
      <Row gap="small" wrap>
        <Button variant="secondary" onClick={() => void download('json')}>
          {t.audit.exportJson}
        </Button>
        <Button variant="secondary" onClick={() => void download('csv')}>
          {t.audit.exportCsv}
        </Button>
      </Row>
      <div role="status">{downloaded && <Paragraph>{t.audit.exported(downloaded)}</Paragraph>}</div>
    </PageSection>
  );
}
