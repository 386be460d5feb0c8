import { Paragraph } from '@amsterdam/design-system-react';
import type { Problem } from '../../api/schemas';
import { useLanguage } from '../../i18n/language';
import { ProblemAlert } from '../../layout/ProblemAlert';

/**
 * GET /hires/{hireId} before the page can show the hire: "loading", or the API's refusal. A 404 is said in the
 * page's own words (`notFound`): no such hire, or none the reader may see, which the API does not tell apart.
 */
export function HireLoadState({
  hire,
  notFound,
}: {
  hire: { isPending: boolean; isError: boolean; error: Problem | null };
  notFound: string;
}) {
  const { t } = useLanguage();
  if (hire.isPending) return <Paragraph>{t.app.loading}</Paragraph>;
  if (!hire.isError || !hire.error) return null;
  return hire.error.status === 404 ? <Paragraph>{notFound}</Paragraph> : <ProblemAlert problem={hire.error} />;
}
