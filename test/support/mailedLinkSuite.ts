import { randomUUID } from 'node:crypto';
import { type ApiSend, requestsWithApiKey } from './apiRequest';
import { type WebAppSuite, describeWebAppSuite } from './browser';

/** The hire a mailed-link suite is about, in an organisation of its own: both ids fresh each run. */
export interface LinkedHire {
  readonly organisationId: string;
  readonly hireId: string;
  /** Requests as the organisation's HR advisor, with an API key issued at the first one. */
  readonly asHr: ApiSend;
}

/**
 * A browser suite of what the links in a hire's mails open, against a system that wants every request signed in
 * (auth required): the people with a link have no account, HR works through the API. `hirePrefix` starts the hire id.
 */
export function describeMailedLinkSuite(
  title: string,
  hirePrefix: string,
  body: (suite: WebAppSuite, hire: LinkedHire) => void,
): void {
  describeWebAppSuite(title, { timeoutMs: 240_000, system: { auth: 'required' } }, (suite) => {
    const organisationId = `web-${randomUUID().slice(0, 8)}`;
    let hr: ApiSend | undefined;
    const asHr: ApiSend = (...request) => {
      hr ??= requestsWithApiKey(suite.system, organisationId, 'hr-advisor');
      return hr(...request);
    };
    body(suite, { organisationId, hireId: `${hirePrefix}-${randomUUID().slice(0, 6)}`, asHr });
  });
}
