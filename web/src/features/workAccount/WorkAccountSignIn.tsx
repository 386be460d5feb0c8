import { Button, Column, Heading, Paragraph } from '@amsterdam/design-system-react';
import { useState } from 'react';
import type { WorkAccountProvider } from '../../../../contracts/webAppSettings';
import { APP_BASE } from '../../appBase';
import { useLanguage } from '../../i18n/language';
import { ProblemAlert } from '../../layout/ProblemAlert';
import { startWorkAccountSignIn } from './workAccountFlow';

/**
 * "Aanmelden met je werkaccount": one button per identity provider the server is configured with. The page the
 * person was on (say, a task link from a mail) opens again once they are signed in.
 */
export function WorkAccountSignIn({ providers }: { providers: readonly WorkAccountProvider[] }) {
  const { t } = useLanguage();
  const [unreachable, setUnreachable] = useState(false);
  const [leaving, setLeaving] = useState(false);
  const signIn = (provider: WorkAccountProvider) => {
    if (leaving) return;
    setLeaving(true);
    setUnreachable(false);
    const { pathname, search } = window.location;
    const here = (pathname.startsWith(APP_BASE) ? pathname.slice(APP_BASE.length) : pathname) || '/';
    startWorkAccountSignIn(provider, here + search).catch(() => {
      setLeaving(false);
      setUnreachable(true);
    });
  };
  return (
    <Column gap="large" aria-labelledby="work-account-heading">
      <Heading level={2} size="level-3" id="work-account-heading">
        {t.workAccount.heading}
      </Heading>
      <Paragraph size="small">{providers.length > 0 ? t.workAccount.intro : t.workAccount.none}</Paragraph>
      {unreachable && <ProblemAlert networkError />}
      {providers.map((provider) => (
        <Button key={provider.issuer} onClick={() => signIn(provider)} aria-busy={leaving}>
          {providers.length > 1 ? t.workAccount.signInAt(provider.displayName) : t.workAccount.signIn}
        </Button>
      ))}
    </Column>
  );
}
