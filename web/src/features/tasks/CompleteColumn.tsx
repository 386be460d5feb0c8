import { useLanguage } from '../../i18n/language';

/** The heading of a task table's column of "complete" buttons: each button says what it does, so it is not shown. */
export function CompleteColumn() {
  const { t } = useLanguage();
  return <span className="ams-visually-hidden">{t.tasks.complete}</span>;
}
