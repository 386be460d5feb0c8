import {
  Button,
  Checkbox,
  Column,
  Grid,
  Link as DsLink,
  Paragraph,
  Table,
  TextInput,
} from '@amsterdam/design-system-react';
import { type FormEvent, useCallback, useState } from 'react';
import { Link } from 'wouter';
import { $api, organisationHeader } from '../../api/client';
import { fieldProblem, unplacedErrors } from '../../api/problems';
import type { HireSummary, MentorOffer, MentorProfile } from '../../api/schemas';
import { useSubmitOnce } from '../../api/useSubmitOnce';
import { Chart, type ChartColours, type PlotModule } from '../../charts/Chart';
import { useLanguage } from '../../i18n/language';
import { FormField } from '../../layout/FormField';
import { PageIntroCell } from '../../layout/PageIntroCell';
import { ProblemAlert } from '../../layout/ProblemAlert';
import { QueryOutcome } from '../../layout/QueryOutcome';
import { useSignedIn } from '../../session/session';
import { HireVacancyProfile } from '../hires/HireVacancyProfile';
import { MentorMeetingForm } from './MentorMeetingForm';
import { EMPTY_MENTOR_OFFER, type MentorOfferDraft, mentorOfferDraftOf, mentorOfferOf } from './mentorOffer';
import { PageSection } from '../../layout/PageSection';
import { TableHead } from '../../layout/TableHead';
import { HeadedForm } from '../../layout/HeadedForm';

/** The list follows pairings a moment after they happen (a projection): refreshed while the page is open. */
const REFRESH_MS = 5_000;

/**
 * A mentor's own page, through the operations the permission table gives a mentor: GET /hires (their mentees and
 * the hires they are asked for), GET /mentors/{mentorRef} (their own load and capacity; GET /mentors is HR's) and
 * PUT /mentors/{mentorRef} (offering themselves).
 */
export function MentorPage() {
  const { t } = useLanguage();
  const session = useSignedIn();
  const mentorRef = session.kind === 'api-key' ? undefined : session.personRef;
  const [offered, setOffered] = useState<MentorProfile>();
  // 404 (mentor-not-found): not in the pool yet, which the page says; any other problem is shown.
  const own = $api.useQuery(
    'get',
    '/mentors/{mentorRef}',
    { params: { header: organisationHeader(), path: { mentorRef: mentorRef ?? '-' } } },
    { enabled: mentorRef !== undefined, refetchInterval: REFRESH_MS, retry: false },
  );
  const profile = offered ?? own.data;
  const notInPool = own.isError && (own.error as { status?: number } | null)?.status === 404;
  const hires = $api.useQuery(
    'get',
    '/hires',
    { params: { header: organisationHeader(), query: { limit: 500 } } },
    { refetchInterval: REFRESH_MS, enabled: mentorRef !== undefined },
  );
  const all = hires.data?.hires ?? [];
  const mentees = all.filter((hire) => hire.mentorRef === mentorRef && hire.mentorStatus === 'accepted');
  const asked = all.filter((hire) => hire.mentorStatus === 'asked' && hire.mentorRef !== mentorRef);

  return (
    <>
      <PageIntroCell title={t.mentorPage.title} intro={t.mentorPage.intro} />
      {mentorRef === undefined ? (
        <Grid.Cell span="all">
          <Paragraph>{t.mentorPage.noPersonRef}</Paragraph>
        </Grid.Cell>
      ) : (
        <>
          <Grid.Cell span="all">
            <PageSection id="mentees" heading={t.mentorPage.menteesHeading}>
              <QueryOutcome
                query={hires}
                isEmpty={() => mentees.length === 0 && asked.length === 0}
                empty={t.mentorPage.noMentees}
              >
                {() => <MenteeTable mentees={mentees} asked={asked} />}
              </QueryOutcome>
            </PageSection>
          </Grid.Cell>
          {/* What each mentee was hired for (stage 1): the mentor tailors the guidance to it. */}
          {mentees.map((hire) => (
            <Grid.Cell key={hire.hireId} span={{ narrow: 4, medium: 8, wide: 6 }}>
              <HireVacancyProfile hireId={hire.hireId} role={session.role} titledFor={hire.hireId} />
            </Grid.Cell>
          ))}
          <Grid.Cell span={{ narrow: 4, medium: 8, wide: 6 }}>
            <MentorMeetingForm mentees={mentees} />
          </Grid.Cell>
          <Grid.Cell span={{ narrow: 4, medium: 8, wide: 6 }}>
            <PageSection id="load" heading={t.mentorPage.loadHeading}>
              {own.isError && !notInPool && <ProblemAlert problem={own.error} />}
              {profile ? (
                <MentorLoad profile={profile} />
              ) : notInPool ? (
                <Paragraph>{t.mentorProfile.notInPool}</Paragraph>
              ) : (
                <Paragraph>{t.app.loading}</Paragraph>
              )}
            </PageSection>
          </Grid.Cell>
          <Grid.Cell span={{ narrow: 4, medium: 8, wide: 6 }}>
            {/* Filled in with what the pool has when the form first shows (later answers leave what is typed alone). */}
            {(own.data || notInPool || offered) && (
              <OfferForm mentorRef={mentorRef} initial={own.data} onOffered={setOffered} />
            )}
          </Grid.Cell>
        </>
      )}
    </>
  );
}

function MenteeTable({ mentees, asked }: { mentees: readonly HireSummary[]; asked: readonly HireSummary[] }) {
  const { t } = useLanguage();
  return (
    <Table data-testid="mentees">
      <TableHead
        caption={t.mentorPage.menteesCaption(mentees.length, asked.length)}
        columns={[t.overview.hireId, t.overview.role, t.overview.startDate, t.overview.stage]}
      />
      <Table.Body>
        {mentees.map((hire) => (
          <Table.Row key={hire.hireId} data-mentee={hire.hireId}>
            <Table.Cell className="sl-nowrap">
              <DsLink linkComponent={Link} href={`/hires/${encodeURIComponent(hire.hireId)}`}>
                {hire.hireId}
              </DsLink>
            </Table.Cell>
            <Table.Cell>{hire.role}</Table.Cell>
            <Table.Cell className="sl-nowrap">{hire.startDate}</Table.Cell>
            <Table.Cell>{t.stages[hire.stage]}</Table.Cell>
          </Table.Row>
        ))}
        {asked.map((hire) => (
          <Table.Row key={hire.hireId} data-asked={hire.hireId}>
            <Table.Cell className="sl-nowrap">
              <DsLink linkComponent={Link} href={`/mentor-requests/${encodeURIComponent(hire.hireId)}`}>
                {`${hire.hireId}: ${t.mentorPage.answerLink}`}
              </DsLink>
            </Table.Cell>
            <Table.Cell>{hire.role}</Table.Cell>
            <Table.Cell className="sl-nowrap">{hire.startDate}</Table.Cell>
            <Table.Cell>{t.mentorPage.asked}</Table.Cell>
          </Table.Row>
        ))}
      </Table.Body>
    </Table>
  );
}

/** Load against capacity, as the pool computes it from the journeys that paired this mentor. */
function MentorLoad({ profile }: { profile: MentorProfile }) {
  const { t } = useLanguage();
  const rows = [
    {
      what: t.mentorPage.maxMentees,
      current: profile.currentMentees,
      capacity: profile.maxMentees,
      text: t.mentorPage.mentees(profile.currentMentees, profile.maxMentees),
    },
    {
      what: t.mentorPage.hoursPerWeekAvailable,
      current: profile.currentHoursPerWeek,
      capacity: profile.hoursPerWeekAvailable,
      text: t.mentorPage.hours(profile.currentHoursPerWeek, profile.hoursPerWeekAvailable),
    },
  ];
  const figures = rows.map((row) => `${row.current}/${row.capacity}`).join(',');
  const plot = useCallback(
    (Plot: PlotModule, colours: ChartColours, width: number) => {
      // Each as a share of its own capacity, so mentees and hours stand on one scale.
      const share = rows.map((row) => ({
        what: row.what,
        used: row.capacity > 0 ? Math.min(1, row.current / row.capacity) : row.current > 0 ? 1 : 0,
      }));
      type Share = (typeof share)[number];
      return {
        width,
        height: 110,
        marginLeft: 210,
        marginRight: 24,
        x: { domain: [0, 1], tickFormat: '%', label: null, grid: true },
        y: { label: null, tickSize: 0 },
        marks: [
          Plot.barX(share, {
            y: 'what',
            x1: () => 0,
            x2: () => 1,
            fill: colours.separator,
            insetTop: 6,
            insetBottom: 6,
          }),
          Plot.barX(share, {
            y: 'what',
            x1: () => 0,
            x2: (d: Share) => d.used,
            fill: colours.interactive,
            insetTop: 6,
            insetBottom: 6,
          }),
        ],
      };
    },
    // `figures` stands for `rows`, built anew on every render.
    [figures, t],
  );
  return (
    <Column gap="small">
      {rows.map((row) => (
        <Paragraph key={row.what} data-testid="mentor-load">
          {row.text}
        </Paragraph>
      ))}
      <Chart
        label={t.mentorPage.loadLabel}
        plot={plot}
        table={{
          columns: [t.mentorPage.loadWhat, t.mentorPage.loadFigure],
          rows: rows.map((row) => [row.what, row.text]),
        }}
      />
    </Column>
  );
}

/** PUT /mentors/{mentorRef} with what was typed; the API says what is missing or out of range, beside the field. */
function OfferForm({
  mentorRef,
  initial,
  onOffered,
}: {
  mentorRef: string;
  initial: MentorProfile | undefined;
  onOffered(profile: MentorProfile): void;
}) {
  const { t } = useLanguage();
  const [draft, setDraft] = useState<MentorOfferDraft>(initial ? mentorOfferDraftOf(initial) : EMPTY_MENTOR_OFFER);
  const [done, setDone] = useState(false);
  const { submit, pending, problem, networkError } = useSubmitOnce();
  const offer = $api.useMutation('put', '/mentors/{mentorRef}');
  const number = (value: string) => (value.trim() === '' ? undefined : Number(value.replace(',', '.')));
  const send = async (event: FormEvent) => {
    event.preventDefault();
    setDone(false);
    const body = mentorOfferOf(draft, number) as MentorOffer; // left-out numbers are the API's to refuse, beside their field
    // PUT is idempotent by itself: the contract takes no Idempotency-Key here.
    const profile = await submit(() =>
      offer.mutateAsync({ params: { header: organisationHeader(), path: { mentorRef } }, body }),
    );
    if (profile) {
      setDone(true);
      onOffered(profile);
    }
  };
  const field = (name: Exclude<keyof MentorOfferDraft, 'active'>, label: string, numeric = false) => (
    <FormField id={`offer-${name}`} label={label} error={fieldProblem(problem, `/${name}`)}>
      {(input) => (
        <TextInput
          {...input}
          name={name}
          {...(numeric ? { inputMode: 'decimal' as const } : {})}
          value={draft[name]}
          onChange={(event) => setDraft((current) => ({ ...current, [name]: event.target.value }))}
        />
      )}
    </FormField>
  );
  const pointers = ['/team', '/location', '/experienceYears', '/hoursPerWeekAvailable', '/maxMentees', '/active'];
  return (
    <HeadedForm
      headingId="offer-heading"
      heading={t.mentorPage.offerHeading}
      intro={t.mentorPage.offerIntro}
      onSubmit={send}
    >
      <ProblemAlert problem={problem} errors={unplacedErrors(problem, pointers)} networkError={networkError} />
      {field('team', t.mentorPage.team)}
      {field('location', t.mentorPage.location)}
      {field('experienceYears', t.mentorPage.experienceYears, true)}
      {field('hoursPerWeekAvailable', t.mentorPage.hoursPerWeekAvailable, true)}
      {field('maxMentees', t.mentorPage.maxMentees, true)}
      <Checkbox
        id="offer-active"
        name="active"
        checked={draft.active}
        onChange={(event) => setDraft((current) => ({ ...current, active: event.target.checked }))}
      >
        {t.mentorPage.active}
      </Checkbox>
      <div role="status">{done && <Paragraph>{t.mentorPage.offered}</Paragraph>}</div>
      <Button type="submit" variant="secondary" disabled={pending}>
        {pending ? t.journeyEnd.sending : t.mentorPage.offer}
      </Button>
    </HeadedForm>
  );
}
