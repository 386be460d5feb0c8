import { Field, Label, Paragraph, Select } from '@amsterdam/design-system-react';
import { useState } from 'react';
import { $api, organisationHeader } from '../../api/client';
import { problemOrNetwork } from '../../api/problems';
import type { SurveyWave } from '../../api/schemas';
import { useLanguage } from '../../i18n/language';
import { ProblemAlert } from '../../layout/ProblemAlert';

/**
 * The organisation's survey waves and the chosen one: until another is picked, the newest wave of the 90-day survey
 * (waves come by id, so a template's pulse waves, `pulse-30-…`, sort after it), else the newest of any.
 */
export function useSurveyWaves() {
  const waves = $api.useQuery('get', '/survey-waves', { params: { header: organisationHeader() } });
  const [chosen, setChosen] = useState<string>();
  const all = waves.data?.waves ?? [];
  const newest = all.filter((wave) => wave.questionnaireId === 'ninety-days').at(-1) ?? all.at(-1);
  return { waves, waveId: chosen ?? newest?.waveId, choose: setChosen };
}

/** The wave picker of the survey pages: loading, a problem, no waves yet, or the select. */
export function SurveyWavePicker(props: {
  id: string;
  label: string;
  noWaves: string;
  state: ReturnType<typeof useSurveyWaves>;
  optionLabel?: (wave: SurveyWave) => string;
}) {
  const { t } = useLanguage();
  const { waves, waveId, choose } = props.state;
  if (waves.isPending) return <Paragraph>{t.app.loading}</Paragraph>;
  if (waves.isError) return <ProblemAlert {...problemOrNetwork(waves.error)} />;
  if (waves.data.waves.length === 0) return <Paragraph>{props.noWaves}</Paragraph>;
  return (
    <Field>
      <Label htmlFor={props.id}>{props.label}</Label>
      <Select id={props.id} value={waveId} onChange={(event) => choose(event.target.value)}>
        {waves.data.waves.map((wave) => (
          <Select.Option key={wave.waveId} value={wave.waveId}>
            {props.optionLabel ? props.optionLabel(wave) : wave.waveId}
          </Select.Option>
        ))}
      </Select>
    </Field>
  );
}
