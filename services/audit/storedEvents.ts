import type { EventStore } from '../event-store/eventStore';
import { ValidatingEventStore } from '../event-store/validatingEventStore';

/**
 * The events as the adapter stored them, for the hash-chain verifier: the validating store upcasts on read, and
 * an upcast event is no longer the bytes that were hashed. A store that does not upcast is already that.
 */
export function storedEventsOf(store: EventStore): EventStore {
  return store instanceof ValidatingEventStore ? store.stored : store;
}
