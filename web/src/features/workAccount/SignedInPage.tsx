import { Column, Grid, Link as DsLink, Paragraph } from '@amsterdam/design-system-react';
import { useEffect, useState } from 'react';
import { Link, useLocation } from 'wouter';
import { fetchClient } from '../../api/client';
import type { Problem, Role } from '../../api/schemas';
import { useLanguage } from '../../i18n/language';
import { PageTitle } from '../../layout/PageTitle';
import { ProblemAlert } from '../../layout/ProblemAlert';
import { ROLE_PAGES_ORDER, useSession } from '../../session/session';
import { type WorkAccountSignIn, completeWorkAccountSignIn } from './workAccountFlow';

type Outcome = { signIn: WorkAccountSignIn; session?: Awaited<ReturnType<typeof whoAmI>> } | { failed: true };
const whoAmI = (accessToken: string) =>
  fetchClient.GET('/session', { headers: { Authorization: `Bearer ${accessToken}` } });

/** A code is traded once: React may run an effect twice (StrictMode), the exchange still happens once per page load. */
let completion: Promise<Outcome> | undefined;
function completeOnce(): Promise<Outcome> {
  completion ??= completeWorkAccountSignIn().then(
    async (signIn) => ({ signIn, session: await whoAmI(signIn.accessToken) }),
    () => ({ failed: true }) as const,
  );
  return completion;
}

/**
 * The redirect URI: the provider sends the browser here with a code; the code and the PKCE verifier become an
 * access token, and the API says whom it stands for (GET /session). A token the API refuses (another provider's,
 * no role of this API) opens nothing: the page says so in the API's words.
 */
export function SignedInPage() {
  const { t } = useLanguage();
  const { signIn } = useSession();
  const [, navigate] = useLocation();
  const [problem, setProblem] = useState<Problem>();
  const [failed, setFailed] = useState(false);

  useEffect(() => {
    let current = true;
    completeOnce().then((outcome) => {
      if (!current) return;
      if ('failed' in outcome) return setFailed(true);
      const { data, error } = outcome.session ?? {};
      if (!data) return setProblem(error);
      const role = ROLE_PAGES_ORDER.find((candidate) => data.roles.includes(candidate)) ?? (data.roles[0] as Role);
      signIn({
        kind: 'oidc',
        organisationId: data.organisationId,
        role,
        ...(data.personRef === undefined ? {} : { personRef: data.personRef }),
        issuer: outcome.signIn.provider.issuer,
        accessToken: outcome.signIn.accessToken,
        expiresAt: outcome.signIn.expiresAt,
      });
      navigate(outcome.signIn.returnTo, { replace: true });
    });
    return () => {
      current = false;
    };
  }, [signIn, navigate]);

  return (
    <Grid.Cell span="all">
      <PageTitle>{t.workAccount.callbackTitle}</PageTitle>
      {problem || failed ? (
        <Column gap="large">
          {problem && <Paragraph>{t.workAccount.refused}</Paragraph>}
          {problem ? <ProblemAlert problem={problem} /> : <Paragraph>{t.workAccount.failed}</Paragraph>}
          <Paragraph>
            <DsLink linkComponent={Link} href="/">
              {t.workAccount.again}
            </DsLink>
          </Paragraph>
        </Column>
      ) : (
        <Paragraph>{t.workAccount.completing}</Paragraph>
      )}
    </Grid.Cell>
  );
}
