import { Button } from '@amsterdam/design-system-react';
import { fetchClient, organisationHeader } from '../../api/client';
import { useLanguage } from '../../i18n/language';

/** The wave's survey beside retention as the API's CSV (the same groups and suppression as the page shows). */
export function SurveyRetentionCsvLink({ waveId }: { waveId: string }) {
  const { t } = useLanguage();
  const download = async () => {
    const { data } = await fetchClient.GET('/analytics/survey-retention/export', {
      params: { header: organisationHeader(), query: { waveId } },
      parseAs: 'text',
    });
    if (typeof data !== 'string') return;
    const link = document.createElement('a');
    link.href = URL.createObjectURL(new Blob([data], { type: 'text/csv' }));
    link.download = `enquete-en-behoud-${waveId}.csv`;
    link.click();
    URL.revokeObjectURL(link.href);
  };
  return (
    <Button variant="secondary" onClick={download}>
      {t.surveyRetentionExport.download}
    </Button>
  );
}
