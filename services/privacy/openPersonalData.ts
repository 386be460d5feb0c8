import type { JsonObject } from '../event-store/eventStore';
import { type PersonalDataVault, isSealedPersonalData } from './personalDataVault';

/**
 * For readers that show or export history: every sealed value anywhere in an event's data becomes its clear
 * contents, or `{erased: true}` for a person who has been erased. Everything else is returned untouched.
 */
export async function openPersonalData(data: JsonObject, vault: PersonalDataVault): Promise<JsonObject> {
  return (await openValue(data, vault)) as JsonObject;
}

async function openValue(value: unknown, vault: PersonalDataVault): Promise<unknown> {
  if (isSealedPersonalData(value)) return vault.open(value);
  if (Array.isArray(value)) return Promise.all(value.map((item) => openValue(item, vault)));
  if (typeof value !== 'object' || value === null) return value;
  const entries = await Promise.all(Object.entries(value).map(async ([key, item]) => [key, await openValue(item, vault)] as const));
  return Object.fromEntries(entries);
}
