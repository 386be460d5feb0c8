import { readFileSync } from 'node:fs';
import {
  AfasConnector,
  type AfasEmploymentFields,
  type AfasPersonFields,
  type AfasSettings,
} from './afas/afasConnector';
import type { Clock } from './clock';
import type { TemplateMapping } from './employmentChanges';
import type { HrisConnector } from './hrisConnector';
import { YouForceConnector, type YouForceSettings } from './youforce/youforceConnector';

/**
 * One organisation's connection to its HR system, from the file HRIS_ORGANISATIONS_PATH names. The file holds no
 * secrets: it names the environment variables that do (`clientSecretVariable`, `tokenVariable`), e.g.
 *
 * { "organisations": [
 *   { "organisationId": "jeugdzorg-west", "hris": "youforce", "pollIntervalMinutes": 15, "reconcileAt": "02:00",
 *     "hireWindowDays": 30,
 *     "youforce": { "tenantId": "T123", "apiBaseUrl": "https://api.youforce.com",
 *                   "tokenUrl": "https://connect.visma.com/connect/token",
 *                   "clientIdVariable": "YOUFORCE_JZW_CLIENT_ID", "clientSecretVariable": "YOUFORCE_JZW_CLIENT_SECRET" },
 *     "templates": { "jobProfiles": { "5521": "jbwest-learning-line" }, "organizationUnits": { "AFD-NOORD": "rvdk-two-year-programme" } } },
 *   { "organisationId": "rivierenland", "hris": "afas",
 *     "afas": { "environmentId": "12345", "baseUrl": "https://12345.rest.afas.online/profitrestservices",
 *               "tokenVariable": "AFAS_RIVIERENLAND_TOKEN", "employmentsConnector": "T4E_HelloID_Employments_v2",
 *               "personsConnector": "T4E_HelloID_Users_v2", "employmentFields": { "modifiedAt": "Gewijzigd_op" } },
 *     "templates": { "default": "rivierenland-first-month" } } ] }
 */
export interface OrganisationSettings {
  readonly organisationId: string;
  readonly hris: 'youforce' | 'afas';
  readonly pollIntervalMs: number;
  /** Dutch wall-clock time `HH:MM` after which the day's full reconcile runs. */
  readonly reconcileAt: string;
  readonly hireWindowDays: number;
  readonly templates: TemplateMapping;
  /** The connector's settings, with secrets resolved from the variables the file names; limits are the connector's own. */
  readonly youforce?: Omit<YouForceSettings, 'pageSize' | 'limits'>;
  readonly afas?: Omit<AfasSettings, 'pageSize' | 'limits'>;
}

type Env = Readonly<Record<string, string | undefined>>;
type Json = Record<string, unknown>;

export function loadOrganisations(path: string, env: Env): OrganisationSettings[] {
  const document = JSON.parse(readFileSync(path, 'utf8')) as { organisations?: unknown };
  if (!Array.isArray(document.organisations)) throw new Error(`${path}: expected { "organisations": [ … ] }`);
  return document.organisations.map((entry, index) =>
    parseOrganisation(entry as Json, env, `${path}: organisations[${index}]`),
  );
}

export function parseOrganisation(entry: Json, env: Env, where = 'organisation'): OrganisationSettings {
  const organisationId = requireString(entry, 'organisationId', where);
  if (!/^[A-Za-z0-9][A-Za-z0-9_-]{0,63}$/.test(organisationId))
    throw new Error(`${where}: organisationId "${organisationId}" is not an identifier`);
  const hris = entry.hris;
  if (hris !== 'youforce' && hris !== 'afas') throw new Error(`${where}: hris must be "youforce" or "afas"`);
  const reconcileAt = typeof entry.reconcileAt === 'string' ? entry.reconcileAt : '02:00';
  if (!/^([01]\d|2[0-3]):[0-5]\d$/.test(reconcileAt)) throw new Error(`${where}: reconcileAt must be HH:MM`);
  const base = {
    organisationId,
    hris,
    pollIntervalMs: wholeNumber(entry, 'pollIntervalMinutes', 15, where) * 60_000,
    reconcileAt,
    hireWindowDays: wholeNumber(entry, 'hireWindowDays', 30, where),
    templates: (entry.templates ?? {}) as TemplateMapping,
  } as const;
  if (hris === 'youforce') {
    const settings = (entry.youforce ?? {}) as Json;
    const at = `${where}.youforce`;
    return {
      ...base,
      youforce: {
        tenantId: requireString(settings, 'tenantId', at),
        apiBaseUrl: typeof settings.apiBaseUrl === 'string' ? settings.apiBaseUrl : 'https://api.youforce.com',
        tokenUrl: typeof settings.tokenUrl === 'string' ? settings.tokenUrl : 'https://connect.visma.com/connect/token',
        ...(typeof settings.scope === 'string' ? { scope: settings.scope } : {}),
        clientId: fromEnv(env, requireString(settings, 'clientIdVariable', at), at),
        clientSecret: fromEnv(env, requireString(settings, 'clientSecretVariable', at), at),
      },
    };
  }
  const settings = (entry.afas ?? {}) as Json;
  const at = `${where}.afas`;
  const environmentId = requireString(settings, 'environmentId', at);
  return {
    ...base,
    afas: {
      environmentId,
      baseUrl:
        typeof settings.baseUrl === 'string'
          ? settings.baseUrl
          : `https://${environmentId}.rest.afas.online/profitrestservices`,
      token: fromEnv(env, requireString(settings, 'tokenVariable', at), at),
      employmentsConnector: requireString(settings, 'employmentsConnector', at),
      personsConnector: requireString(settings, 'personsConnector', at),
      ...(settings.employmentFields
        ? { employmentFields: settings.employmentFields as Partial<AfasEmploymentFields> }
        : {}),
      ...(settings.personFields ? { personFields: settings.personFields as Partial<AfasPersonFields> } : {}),
    },
  };
}

export function createConnector(settings: OrganisationSettings, clock: Clock): HrisConnector {
  if (settings.youforce) return new YouForceConnector(settings.youforce, clock);
  if (settings.afas) return new AfasConnector(settings.afas, clock);
  throw new Error(`${settings.organisationId}: no settings for ${settings.hris}`);
}

function requireString(entry: Json, key: string, where: string): string {
  const value = entry[key];
  if (typeof value !== 'string' || value.trim() === '') throw new Error(`${where}: ${key} is required`);
  return value.trim();
}

function wholeNumber(entry: Json, key: string, fallback: number, where: string): number {
  const value = entry[key] ?? fallback;
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 0)
    throw new Error(`${where}: ${key} must be a whole number`);
  return value;
}

function fromEnv(env: Env, variable: string, where: string): string {
  const value = env[variable];
  if (!value || value.trim() === '') throw new Error(`${where}: environment variable ${variable} is not set`);
  return value.trim();
}
