import { deterministicEventId } from '../event-store/deterministicEventId';
import { type EventStore, type JsonObject, WrongExpectedRevisionError } from '../event-store/eventStore';

/** Version n of a versioned stream's content, as the event that publishes it. */
export interface VersionEvent {
  readonly version: number;
  readonly type: string;
  readonly data: JsonObject;
  /** What the event id is made of beside the version: the same content again is the same event. */
  readonly content: unknown;
  readonly organisationId: string;
  readonly actor: string;
}

/**
 * Appends one version to a versioned stream (journey templates, vacancy profiles, cost settings, team-nudge
 * thresholds). Version n lands on revision n-1, so two editors saving the same version cannot both win; the
 * content is part of the event id, so a retry of the same version and content is dropped by the store as a
 * duplicate (the caller reads back to tell a lost race from a won one). A lost race throws what `conflict`
 * makes of it (the store's WrongExpectedRevisionError when there is no `conflict`).
 */
export async function appendVersion(
  store: EventStore,
  stream: string,
  event: VersionEvent,
  conflict?: () => Promise<Error>,
): Promise<void> {
  const { version, type, data, content, organisationId, actor } = event;
  try {
    await store.appendToStream(
      stream,
      [
        {
          id: deterministicEventId(stream, `version-${version}:${JSON.stringify(content)}`),
          type,
          data,
          metadata: { organisationId, actor },
        },
      ],
      { expectedRevision: version === 1 ? 'no_stream' : BigInt(version - 2) },
    );
  } catch (error) {
    if (conflict && error instanceof WrongExpectedRevisionError) throw await conflict();
    throw error;
  }
}

/** How a stream of one organisation's settings (cost settings, team-nudge thresholds) reads and compares. */
export interface SettingsVersions<T extends { readonly version: number }> {
  /** The newest saved version; version 0 when none was saved. */
  latest(): Promise<T>;
  /** Whether `stored` holds what is being saved: the newest again is then a retry, and a read-back a won race. */
  holds(stored: T): boolean;
  conflict(latest: number): Error;
}

/**
 * Saves `event.version`, which must be the newest plus one; the newest again with the same content is a retry,
 * answered with what is stored. Anything else, and a lost race, is `conflict` with the newest version.
 */
export async function saveNextVersion<T extends { readonly version: number }>(
  store: EventStore,
  stream: string,
  event: VersionEvent,
  settings: SettingsVersions<T>,
): Promise<T> {
  const latest = await settings.latest();
  if (event.version !== latest.version + 1) {
    if (event.version === latest.version && settings.holds(latest)) return latest;
    throw settings.conflict(latest.version);
  }
  await appendVersion(store, stream, event, async () => settings.conflict((await settings.latest()).version));
  const stored = await settings.latest();
  // A second append with the same event id is dropped as a retry: reading back tells a lost race from a won one.
  if (stored.version !== event.version || !settings.holds(stored)) throw settings.conflict(stored.version);
  return stored;
}
