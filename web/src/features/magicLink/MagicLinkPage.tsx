import { Grid, Paragraph } from '@amsterdam/design-system-react';
import { useEffect, useState } from 'react';
import { useLocation } from 'wouter';
import { fetchClient } from '../../api/client';
import type { Problem } from '../../api/schemas';
import { useLanguage } from '../../i18n/language';
import { PageTitle } from '../../layout/PageTitle';
import { ProblemAlert } from '../../layout/ProblemAlert';
import { useSession } from '../../session/session';

type Redemption = Awaited<ReturnType<typeof redeem>>;
const redeem = (token: string) => fetchClient.POST('/sessions/magic-link', { body: { token } });

/** A link works once: React may run an effect twice (StrictMode), the link is still redeemed once per page load. */
const redemptions = new Map<string, Promise<Redemption>>();
function redeemOnce(token: string): Promise<Redemption> {
  let redemption = redemptions.get(token);
  if (!redemption) {
    redemption = redeem(token);
    redemptions.set(token, redemption);
  }
  return redemption;
}

/**
 * `/app/link#<token>`: the token is in the fragment, which no browser sends to a server. It is taken out of the
 * address at once (not in the history, not in a bookmark), redeemed, and the session opens the link's page.
 */
export function MagicLinkPage() {
  const { t } = useLanguage();
  const { signIn } = useSession();
  const [, navigate] = useLocation();
  const [token] = useState(() => decodeURIComponent(window.location.hash.slice(1)));
  const [problem, setProblem] = useState<Problem>();
  const [networkError, setNetworkError] = useState(false);

  useEffect(() => {
    if (window.location.hash)
      window.history.replaceState(window.history.state, '', window.location.pathname + window.location.search);
    if (!token) return;
    let current = true;
    redeemOnce(token).then(
      ({ data, error }) => {
        if (!current) return;
        if (!data) return setProblem(error);
        signIn({
          kind: 'magic-link',
          organisationId: data.organisationId,
          role: data.role,
          personRef: data.personRef,
          hireId: data.hireId,
          token: data.token,
          expiresAt: data.expiresAt,
        });
        const pages = {
          welcome: '/welcome',
          'mentor-request': `/mentor-requests/${encodeURIComponent(data.hireId)}`,
          tasks: '/tasks',
        } as const;
        navigate(pages[data.purpose], { replace: true });
      },
      () => current && setNetworkError(true),
    );
    return () => {
      current = false;
    };
  }, [token, signIn, navigate]);

  return (
    <Grid.Cell span="all">
      <PageTitle>{t.magicLink.title}</PageTitle>
      {!token ? (
        <Paragraph>{t.magicLink.noToken}</Paragraph>
      ) : problem || networkError ? (
        <ProblemAlert {...(problem ? { problem } : {})} networkError={networkError} />
      ) : (
        <Paragraph>{t.magicLink.opening}</Paragraph>
      )}
    </Grid.Cell>
  );
}
