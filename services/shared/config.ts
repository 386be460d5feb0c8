import { resolve } from 'node:path';
import { type KafkaSettings, parseKafkaSettings } from './kafkaSettings';
import { type OidcProvider, parseOidcProviders } from './oidcProviders';
import { type TemporalConnectionOptions, parseTemporalProfile } from './temporalSettings';

/** How many refused credentials a client address, or one API key id, may send in a window before it is slowed. */
export interface FailedAuthenticationLimits {
  readonly failures: number;
  readonly windowSeconds: number;
}

/** AUTH_FAILURE_LIMIT and AUTH_FAILURE_WINDOW_SECONDS unset: twenty refusals a minute, then a minute's wait. */
export const DEFAULT_FAILED_AUTHENTICATION_LIMITS: FailedAuthenticationLimits = { failures: 20, windowSeconds: 60 };

/** The one place that knows every environment variable. */
export interface Config {
  readonly httpPort: number;
  /** The interface the API listens on: loopback by default; `0.0.0.0` (every interface) in the container. */
  readonly httpHost: string;
  /**
   * Express's `trust proxy` (TRUST_PROXY): unset, the socket's address is the client's; behind a reverse proxy,
   * the number of proxy hops or their addresses, so refusals are counted per real client (services/auth/failedAuthentications.ts).
   */
  readonly httpTrustProxy?: number | string;
  /**
   * Where a service without an API of its own (worker, relay, webhooks, inbound, HRIS connector) answers /healthz,
   * /readyz and /metrics: OPS_PORT (default 9464, Prometheus' exporter port) on OPS_HOST (default HOST).
   */
  readonly ops: { readonly port: number; readonly host: string };
  readonly dataDir: string;
  readonly logLevel: string;
  readonly temporal: {
    /** Unset: start the embedded dev server (persisted under dataDir). */
    readonly address?: string;
    readonly namespace: string;
    /**
     * TLS, mTLS and Temporal Cloud's API key for a server at `address`, from Temporal's environment configuration
     * (TEMPORAL_CONFIG_FILE and TEMPORAL_PROFILE, TEMPORAL_API_KEY, TEMPORAL_TLS_*), read in temporalSettings.ts.
     */
    readonly connection: TemporalConnectionOptions;
    readonly taskQueue: string;
    /** A Temporal CLI binary for the embedded dev server; unset: the SDK downloads one. */
    readonly cliPath?: string;
    readonly embeddedPort: number;
    readonly embeddedUiPort: number;
    /** The wait before the embedded server is restarted after it stopped; doubled while it keeps stopping. */
    readonly embeddedRestartBackoffMs: number;
    /**
     * TEMPORAL_SDK_METRICS_ADDRESS (`host:port`): where the SDK's own Prometheus exporter listens (the worker's task
     * slots, poll and schedule-to-start latencies, sticky cache, workflow and activity outcomes). The service's
     * /metrics also serves them, so one scrape per service sees both. Unset: the SDK exports no metrics.
     */
    readonly sdkMetricsAddress?: string;
  };
  readonly eventStore:
    | { readonly kind: 'sqlite'; readonly path: string }
    | { readonly kind: 'esdb'; readonly connectionString: string };
  /** Names and addresses of people: personal data, kept out of the event streams (see services/people). */
  readonly peopleDbPath: string;
  /** The projections' read models (services/projections), rebuildable from the event store at any time. */
  readonly readModelPath: string;
  /**
   * The anonymous survey (services/survey) without DATABASE_URL: the invitations with their personal links (who was
   * invited, whether they answered) and, in a file of their own, the answers, which point at nobody.
   */
  readonly survey: { readonly tokensPath: string; readonly answersPath: string };
  /** Per-person keys of the personal-data vault (crypto-shredding): erasing a key erases that person's sealed data. */
  readonly personalDataKeysPath: string;
  /**
   * The key that wraps those per-person keys (VAULT_KEK_PATH). Never in the data folder: by default in
   * `<DATA_DIR>-keys/`, a folder beside it, so a copy of the data folder holds ciphertext and wrapped keys only.
   */
  readonly vaultKekPath: string;
  /**
   * Tamper evidence of hire streams (services/event-store/chainHeadLog.ts): the signed head log, in its own file
   * (CHAIN_HEAD_LOG_PATH), and the Ed25519 key that signs it (CHAIN_SIGNING_KEY_PATH), beside the data folder
   * like the vault's key, so someone who can write the store cannot sign for what they wrote.
   */
  readonly chain: { readonly headLogPath: string; readonly signingKeyPath: string };
  /**
   * The HRIS connector (services/hris-connector): HRIS_ORGANISATIONS_PATH names a JSON file of organisations (which
   * HRIS, the variables holding its credentials, poll interval, template mapping); HRIS_DB_PATH is its own SQLite
   * file (snapshot and change records).
   */
  readonly hris: { readonly organisationsPath?: string; readonly dbPath: string };
  /** Unset: journeys record that a mail could not be sent, and nothing is sent. */
  readonly mail?: { readonly smtpUrl: string; readonly from: string };
  /** Where links in mails point (the API, or a front end in front of it). */
  readonly publicBaseUrl: string;
  /**
   * Issue #13's nudges to a team's manager (services/analytics/teamNudgeCheck.ts): how many new colleagues of one
   * team without a mentor after `noMentorAfterDays`, or with an overdue task or milestone, make a nudge (0: none),
   * and how often the check runs (0: never). Needs SMTP_URL.
   */
  readonly teamNudges: {
    readonly withoutMentor: number;
    readonly overdue: number;
    readonly noMentorAfterDays: number;
    readonly intervalMinutes: number;
  };
  /**
   * The daily reminder digest (services/worker/reminderDigestSchedule.ts): from what Dutch time (HH:MM) the day's
   * digest goes out and how often the API process checks (0: never; needs SMTP_URL).
   */
  readonly reminderDigest: {
    readonly sendAt: string;
    readonly intervalMinutes: number;
  };
  /**
   * Webhook deliveries (services/webhooks): attempts per delivery, the first back-off (doubled each time), per-attempt
   * timeout; WEBHOOK_ALLOWED_HOSTS lists host names, addresses and CIDR ranges of the server's own network that
   * webhooks may call all the same (none by default); WEBHOOK_SECRET_KEY_PATH is the key that seals signing secrets.
   */
  readonly webhooks: {
    readonly maxAttempts: number;
    readonly backoffMs: number;
    readonly timeoutMs: number;
    readonly allowedHosts: readonly string[];
    readonly secretKeyPath: string;
  };
  /**
   * Who may call the API (services/auth): API keys in their own SQLite file (hashed), OIDC providers from
   * OIDC_PROVIDERS (JSON), and SOFT_LANDING_AUTH_MODE=dev for local development without credentials — never the default.
   */
  readonly auth: {
    readonly devMode: boolean;
    readonly apiKeysPath: string;
    /** The HMAC key of magic links (a file in the data dir, created on first use) and how long a link is valid. */
    readonly magicLinkKeyPath: string;
    readonly magicLinkTtlDays: number;
    readonly oidcProviders: readonly OidcProvider[];
    /** `npm start` only: the organisation of the administrator key it issues when there is no key at all. */
    readonly bootstrapOrganisation: string;
    /** AUTH_FAILURE_LIMIT refusals per client address or API key id within AUTH_FAILURE_WINDOW_SECONDS, then 429. */
    readonly failedAuthenticationLimits: FailedAuthenticationLimits;
  };
  /**
   * DATABASE_URL (`postgres://…`): the stores that every replica must share live in PostgreSQL: the API keys, the
   * counts of refused credentials, the HRIS connector's snapshot, the leases, the survey's and exit
   * questionnaire's links and answers and the chain's signed head log (README "what runs where" lists them);
   * without it everything stays in the embedded SQLite files under DATA_DIR.
   */
  readonly databaseUrl: string | undefined;
  /**
   * The relay and the webhook dispatcher run as one active instance at a time, the holder of a lease
   * (services/shared/lease): in PostgreSQL with DATABASE_URL (instances on several hosts), otherwise in LEASE_DB_PATH
   * (processes on one host). The holder renews every LEASE_RENEW_SECONDS and stops publishing when it could not
   * for LEASE_TTL_SECONDS less one renewal; a standby tries to take the lease as often, and holds it at the latest
   * LEASE_TTL_SECONDS plus one renewal after the active one died.
   */
  readonly lease: { readonly ttlSeconds: number; readonly renewSeconds: number; readonly dbPath: string };
  /** KAFKA_BROKERS unset: no relay, no inbound topic. The other KAFKA_* variables are read in kafkaSettings.ts. */
  readonly kafka?: KafkaSettings;
}

type Env = Readonly<Record<string, string | undefined>>;

/** The loopback interface only: HOST's default, so `npm start` is not reachable from the network by accident. */
export const LOOPBACK = '127.0.0.1';

export function loadConfig(env: Env = process.env): Config {
  const dataDir = resolve(env.DATA_DIR ?? 'data');
  const temporal = parseTemporalProfile(env);
  // Keys that protect what is in the data folder, so never inside it; a deployment mounts them from its secrets.
  const keysDir = `${dataDir}-keys`;
  const esdb = nonEmpty(env.ESDB_CONNECTION_STRING);
  return {
    httpPort: integer(env, 'PORT', 8080),
    ops: { port: integer(env, 'OPS_PORT', 9464), host: nonEmpty(env.OPS_HOST) ?? nonEmpty(env.HOST) ?? LOOPBACK },
    httpHost: nonEmpty(env.HOST) ?? LOOPBACK,
    ...trustProxy(env.TRUST_PROXY),
    dataDir,
    logLevel: env.LOG_LEVEL ?? 'info',
    temporal: {
      ...(temporal.address ? { address: temporal.address } : {}),
      namespace: temporal.namespace,
      connection: temporal.connection,
      taskQueue: env.TEMPORAL_TASK_QUEUE ?? 'soft-landing-journeys',
      cliPath: nonEmpty(env.TEMPORAL_CLI_PATH),
      embeddedPort: integer(env, 'TEMPORAL_EMBEDDED_PORT', 7233),
      embeddedUiPort: integer(env, 'TEMPORAL_EMBEDDED_UI_PORT', 8233),
      embeddedRestartBackoffMs: integer(env, 'TEMPORAL_EMBEDDED_RESTART_BACKOFF_MS', 500),
      ...hostAndPort(env, 'TEMPORAL_SDK_METRICS_ADDRESS', 'sdkMetricsAddress'),
    },
    eventStore: esdb
      ? { kind: 'esdb', connectionString: esdb }
      : { kind: 'sqlite', path: resolve(env.SQLITE_PATH ?? `${dataDir}/events.sqlite`) },
    peopleDbPath: resolve(env.PEOPLE_DB_PATH ?? `${dataDir}/people.sqlite`),
    readModelPath: resolve(env.READ_MODEL_PATH ?? `${dataDir}/read-models.sqlite`),
    survey: {
      tokensPath: resolve(env.SURVEY_TOKENS_DB_PATH ?? `${dataDir}/survey-tokens.sqlite`),
      answersPath: resolve(env.SURVEY_ANSWERS_DB_PATH ?? `${dataDir}/survey-answers.sqlite`),
    },
    personalDataKeysPath: resolve(env.PERSONAL_DATA_KEYS_PATH ?? `${dataDir}/personal-data-keys.sqlite`),
    vaultKekPath: resolve(env.VAULT_KEK_PATH ?? `${keysDir}/vault-kek`),
    chain: {
      headLogPath: resolve(env.CHAIN_HEAD_LOG_PATH ?? `${dataDir}/chain-heads.sqlite`),
      signingKeyPath: resolve(env.CHAIN_SIGNING_KEY_PATH ?? `${keysDir}/chain-signing-key`),
    },
    hris: {
      organisationsPath: nonEmpty(env.HRIS_ORGANISATIONS_PATH) && resolve(nonEmpty(env.HRIS_ORGANISATIONS_PATH)!),
      dbPath: resolve(env.HRIS_DB_PATH ?? `${dataDir}/hris-connector.sqlite`),
    },
    mail: nonEmpty(env.SMTP_URL)
      ? { smtpUrl: nonEmpty(env.SMTP_URL)!, from: env.MAIL_FROM ?? 'Zachte Landing <noreply@soft-landing.example>' }
      : undefined,
    publicBaseUrl: (env.PUBLIC_BASE_URL ?? `http://localhost:${integer(env, 'PORT', 8080)}`).replace(/\/$/, ''),
    teamNudges: {
      withoutMentor: integer(env, 'TEAM_NUDGE_WITHOUT_MENTOR', 2),
      overdue: integer(env, 'TEAM_NUDGE_OVERDUE', 3),
      noMentorAfterDays: integer(env, 'TEAM_NUDGE_NO_MENTOR_AFTER_DAYS', 14),
      intervalMinutes: integer(env, 'TEAM_NUDGE_INTERVAL_MINUTES', 60),
    },
    reminderDigest: {
      sendAt: timeOfDay(env, 'REMINDER_DIGEST_AT', '07:00'),
      intervalMinutes: integer(env, 'REMINDER_DIGEST_INTERVAL_MINUTES', 15),
    },
    webhooks: {
      maxAttempts: Math.max(1, integer(env, 'WEBHOOK_MAX_ATTEMPTS', 6)),
      backoffMs: integer(env, 'WEBHOOK_BACKOFF_MS', 1_000),
      timeoutMs: integer(env, 'WEBHOOK_TIMEOUT_MS', 10_000),
      allowedHosts: (env.WEBHOOK_ALLOWED_HOSTS ?? '').split(/[\s,]+/).filter(Boolean),
      secretKeyPath: resolve(env.WEBHOOK_SECRET_KEY_PATH ?? `${dataDir}/webhook-secret-key`),
    },
    auth: {
      devMode: authMode(env.SOFT_LANDING_AUTH_MODE) === 'dev',
      apiKeysPath: resolve(env.API_KEYS_DB_PATH ?? `${dataDir}/api-keys.sqlite`),
      magicLinkKeyPath: resolve(env.MAGIC_LINK_KEY_PATH ?? `${dataDir}/magic-link-key`),
      magicLinkTtlDays: Math.max(1, integer(env, 'MAGIC_LINK_TTL_DAYS', 14)),
      oidcProviders: parseOidcProviders(env.OIDC_PROVIDERS),
      bootstrapOrganisation: nonEmpty(env.SOFT_LANDING_BOOTSTRAP_ORGANISATION) ?? 'demo',
      failedAuthenticationLimits: {
        failures: Math.max(1, integer(env, 'AUTH_FAILURE_LIMIT', DEFAULT_FAILED_AUTHENTICATION_LIMITS.failures)),
        windowSeconds: Math.max(
          1,
          integer(env, 'AUTH_FAILURE_WINDOW_SECONDS', DEFAULT_FAILED_AUTHENTICATION_LIMITS.windowSeconds),
        ),
      },
    },
    databaseUrl: databaseUrl(env.DATABASE_URL),
    lease: { ...leaseTimes(env), dbPath: resolve(env.LEASE_DB_PATH ?? `${dataDir}/leases.sqlite`) },
    kafka: parseKafkaSettings(env),
  };
}

/** A renewal must fit twice in the lease's life: one may fail, and the holder still stops before it expires. */
function leaseTimes(env: Env): { ttlSeconds: number; renewSeconds: number } {
  const ttlSeconds = integer(env, 'LEASE_TTL_SECONDS', 15);
  const renewSeconds = integer(env, 'LEASE_RENEW_SECONDS', 5);
  if (renewSeconds < 1) throw new Error(`LEASE_RENEW_SECONDS must be at least 1, got ${renewSeconds}`);
  if (ttlSeconds < 2 * renewSeconds)
    throw new Error(
      `LEASE_TTL_SECONDS (${ttlSeconds}) must be at least twice LEASE_RENEW_SECONDS (${renewSeconds}): the holder must be able to miss a renewal and still stop before its lease expires`,
    );
  return { ttlSeconds, renewSeconds };
}

function databaseUrl(raw: string | undefined): string | undefined {
  const url = nonEmpty(raw);
  if (url !== undefined && !/^postgres(ql)?:\/\//.test(url))
    throw new Error(
      `DATABASE_URL must be a postgres:// or postgresql:// URL, got "${url.replace(/\/\/[^@/]*@/, '//…@')}"`,
    );
  return url;
}

/** `host:port` with a port from 1 to 65535 (an IPv6 host in brackets), under `key`; absent when unset. */
function hostAndPort<K extends string>(env: Env, name: string, key: K): { [P in K]?: string } {
  const raw = nonEmpty(env[name]);
  if (raw === undefined) return {};
  const match = /^(\[[0-9a-fA-F:.]+\]|[^\s:/[\]]+):(\d{1,5})$/.exec(raw);
  const port = Number(match?.[2]);
  if (!match || port < 1 || port > 65_535)
    throw new Error(`${name} must be host:port (e.g. 127.0.0.1:9465), got "${raw}"`);
  return { [key]: raw } as { [P in K]?: string };
}

function authMode(value: string | undefined): 'required' | 'dev' {
  const mode = nonEmpty(value) ?? 'required';
  if (mode !== 'required' && mode !== 'dev')
    throw new Error(`SOFT_LANDING_AUTH_MODE must be "required" or "dev", got "${mode}"`);
  return mode;
}

/** A hop count when TRUST_PROXY is a number, else the addresses or names express knows (`loopback`, a subnet…). */
function trustProxy(raw: string | undefined): { httpTrustProxy?: number | string } {
  const value = nonEmpty(raw);
  if (value === undefined) return {};
  return { httpTrustProxy: /^\d+$/.test(value) ? Number(value) : value };
}

function nonEmpty(value: string | undefined): string | undefined {
  return value && value.trim() !== '' ? value.trim() : undefined;
}

function timeOfDay(env: Env, name: string, fallback: string): string {
  const raw = nonEmpty(env[name]) ?? fallback;
  if (!/^([01]\d|2[0-3]):[0-5]\d$/.test(raw)) throw new Error(`${name} must be a time of day (HH:MM), got "${raw}"`);
  return raw;
}

function integer(env: Env, name: string, fallback: number): number {
  const raw = nonEmpty(env[name]);
  if (raw === undefined) return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 0) throw new Error(`${name} must be a whole number, got "${raw}"`);
  return value;
}
