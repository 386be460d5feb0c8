import { Paragraph, TextArea } from '@amsterdam/design-system-react';
import { useState } from 'react';
import { fetchClient } from '../../api/client';
import { fieldProblem } from '../../api/problems';
import type { ExitReason } from '../../api/schemas';
import { useLanguage } from '../../i18n/language';
import { CodeChoices } from '../hires/JourneyEndForms';
import { LinkFormBody } from '../linkForm/LinkFormBody';
import { LinkFormPage } from '../linkForm/LinkFormPage';
import { useLinkForm } from '../linkForm/useLinkForm';
import { useLinkToken } from '../../session/linkToken';
import { LinkFormField } from '../linkForm/LinkFormField';
import { boundValue } from '../../layout/boundValue';

const OPEN_MAX_LENGTH = 2000;

const openInvitation = (token: string) => fetchClient.POST('/exit-questionnaire/invitation', { body: { token } });

/**
 * `/app/exit-questionnaire#<token>`: the anonymous exit questionnaire, opened from the personal link in the
 * leaver's mail without signing in — the exit-reason taxonomy and one open text. The API decides what is valid.
 */
export function ExitQuestionnairePage() {
  const { t } = useLanguage();
  const form = useLinkForm(useLinkToken(), openInvitation);
  const [reasons, setReasons] = useState<readonly ExitReason[]>([]);
  const [openText, setOpenText] = useState('');
  const submit = form.submitWith(202, (token) =>
    fetchClient.POST('/exit-questionnaire/responses', {
      body: { token, reasons: [...reasons], ...(openText.trim() ? { openText } : {}) },
    }),
  );
  const { problem, sending } = form;
  const openTextError = fieldProblem(problem, '/openText');
  return (
    <LinkFormPage
      form={form}
      title={t.exitQuestionnaire.title}
      intro={<Paragraph>{t.exitQuestionnaire.anonymity}</Paragraph>}
      noToken={t.exitQuestionnaire.noToken}
      thanksTitle={t.exitQuestionnaire.thanksTitle}
      thanks={<Paragraph>{t.exitQuestionnaire.thanksText}</Paragraph>}
    >
      {() => (
        <LinkFormBody
          id="exit-questionnaire"
          submitLabel={t.exitQuestionnaire.submit}
          disabled={sending}
          onSubmit={submit}
        >
          <CodeChoices
            id="exit-questionnaire-reasons"
            legend={t.exitQuestionnaire.reasons}
            hint={t.exitQuestionnaire.reasonsHint}
            labels={t.exitReasons}
            chosen={reasons}
            error={fieldProblem(problem, '/reasons')}
            onChange={setReasons}
          />
          <LinkFormField
            id="exit-questionnaire-open-text"
            label={t.exitQuestionnaire.openText}
            hint={t.exitQuestionnaire.openTextHint}
            optional
            error={openTextError}
          >
            {(input) => (
              <TextArea {...input} rows={4} maxLength={OPEN_MAX_LENGTH} {...boundValue(openText, setOpenText)} />
            )}
          </LinkFormField>
        </LinkFormBody>
      )}
    </LinkFormPage>
  );
}
