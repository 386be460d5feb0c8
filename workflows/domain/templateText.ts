/**
 * The two languages a template's texts come in. Dutch is what every template has (old versions, stored events and
 * read models carry only that); English sits beside it as an optional `titleEn`, so a template or history from
 * before it still loads, and a reader of English sees the Dutch title where no translation was written.
 * Pure: the workflow bundle imports this module.
 */
export type TextLanguage = 'nl' | 'en';

export interface Titled {
  /** Dutch: always present. */
  readonly title: string;
  /** English; omitted means the Dutch title is shown to English readers too. */
  readonly titleEn?: string;
}

export function titleIn(item: Titled, language: TextLanguage): string {
  return language === 'en' && item.titleEn ? item.titleEn : item.title;
}

/** The English title to carry along, only when there is one: keeps old shapes byte-identical. */
export function englishTitleOf(item: { readonly titleEn?: string }): { titleEn?: string } {
  return item.titleEn ? { titleEn: item.titleEn } : {};
}
