import {
  EXIT_REASONS,
  type Language,
  RETENTION_FACTORS,
  type TaxonomyEntry,
} from '../../../workflows/domain/exitReasons';

/**
 * The exit-reason taxonomy's own labels (workflows/domain/exitReasons.ts): the words the analytics and the mails use
 * for each code, so the form an HR advisor ticks never says it differently. In the taxonomy's order.
 */
function labelsOf<Code extends string>(
  taxonomy: readonly TaxonomyEntry<Code>[],
  language: Language,
): Record<Code, string> {
  return Object.fromEntries(taxonomy.map((entry) => [entry.code, entry.labels[language]])) as Record<Code, string>;
}

export const exitReasonLabels = (language: Language) => labelsOf(EXIT_REASONS, language);
export const retentionFactorLabels = (language: Language) => labelsOf(RETENTION_FACTORS, language);
