import {
  Button,
  Column,
  ErrorMessage,
  Field,
  Grid,
  Heading,
  Label,
  Paragraph,
  PasswordInput,
  Select,
  TextInput,
} from '@amsterdam/design-system-react';
import { useQuery } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import type { Role } from '../../api/schemas';
import { APP_BASE } from '../../appBase';
import { useLanguage } from '../../i18n/language';
import type { WebAppSettings } from '../../../../contracts/webAppSettings';
import { PageTitle } from '../../layout/PageTitle';
import { useSession } from '../../session/session';
import { WorkAccountSignIn } from '../workAccount/WorkAccountSignIn';

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
      <Grid.Cell span="all">
        <PageTitle>{t.signIn.title}</PageTitle>
        <Paragraph>{t.signIn.intro}</Paragraph>
      </Grid.Cell>
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

function DevRolePicker() {
  const { t } = useLanguage();
  const { signIn } = useSession();
  const [role, setRole] = useState<Role>('hr-advisor');
  const [personRef, setPersonRef] = useState('');
  const [organisationId, setOrganisationId] = useState('demo');
  const [missing, setMissing] = useState(false);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!organisationId.trim()) return setMissing(true);
    signIn({
      kind: 'dev',
      role,
      organisationId: organisationId.trim(),
      ...(personRef.trim() ? { personRef: personRef.trim() } : {}),
    });
  };
  return (
    <form onSubmit={submit} noValidate aria-labelledby="dev-heading">
      <Column gap="large">
        <Heading level={2} size="level-3" id="dev-heading">
          {t.signIn.devHeading}
        </Heading>
        <Paragraph size="small">{t.signIn.devIntro}</Paragraph>
        <Field>
          <Label htmlFor="dev-role">{t.signIn.role}</Label>
          <Select id="dev-role" value={role} onChange={(event) => setRole(event.target.value as Role)}>
            {DEV_ROLES.map((option) => (
              <Select.Option key={option} value={option}>
                {t.roles[option]}
              </Select.Option>
            ))}
          </Select>
        </Field>
        <Field>
          <Label htmlFor="dev-person" optional>
            {t.signIn.personRef}
          </Label>
          <Paragraph id="dev-person-hint" size="small">
            {t.signIn.personRefHint}
          </Paragraph>
          <TextInput
            id="dev-person"
            aria-describedby="dev-person-hint"
            value={personRef}
            onChange={(event) => setPersonRef(event.target.value)}
          />
        </Field>
        <Field invalid={missing}>
          <Label htmlFor="dev-organisation">{t.signIn.organisation}</Label>
          <Paragraph id="dev-organisation-hint" size="small">
            {t.signIn.organisationHint}
          </Paragraph>
          {missing && (
            <ErrorMessage id="dev-organisation-error">
              {t.signIn.required(t.signIn.organisation.toLowerCase())}
            </ErrorMessage>
          )}
          <TextInput
            id="dev-organisation"
            invalid={missing}
            aria-describedby={missing ? 'dev-organisation-hint dev-organisation-error' : 'dev-organisation-hint'}
            value={organisationId}
            onChange={(event) => setOrganisationId(event.target.value)}
          />
        </Field>
        <Button type="submit">{t.signIn.submit}</Button>
      </Column>
    </form>
  );
}

function ApiKeySignIn() {
  const { t } = useLanguage();
  const { signIn } = useSession();
  const [apiKey, setApiKey] = useState('');
  const [organisationId, setOrganisationId] = useState('demo');
  const [tried, setTried] = useState(false);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    setTried(true);
    if (!apiKey.trim() || !organisationId.trim()) return;
    // The key's roles are the API's to know; this sign-in is for administrators, so pages show the admin's.
    signIn({ kind: 'api-key', role: 'admin', apiKey: apiKey.trim(), organisationId: organisationId.trim() });
  };
  const keyMissing = tried && !apiKey.trim();
  const organisationMissing = tried && !organisationId.trim();
  return (
    <form onSubmit={submit} noValidate aria-labelledby="key-heading">
      <Column gap="large">
        <Heading level={2} size="level-3" id="key-heading">
          {t.signIn.apiKeyHeading}
        </Heading>
        <Paragraph size="small">{t.signIn.apiKeyIntro}</Paragraph>
        <Field invalid={keyMissing}>
          <Label htmlFor="api-key">{t.signIn.apiKey}</Label>
          {keyMissing && <ErrorMessage id="api-key-error">{t.signIn.required(t.signIn.apiKey)}</ErrorMessage>}
          <PasswordInput
            id="api-key"
            autoComplete="off"
            invalid={keyMissing}
            {...(keyMissing ? { 'aria-describedby': 'api-key-error' } : {})}
            value={apiKey}
            onChange={(event) => setApiKey(event.target.value)}
          />
        </Field>
        <Field invalid={organisationMissing}>
          <Label htmlFor="key-organisation">{t.signIn.organisation}</Label>
          {organisationMissing && (
            <ErrorMessage id="key-organisation-error">
              {t.signIn.required(t.signIn.organisation.toLowerCase())}
            </ErrorMessage>
          )}
          <TextInput
            id="key-organisation"
            invalid={organisationMissing}
            {...(organisationMissing ? { 'aria-describedby': 'key-organisation-error' } : {})}
            value={organisationId}
            onChange={(event) => setOrganisationId(event.target.value)}
          />
        </Field>
        <Button type="submit" variant="secondary">
          {t.signIn.submit}
        </Button>
      </Column>
    </form>
  );
}
