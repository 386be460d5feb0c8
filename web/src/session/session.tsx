import { createContext, type ReactNode, useCallback, useContext, useEffect, useMemo, useState } from 'react';
import type { Role } from '../api/schemas';

/**
 * Who the person is to the API. `dev`: the API's dev mode (SOFT_LANDING_AUTH_MODE=dev) believes the X-Role,
 * X-Person-Ref and X-Organisation-Id headers. `api-key`: an administrator's bearer key. `magic-link`: the session
 * a mailed link opened (POST /sessions/magic-link), one person in one role for hours. `oidc`: a work account's
 * access token (authorization code + PKCE, features/workAccount), the person and roles as GET /session names them.
 */
export type Session =
  | { readonly kind: 'dev'; readonly organisationId: string; readonly role: Role; readonly personRef?: string }
  | { readonly kind: 'api-key'; readonly organisationId: string; readonly role: Role; readonly apiKey: string }
  | {
      readonly kind: 'magic-link';
      readonly organisationId: string;
      readonly role: Role;
      readonly personRef: string;
      /** The hire the link is about: the new hire's own, or the one a mentor is asked for. */
      readonly hireId: string;
      readonly token: string;
      readonly expiresAt: string;
    }
  | {
      readonly kind: 'oidc';
      readonly organisationId: string;
      /** The role whose pages open (ROLE_PAGES_ORDER); the API grants every role of the token. */
      readonly role: Role;
      readonly personRef?: string;
      /** The identity provider it came from, and what to send as `Authorization: Bearer` until `expiresAt`. */
      readonly issuer: string;
      readonly accessToken: string;
      readonly expiresAt: string;
    };

/** sessionStorage only: a credential lives as long as the tab, never on disk beyond it. */
const STORAGE_KEY = 'soft-landing.session';

let currentSession: Session | undefined = readStoredSession();
/** The session the API client reads for every request's credentials. */
export const sessionForRequests = (): Session | undefined => currentSession;

function readStoredSession(): Session | undefined {
  try {
    const stored = sessionStorage.getItem(STORAGE_KEY);
    const session = stored ? (JSON.parse(stored) as Session) : undefined;
    // A credential past its time would only be refused: sign in again instead.
    if (session && 'expiresAt' in session && Date.parse(session.expiresAt) <= Date.now()) {
      sessionStorage.removeItem(STORAGE_KEY);
      return undefined;
    }
    return session;
  } catch {
    return undefined;
  }
}

interface SessionContextValue {
  readonly session: Session | undefined;
  signIn(session: Session): void;
  signOut(): void;
}

const SessionContext = createContext<SessionContextValue | undefined>(undefined);

export function SessionProvider({ children, onChange }: { children: ReactNode; onChange?: () => void }) {
  const [session, setSession] = useState<Session | undefined>(currentSession);
  const store = useCallback(
    (next: Session | undefined) => {
      currentSession = next;
      if (next) sessionStorage.setItem(STORAGE_KEY, JSON.stringify(next));
      else sessionStorage.removeItem(STORAGE_KEY);
      setSession(next);
      onChange?.();
    },
    [onChange],
  );
  // A credential past its time would only be refused: the tab signs out at that moment and shows the sign-in page.
  const expiresAt = session && 'expiresAt' in session ? Date.parse(session.expiresAt) : undefined;
  useEffect(() => {
    if (expiresAt === undefined) return;
    const timer = setTimeout(() => store(undefined), Math.max(0, expiresAt - Date.now()));
    return () => clearTimeout(timer);
  }, [expiresAt, store]);
  const value = useMemo(
    () => ({ session, signIn: (next: Session) => store(next), signOut: () => store(undefined) }),
    [session, store],
  );
  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>;
}

export function useSession(): SessionContextValue {
  const value = useContext(SessionContext);
  if (!value) throw new Error('useSession outside SessionProvider');
  return value;
}

/** The session of a page that only signed-in people reach (App shows the sign-in page otherwise). */
export function useSignedIn(): Session {
  const { session } = useSession();
  if (!session) throw new Error('useSignedIn without a session');
  return session;
}

/** Roles that work on hires of the whole organisation (the overview, registering a hire). */
export const ORGANISATION_ROLES: readonly Role[] = ['hr-advisor', 'recruiter', 'admin', 'auditor', 'hr-system'];
export const REGISTERING_ROLES: readonly Role[] = ['hr-advisor', 'recruiter', 'admin', 'hr-system'];
/** Who reads a hire's history, state as of a moment, verification and export (the permission table's audit rows). */
export const AUDIT_ROLES: readonly Role[] = ['hr-advisor', 'auditor', 'admin'];
/** Who sets the organisation up: templates, profiles, the mentor pool, mailboxes, webhooks, API keys. */
export const SETUP_ROLES: readonly Role[] = ['hr-advisor', 'admin'];

/**
 * A work account may carry several roles: the pages that open are those of the first of them in this order (the
 * organisation-wide ones, then the personal ones). The API still grants each request every role of the token.
 */
export const ROLE_PAGES_ORDER: readonly Role[] = [
  'hr-advisor',
  'admin',
  'recruiter',
  'auditor',
  'manager',
  'mentor',
  'new-hire',
  'hr-system',
];
/** Who reads the survey's reports (the API's listSurveyWaves row): the menu offers the page to them only. */
export const SURVEY_REPORT_ROLES: readonly Role[] = ['hr-advisor', 'auditor', 'admin'];
