import type { JsonObject } from '../event-store/eventStore';
import { type PersonalDataVault, isSealedPersonalData } from './personalDataVault';

/**
 * For readers that show or export history: every sealed value anywhere in an event's data becomes its clear
 * contents, or `{erased: true}` for a person who has been erased. Everything else is returned untouched. Each
 * value is opened at its place (the event's id, its JSON pointer in the data), as it was sealed.
 */
export async function openPersonalData(
  event: { readonly id: string; readonly data: JsonObject },
  vault: PersonalDataVault,
): Promise<JsonObject> {
  return (await openValue(event.data, '', event.id, vault)) as JsonObject;
}

async function openValue(value: unknown, field: string, eventId: string, vault: PersonalDataVault): Promise<unknown> {
  if (isSealedPersonalData(value)) return vault.open(value, { eventId, field });
  if (Array.isArray(value))
    return Promise.all(value.map((item, index) => openValue(item, `${field}/${index}`, eventId, vault)));
  if (typeof value !== 'object' || value === null) return value;
  const entries = await Promise.all(
    Object.entries(value).map(
      async ([key, item]) => [key, await openValue(item, `${field}/${pointerToken(key)}`, eventId, vault)] as const,
    ),
  );
  return Object.fromEntries(entries);
}

/** RFC 6901: `~` and `/` in a key are escaped, so every field has one pointer. */
export function pointerToken(key: string): string {
  return key.replaceAll('~', '~0').replaceAll('/', '~1');
}
