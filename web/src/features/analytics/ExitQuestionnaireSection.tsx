import { Heading, Paragraph, UnorderedList } from '@amsterdam/design-system-react';
import { $api, organisationHeader } from '../../api/client';
import { FiguresTable } from '../../charts/Chart';
import { useLanguage } from '../../i18n/language';

/**
 * What leavers answered in the anonymous exit questionnaire (GET /analytics/exit-questionnaire): per exit reason how
 * many ticked it, for the organisation and each team the API shows — groups under five stay hidden.
 */
export function ExitQuestionnaireSection() {
  const { t } = useLanguage();
  const r = t.exitQuestionnaireReport;
  const report = $api.useQuery('get', '/analytics/exit-questionnaire', { params: { header: organisationHeader() } });
  if (!report.data) return null;
  const { whole, teams, openTexts, minimumGroupSize } = report.data;
  const shownTeams = teams.filter((team) => team.figures);
  const hiddenTeams = teams.filter((team) => !team.figures);
  // '*': the answers of teams that had not reached k by the year's close, released together (POOLED_TEAMS).
  const teamName = (team: string) => (team === '*' ? r.pooledTeams : team || t.analytics.noTeam);
  return (
    <section aria-labelledby="exit-questionnaire-report" data-testid="exit-questionnaire-report">
      <Heading level={2} size="level-4" id="exit-questionnaire-report">
        {r.title}
      </Heading>
      <Paragraph>{r.intro(minimumGroupSize)}</Paragraph>
      {!whole ? (
        <Paragraph data-testid="exit-questionnaire-nothing-yet">{r.nothingYet(minimumGroupSize)}</Paragraph>
      ) : (
        <FiguresTable
          table={{
            columns: [
              r.reason,
              `${r.organisation} (${whole.respondents})`,
              ...shownTeams.map((team) => `${teamName(team.team)} (${team.figures!.respondents})`),
            ],
            rows: whole.reasons.map((reason, index) => [
              t.exitReasons[reason.code],
              reason.respondents,
              ...shownTeams.map((team) => team.figures!.reasons[index]?.respondents ?? 0),
            ]),
          }}
        />
      )}
      {hiddenTeams.length > 0 && (
        <Paragraph size="small">
          {r.hidden}: {hiddenTeams.map((team) => teamName(team.team)).join(', ')}
        </Paragraph>
      )}
      {openTexts.length > 0 && (
        <>
          <Heading level={3} size="level-5">
            {r.openTexts}
          </Heading>
          <Paragraph size="small">{r.openTextsWarning}</Paragraph>
          <UnorderedList>
            {openTexts.map((text, index) => (
              <UnorderedList.Item key={index}>{text}</UnorderedList.Item>
            ))}
          </UnorderedList>
        </>
      )}
    </section>
  );
}
