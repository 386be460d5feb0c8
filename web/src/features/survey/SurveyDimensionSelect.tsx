import { ChoiceField } from '../../layout/ChoiceField';
import type { SurveyReport } from '../../api/schemas';
import { useLanguage } from '../../i18n/language';

/** The coarse group attributes an invitation fixes (issue #12): the only ways a survey result may be split. */
export type SurveyDimension = SurveyReport['dimensions'][number]['dimension'];
export const SURVEY_DIMENSIONS: readonly SurveyDimension[] = [
  'team',
  'location',
  'startQuarter',
  'roleFamily',
  'templateId',
];

/** Picks the group attribute a survey table is split by; the survey report and the survey-beside-retention page share it. */
export function SurveyDimensionSelect({
  id,
  label,
  value,
  onChange,
}: {
  id: string;
  label: string;
  value: SurveyDimension;
  onChange: (dimension: SurveyDimension) => void;
}) {
  const { t } = useLanguage();
  return (
    <ChoiceField
      id={id}
      label={label}
      choices={SURVEY_DIMENSIONS}
      labels={t.surveyReport.dimensions}
      value={value}
      onChange={onChange}
    />
  );
}
