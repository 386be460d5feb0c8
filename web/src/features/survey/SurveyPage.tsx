import { Alert, FieldSet, Label, Paragraph, Radio, TextArea } from '@amsterdam/design-system-react';
import { useEffect, useMemo, useState } from 'react';
import { fetchClient } from '../../api/client';
import type { Problem, SurveyItem, SurveySubmission } from '../../api/schemas';
import { useLanguage } from '../../i18n/language';
import { LinkFormBody } from '../linkForm/LinkFormBody';
import { LinkFormPage } from '../linkForm/LinkFormPage';
import { useLinkForm } from '../linkForm/useLinkForm';
import { forgetProgress, loadProgress, saveProgress } from './surveyProgress';
import { useLinkToken } from '../../session/linkToken';
import { boundValue } from '../../layout/boundValue';

const SCALES = { likert: [1, 2, 3, 4, 5], enps: [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10] } as const;
const OPEN_MAX_LENGTH = 2000;

const openInvitation = (token: string) => fetchClient.POST('/survey/invitation', { body: { token } });
/** A spent or closed link has nothing left to keep on this device. */
const forgetSpentProgress = (problem: Problem | undefined) => {
  if (problem?.status === 410) forgetProgress();
};

/**
 * `/app/survey#<token>`: the anonymous survey, opened from the personal link in the invitation without signing in.
 * The token proves the right to answer once; the API decides everything else (which questions, what is valid).
 */
export function SurveyPage() {
  const { t, language } = useLanguage();
  // From the link, else from the progress kept on this device.
  const token = useLinkToken(() => loadProgress()?.token);
  const [answers, setAnswers] = useState<Record<string, number | string>>(() => {
    const stored = loadProgress();
    return stored && stored.token === token ? { ...stored.answers } : {};
  });
  const form = useLinkForm(token, openInvitation, forgetSpentProgress);
  const questionnaire = form.invitation?.questionnaire;
  const { sending, sent } = form;

  useEffect(() => {
    if (token && !sent) saveProgress({ token, answers });
  }, [token, answers, sent]);

  const scaleItems = useMemo(() => questionnaire?.items.filter((item) => item.kind !== 'open') ?? [], [questionnaire]);
  const answered = scaleItems.filter((item) => typeof answers[item.id] === 'number').length;

  const submit = form.submitWith(
    202,
    (token) => {
      const body = (questionnaire?.items ?? []).flatMap((item): SurveySubmission['answers'] => {
        const value = answers[item.id];
        if (item.kind === 'open')
          return typeof value === 'string' && value.trim() !== '' ? [{ itemId: item.id, text: value }] : [];
        return typeof value === 'number' ? [{ itemId: item.id, value }] : [];
      });
      return fetchClient.POST('/survey/responses', { body: { token, answers: body } });
    },
    forgetProgress,
  );

  return (
    <LinkFormPage
      form={form}
      title={questionnaire ? questionnaire.name[language] : t.survey.title}
      intro={<Paragraph>{t.survey.anonymity(questionnaire?.minimumGroupSize ?? 5)}</Paragraph>}
      noToken={t.survey.noToken}
      thanksTitle={t.survey.thanksTitle}
      thanks={<Paragraph>{t.survey.thanksText}</Paragraph>}
    >
      {({ questionnaire }) => (
        <LinkFormBody
          className="sl-survey"
          submitLabel={t.survey.submit}
          disabled={sending || answered < scaleItems.length}
          onSubmit={submit}
        >
          <Paragraph role="status" data-testid="survey-progress">
            {t.survey.progress(answered, scaleItems.length)}
          </Paragraph>
          {questionnaire.items.map((item, index) => (
            <Question
              key={item.id}
              item={item}
              number={index + 1}
              value={answers[item.id]}
              onChange={(value) => setAnswers((before) => ({ ...before, [item.id]: value }))}
            />
          ))}
          {answered < scaleItems.length && (
            <Alert heading={t.survey.notDoneHeading} headingLevel={2}>
              <Paragraph>{t.survey.notDone(scaleItems.length - answered)}</Paragraph>
            </Alert>
          )}
        </LinkFormBody>
      )}
    </LinkFormPage>
  );
}

function Question({
  item,
  number,
  value,
  onChange,
}: {
  item: SurveyItem;
  number: number;
  value: number | string | undefined;
  onChange: (value: number | string) => void;
}) {
  const { t, language } = useLanguage();
  const legend = `${number}. ${item.text[language]}`;
  if (item.kind === 'open') {
    const id = `survey-${item.id}`;
    return (
      <div className="ams-field">
        <Label htmlFor={id} optional>
          {legend}
        </Label>
        <TextArea
          id={id}
          rows={4}
          maxLength={OPEN_MAX_LENGTH}
          {...boundValue(typeof value === 'string' ? value : '', onChange)}
        />
        <Paragraph size="small">{t.survey.openHint}</Paragraph>
      </div>
    );
  }
  const scale = SCALES[item.kind];
  const label = (option: number) => (item.kind === 'likert' ? t.survey.likert[option - 1]! : String(option));
  return (
    <FieldSet legend={legend} {...(item.kind === 'enps' ? { hint: t.survey.enpsHint } : {})} role="radiogroup">
      <div className={`sl-survey-scale sl-survey-scale-${item.kind}`}>
        {scale.map((option) => (
          <Radio
            key={option}
            name={item.id}
            value={option}
            checked={value === option}
            onChange={() => onChange(option)}
          >
            {label(option)}
          </Radio>
        ))}
      </div>
    </FieldSet>
  );
}
