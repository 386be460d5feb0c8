import { OWNER_ROLES, type OwnerRole } from '../../api/schemas';
import { useLanguage } from '../../i18n/language';
import { ChoiceField } from '../../layout/ChoiceField';

/** Picks whose a task is: one of the plan's owner roles, each by its name in the person's language. */
export function OwnerRoleField(props: {
  id: string;
  label: string;
  value: OwnerRole;
  error?: string | undefined;
  onChange(role: OwnerRole): void;
}) {
  const { t } = useLanguage();
  return <ChoiceField {...props} choices={OWNER_ROLES} labels={t.ownerRoles} />;
}
