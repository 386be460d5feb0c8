import { Button, Grid, PasswordInput, TextInput } from '@amsterdam/design-system-react';
import { useQuery } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import type { Role } from '../../api/schemas';
import { APP_BASE } from '../../appBase';
import { useLanguage } from '../../i18n/language';
import type { WebAppSettings } from '../../../../contracts/webAppSettings';
import { ChoiceField } from '../../layout/ChoiceField';
import { FormField } from '../../layout/FormField';
import { PageIntroCell } from '../../layout/PageIntroCell';
import { useSession } from '../../session/session';
import { WorkAccountSignIn } from '../workAccount/WorkAccountSignIn';
import { HeadedForm } from '../../layout/HeadedForm';
import { boundValue } from '../../layout/boundValue';

/**
 * Signing in: with a work account at each identity provider the server names (OIDC, code + PKCE), the dev-mode
 * role picker where the server runs in dev mode, and an administrator's API key. New hires and mentors without an
 * account come in by the magic link in their mail (features/magicLink), not through this page.
 */
export function SignInPage() {
  const { t } = useLanguage();
  const settings = useQuery({
    queryKey: ['web-app-settings'],
    queryFn: async (): Promise<WebAppSettings> => (await fetch(`${APP_BASE}/settings.json`)).json(),
    staleTime: Infinity,
  });
  return (
    <>
      <PageIntroCell title={t.signIn.title} intro={t.signIn.intro} />
      <Grid.Cell span={{ narrow: 4, medium: 8, wide: 6 }}>
        <WorkAccountSignIn providers={settings.data?.workAccounts ?? []} />
      </Grid.Cell>
      {settings.data?.devMode && (
        <Grid.Cell span={{ narrow: 4, medium: 8, wide: 6 }}>
          <DevRolePicker />
        </Grid.Cell>
      )}
      <Grid.Cell span={{ narrow: 4, medium: 8, wide: 6 }}>
        <ApiKeySignIn />
      </Grid.Cell>
    </>
  );
}

const DEV_ROLES: readonly Role[] = ['hr-advisor', 'recruiter', 'manager', 'mentor', 'new-hire', 'auditor', 'admin'];

/**
 * The organisation a sign-in is for, 'demo' until another is typed: `organisationId` as it is sent (trimmed; empty
 * when none is typed) and `field`, what its OrganisationField is given.
 */
function useOrganisation() {
  const [typed, setTyped] = useState('demo');
  return { organisationId: typed.trim(), field: { value: typed, onChange: setTyped } };
}

function DevRolePicker() {
  const { t } = useLanguage();
  const { signIn } = useSession();
  const [role, setRole] = useState<Role>('hr-advisor');
  const [personRef, setPersonRef] = useState('');
  const organisation = useOrganisation();
  const [missing, setMissing] = useState(false);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!organisation.organisationId) return setMissing(true);
    signIn({
      kind: 'dev',
      role,
      organisationId: organisation.organisationId,
      ...(personRef.trim() ? { personRef: personRef.trim() } : {}),
    });
  };
  return (
    <HeadedForm headingId="dev-heading" heading={t.signIn.devHeading} intro={t.signIn.devIntro} onSubmit={submit}>
      <ChoiceField
        id="dev-role"
        label={t.signIn.role}
        choices={DEV_ROLES}
        labels={t.roles}
        value={role}
        onChange={setRole}
      />
      <FormField id="dev-person" label={t.signIn.personRef} hint={t.signIn.personRefHint} optional>
        {(input) => <TextInput {...input} {...boundValue(personRef, setPersonRef)} />}
      </FormField>
      <OrganisationField
        id="dev-organisation"
        hint={t.signIn.organisationHint}
        missing={missing}
        {...organisation.field}
      />
      <Button type="submit">{t.signIn.submit}</Button>
    </HeadedForm>
  );
}

function ApiKeySignIn() {
  const { t } = useLanguage();
  const { signIn } = useSession();
  const [apiKey, setApiKey] = useState('');
  const organisation = useOrganisation();
  const [tried, setTried] = useState(false);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    setTried(true);
    if (!apiKey.trim() || !organisation.organisationId) return;
    // The key's roles are the API's to know; this sign-in is for administrators, so pages show the admin's.
    signIn({ kind: 'api-key', role: 'admin', apiKey: apiKey.trim(), organisationId: organisation.organisationId });
  };
  const keyMissing = tried && !apiKey.trim();
  const organisationMissing = tried && !organisation.organisationId;
  return (
    <HeadedForm headingId="key-heading" heading={t.signIn.apiKeyHeading} intro={t.signIn.apiKeyIntro} onSubmit={submit}>
      <FormField
        id="api-key"
        label={t.signIn.apiKey}
        {...(keyMissing ? { error: t.signIn.required(t.signIn.apiKey) } : {})}
      >
        {(input) => <PasswordInput {...input} autoComplete="off" {...boundValue(apiKey, setApiKey)} />}
      </FormField>
      <OrganisationField id="key-organisation" missing={organisationMissing} {...organisation.field} />
      <Button type="submit" variant="secondary">
        {t.signIn.submit}
      </Button>
    </HeadedForm>
  );
}

/** The organisation both sign-ins need: said to be required once the form was sent without it. */
function OrganisationField(props: {
  id: string;
  hint?: string;
  missing: boolean;
  value: string;
  onChange(value: string): void;
}) {
  const { t } = useLanguage();
  return (
    <FormField
      id={props.id}
      label={t.signIn.organisation}
      {...(props.hint ? { hint: props.hint } : {})}
      {...(props.missing ? { error: t.signIn.required(t.signIn.organisation.toLowerCase()) } : {})}
    >
      {(input) => <TextInput {...input} {...boundValue(props.value, props.onChange)} />}
    </FormField>
  );
}
