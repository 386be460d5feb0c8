import { Field, Label, Paragraph, Select } from '@amsterdam/design-system-react';
import { useState } from 'react';
import { $api, organisationHeader } from '../../api/client';
import { problemOrNetwork } from '../../api/problems';
import type { SurveyWave } from '../../api/schemas';
import { useLanguage } from '../../i18n/language';
import { ProblemAlert } from '../../layout/ProblemAlert';

/** The organisation's survey waves and the chosen one (the newest until another is picked). */
export function useSurveyWaves() {
  const waves = $api.useQuery('get', '/survey-waves', { params: { header: organisationHeader() } });
  const [chosen, setChosen] = useState<string>();
  return { waves, waveId: chosen ?? waves.data?.waves.at(-1)?.waveId, choose: setChosen };
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
