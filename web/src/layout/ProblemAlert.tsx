import { Alert, Paragraph, UnorderedList } from '@amsterdam/design-system-react';
import { useEffect, useRef } from 'react';
import type { Problem } from '../api/schemas';
import { useLanguage } from '../i18n/language';

/**
 * A problem detail (RFC 9457) at the top of a form or page, in the words the API chose in the person's language;
 * `errors` that a field already shows are left to the field. Focus moves here so the problem is read at once.
 */
export function ProblemAlert({
  problem,
  errors,
  networkError,
}: {
  problem?: Problem;
  errors?: readonly { pointer: string; detail: string }[];
  networkError?: boolean;
}) {
  const { t } = useLanguage();
  const alert = useRef<HTMLDivElement>(null);
  useEffect(() => {
    alert.current?.focus();
  }, [problem, networkError]);
  if (!problem && !networkError) return null;
  return (
    <Alert
      ref={alert}
      tabIndex={-1}
      severity="error"
      heading={problem?.title ?? t.app.problemHeading}
      headingLevel={2}
      data-problem-type={problem?.type}
    >
      <Paragraph>{problem ? (problem.detail ?? problem.title) : t.app.networkError}</Paragraph>
      {errors && errors.length > 0 && (
        <UnorderedList>
          {errors.map((error) => (
            <UnorderedList.Item key={`${error.pointer}:${error.detail}`}>
              {error.pointer ? `${error.pointer}: ${error.detail}` : error.detail}
            </UnorderedList.Item>
          ))}
        </UnorderedList>
      )}
    </Alert>
  );
}
