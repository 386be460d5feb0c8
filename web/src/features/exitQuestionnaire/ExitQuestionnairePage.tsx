import { Button, Column, Grid, Label, Paragraph, TextArea } from '@amsterdam/design-system-react';
import { type FormEvent, useEffect, useState } from 'react';
import { fetchClient } from '../../api/client';
import { fieldProblem } from '../../api/problems';
import type { ExitReason, Problem } from '../../api/schemas';
import { useLanguage } from '../../i18n/language';
import { PageTitle } from '../../layout/PageTitle';
import { ProblemAlert } from '../../layout/ProblemAlert';
import { CodeChoices } from '../hires/JourneyEndForms';
import { useLinkToken } from '../../session/linkToken';

const OPEN_MAX_LENGTH = 2000;

/**
 * `/app/exit-questionnaire#<token>`: the anonymous exit questionnaire, opened from the personal link in the
 * leaver's mail without signing in — the exit-reason taxonomy and one open text. The API decides what is valid.
 */
export function ExitQuestionnairePage() {
  const { t } = useLanguage();
  const token = useLinkToken();
  const [opened, setOpened] = useState(false);
  const [reasons, setReasons] = useState<readonly ExitReason[]>([]);
  const [openText, setOpenText] = useState('');
  const [problem, setProblem] = useState<Problem>();
  const [networkError, setNetworkError] = useState(false);
  const [sending, setSending] = useState(false);
  const [sent, setSent] = useState(false);

  useEffect(() => {
    if (!token) return;
    let current = true;
    fetchClient.POST('/exit-questionnaire/invitation', { body: { token } }).then(
      ({ data, error }) => {
        if (!current) return;
        if (data) setOpened(true);
        else setProblem(error);
      },
      () => current && setNetworkError(true),
    );
    return () => {
      current = false;
    };
  }, [token]);

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (!token || sending) return;
    setSending(true);
    setProblem(undefined);
    setNetworkError(false);
    try {
      const body = { token, reasons: [...reasons], ...(openText.trim() ? { openText } : {}) };
      const { response, error } = await fetchClient.POST('/exit-questionnaire/responses', { body });
      if (response.status === 202) setSent(true);
      else setProblem(error);
    } catch {
      setNetworkError(true);
    } finally {
      setSending(false);
    }
  }

  if (sent) {
    return (
      <Grid.Cell span="all">
        <Column gap="small">
          <PageTitle>{t.exitQuestionnaire.thanksTitle}</PageTitle>
          <Paragraph>{t.exitQuestionnaire.thanksText}</Paragraph>
        </Column>
      </Grid.Cell>
    );
  }
  const openTextError = fieldProblem(problem, '/openText');
  return (
    <Grid.Cell span={{ narrow: 4, medium: 8, wide: 8 }}>
      <Column gap="large">
        <Column gap="small">
          <PageTitle>{t.exitQuestionnaire.title}</PageTitle>
          <Paragraph>{t.exitQuestionnaire.anonymity}</Paragraph>
        </Column>
        {!token && <Paragraph>{t.exitQuestionnaire.noToken}</Paragraph>}
        <ProblemAlert {...(problem ? { problem, errors: problem.errors ?? [] } : {})} networkError={networkError} />
        {token && !opened && !problem && !networkError && <Paragraph>{t.app.loading}</Paragraph>}
        {opened && (
          <form onSubmit={submit} noValidate id="exit-questionnaire">
            <Column gap="large">
              <CodeChoices
                id="exit-questionnaire-reasons"
                legend={t.exitQuestionnaire.reasons}
                hint={t.exitQuestionnaire.reasonsHint}
                labels={t.exitReasons}
                chosen={reasons}
                error={fieldProblem(problem, '/reasons')}
                onChange={setReasons}
              />
              <div className="ams-field">
                <Label htmlFor="exit-questionnaire-open-text" optional>
                  {t.exitQuestionnaire.openText}
                </Label>
                <Paragraph id="exit-questionnaire-open-text-hint" size="small">
                  {t.exitQuestionnaire.openTextHint}
                </Paragraph>
                {openTextError && <Paragraph size="small">{openTextError}</Paragraph>}
                <TextArea
                  id="exit-questionnaire-open-text"
                  aria-describedby="exit-questionnaire-open-text-hint"
                  rows={4}
                  maxLength={OPEN_MAX_LENGTH}
                  value={openText}
                  onChange={(event) => setOpenText(event.target.value)}
                />
              </div>
              <div>
                <Button type="submit" disabled={sending}>
                  {t.exitQuestionnaire.submit}
                </Button>
              </div>
            </Column>
          </form>
        )}
      </Column>
    </Grid.Cell>
  );
}
