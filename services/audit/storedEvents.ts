import type { ChainHeadReader } from '../event-store/chainHeadLog';
import type { EventStore } from '../event-store/eventStore';
import { HashChainedEventStore } from '../event-store/hashChainedEventStore';
import { ValidatingEventStore } from '../event-store/validatingEventStore';

/**
 * The events as the adapter stored them, for the hash-chain verifier: the validating store upcasts on read, and
 * an upcast event is no longer the bytes that were hashed. A store that does not upcast is already that.
 */
export function storedEventsOf(store: EventStore): EventStore {
  return store instanceof ValidatingEventStore ? store.stored : store;
}

/** The signed head log the store anchors its hire streams in, if it keeps one: what the verifier holds them to. */
export function chainHeadsOf(store: EventStore): ChainHeadReader | undefined {
  const stored = storedEventsOf(store);
  return stored instanceof HashChainedEventStore ? stored.heads : undefined;
}
