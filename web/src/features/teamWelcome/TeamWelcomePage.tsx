import { Button, Paragraph, TextArea, TextInput } from '@amsterdam/design-system-react';
import { useState } from 'react';
import { fetchClient } from '../../api/client';
import { fieldProblem } from '../../api/problems';
import { useLanguage } from '../../i18n/language';
import { useLinkToken } from '../../session/linkToken';
import { LinkFormBody } from '../linkForm/LinkFormBody';
import { LinkFormPage } from '../linkForm/LinkFormPage';
import { useLinkForm } from '../linkForm/useLinkForm';
import { LinkFormField } from '../linkForm/LinkFormField';
import { boundValue } from '../../layout/boundValue';

/** The contract's limits (TeamWelcomeSubmission); the API refuses more, the fields only help not to type it. */
const NAME_MAX_LENGTH = 80;
const TEXT_MAX_LENGTH = 500;

const openInvitation = (token: string) => fetchClient.POST('/team-welcome/invitation', { body: { token } });

/**
 * `/app/team-welcome#<token>`: a colleague writes a short welcome for the new hire, from the link their manager
 * forwarded, without signing in. The API decides what is valid and until when.
 */
export function TeamWelcomePage() {
  const { t } = useLanguage();
  const form = useLinkForm(useLinkToken(), openInvitation);
  const [authorName, setAuthorName] = useState('');
  const [text, setText] = useState('');
  const submit = form.submitWith(201, (token) =>
    fetchClient.POST('/team-welcome/messages', { body: { token, authorName, text } }),
  );
  const { invitation, problem, sending } = form;
  const nameError = fieldProblem(problem, '/authorName');
  const textError = fieldProblem(problem, '/text');
  return (
    <LinkFormPage
      form={form}
      title={invitation?.hireName ? t.teamWelcome.titleFor(invitation.hireName) : t.teamWelcome.title}
      intro={invitation && <Paragraph>{t.teamWelcome.intro(invitation.startDate)}</Paragraph>}
      noToken={t.teamWelcome.noToken}
      thanksTitle={t.teamWelcome.thanksTitle}
      thanks={
        <>
          <Paragraph data-testid="team-welcome-thanks">{t.teamWelcome.thanksText}</Paragraph>
          <div>
            <Button
              variant="secondary"
              onClick={() => {
                setText('');
                form.setSent(false);
              }}
            >
              {t.teamWelcome.another}
            </Button>
          </div>
        </>
      }
    >
      {() => (
        <LinkFormBody id="team-welcome" submitLabel={t.teamWelcome.submit} disabled={sending} onSubmit={submit}>
          <LinkFormField
            id="team-welcome-author"
            label={t.teamWelcome.authorName}
            hint={t.teamWelcome.authorNameHint}
            error={nameError}
          >
            {(input) => (
              <TextInput
                {...input}
                autoComplete="name"
                maxLength={NAME_MAX_LENGTH}
                {...boundValue(authorName, setAuthorName)}
                invalid={Boolean(nameError)}
              />
            )}
          </LinkFormField>
          <LinkFormField
            id="team-welcome-text"
            label={t.teamWelcome.text}
            hint={t.teamWelcome.textHint(TEXT_MAX_LENGTH)}
            error={textError}
            alsoDescribedBy="team-welcome-text-left"
          >
            {(input) => (
              <>
                <TextArea
                  {...input}
                  rows={5}
                  maxLength={TEXT_MAX_LENGTH}
                  {...boundValue(text, setText)}
                  invalid={Boolean(textError)}
                />
                <Paragraph id="team-welcome-text-left" size="small" aria-live="polite">
                  {t.teamWelcome.charactersLeft(TEXT_MAX_LENGTH - text.length)}
                </Paragraph>
              </>
            )}
          </LinkFormField>
        </LinkFormBody>
      )}
    </LinkFormPage>
  );
}
