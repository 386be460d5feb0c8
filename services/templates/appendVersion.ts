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
