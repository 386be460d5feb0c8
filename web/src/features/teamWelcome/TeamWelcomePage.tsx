import { Button, Column, Grid, Label, Paragraph, TextArea, TextInput } from '@amsterdam/design-system-react';
import { type FormEvent, useEffect, useState } from 'react';
import { fetchClient } from '../../api/client';
import { fieldProblem } from '../../api/problems';
import type { Problem } from '../../api/schemas';
import { useLanguage } from '../../i18n/language';
import { PageTitle } from '../../layout/PageTitle';
import { ProblemAlert } from '../../layout/ProblemAlert';
import { useLinkToken } from '../../session/linkToken';

/** The contract's limits (TeamWelcomeSubmission); the API refuses more, the fields only help not to type it. */
const NAME_MAX_LENGTH = 80;
const TEXT_MAX_LENGTH = 500;

/**
 * `/app/team-welcome#<token>`: a colleague writes a short welcome for the new hire, from the link their manager
 * forwarded, without signing in. The API decides what is valid and until when.
 */
export function TeamWelcomePage() {
  const { t } = useLanguage();
  const token = useLinkToken();
  const [invitation, setInvitation] = useState<{ hireName: string; startDate: string }>();
  const [authorName, setAuthorName] = useState('');
  const [text, setText] = useState('');
  const [problem, setProblem] = useState<Problem>();
  const [networkError, setNetworkError] = useState(false);
  const [sending, setSending] = useState(false);
  const [sent, setSent] = useState(false);

  useEffect(() => {
    if (!token) return;
    let current = true;
    fetchClient.POST('/team-welcome/invitation', { body: { token } }).then(
      ({ data, error }) => {
        if (!current) return;
        if (data) setInvitation(data);
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
      const { response, error } = await fetchClient.POST('/team-welcome/messages', {
        body: { token, authorName, text },
      });
      if (response.status === 201) setSent(true);
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
          <PageTitle>{t.teamWelcome.thanksTitle}</PageTitle>
          <Paragraph data-testid="team-welcome-thanks">{t.teamWelcome.thanksText}</Paragraph>
          <div>
            <Button
              variant="secondary"
              onClick={() => {
                setText('');
                setSent(false);
              }}
            >
              {t.teamWelcome.another}
            </Button>
          </div>
        </Column>
      </Grid.Cell>
    );
  }
  const nameError = fieldProblem(problem, '/authorName');
  const textError = fieldProblem(problem, '/text');
  return (
    <Grid.Cell span={{ narrow: 4, medium: 8, wide: 8 }}>
      <Column gap="large">
        <Column gap="small">
          <PageTitle>
            {invitation?.hireName ? t.teamWelcome.titleFor(invitation.hireName) : t.teamWelcome.title}
          </PageTitle>
          {invitation && <Paragraph>{t.teamWelcome.intro(invitation.startDate)}</Paragraph>}
        </Column>
        {!token && <Paragraph>{t.teamWelcome.noToken}</Paragraph>}
        <ProblemAlert {...(problem ? { problem, errors: problem.errors ?? [] } : {})} networkError={networkError} />
        {token && !invitation && !problem && !networkError && <Paragraph>{t.app.loading}</Paragraph>}
        {invitation && (
          <form onSubmit={submit} noValidate id="team-welcome">
            <Column gap="large">
              <div className="ams-field">
                <Label htmlFor="team-welcome-author">{t.teamWelcome.authorName}</Label>
                <Paragraph id="team-welcome-author-hint" size="small">
                  {t.teamWelcome.authorNameHint}
                </Paragraph>
                {nameError && <Paragraph size="small">{nameError}</Paragraph>}
                <TextInput
                  id="team-welcome-author"
                  aria-describedby="team-welcome-author-hint"
                  autoComplete="name"
                  maxLength={NAME_MAX_LENGTH}
                  value={authorName}
                  invalid={Boolean(nameError)}
                  onChange={(event) => setAuthorName(event.target.value)}
                />
              </div>
              <div className="ams-field">
                <Label htmlFor="team-welcome-text">{t.teamWelcome.text}</Label>
                <Paragraph id="team-welcome-text-hint" size="small">
                  {t.teamWelcome.textHint(TEXT_MAX_LENGTH)}
                </Paragraph>
                {textError && <Paragraph size="small">{textError}</Paragraph>}
                <TextArea
                  id="team-welcome-text"
                  aria-describedby="team-welcome-text-hint team-welcome-text-left"
                  rows={5}
                  maxLength={TEXT_MAX_LENGTH}
                  value={text}
                  invalid={Boolean(textError)}
                  onChange={(event) => setText(event.target.value)}
                />
                <Paragraph id="team-welcome-text-left" size="small" aria-live="polite">
                  {t.teamWelcome.charactersLeft(TEXT_MAX_LENGTH - text.length)}
                </Paragraph>
              </div>
              <div>
                <Button type="submit" disabled={sending}>
                  {t.teamWelcome.submit}
                </Button>
              </div>
            </Column>
          </form>
        )}
      </Column>
    </Grid.Cell>
  );
}
