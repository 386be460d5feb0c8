import type { ChainHeads } from './chainHeadLog';
import type { CheckpointStore, EventStore } from './eventStore';
import { EventSchemas } from './eventSchemas';
import { HashChainedEventStore } from './hashChainedEventStore';
import { ValidatingEventStore } from './validatingEventStore';

/**
 * An adapter as the running system uses it: appends are checked against contracts/events first, then hire
 * streams are hash-chained, then the adapter stores them. Reads come back upcast to the newest schema version;
 * checkpoints pass straight through. Validation sits outside the chain so a refused event never costs a read,
 * and the chain is computed over exactly what was validated. With a head log every append is anchored there too.
 */
export function withContracts(
  adapter: EventStore & CheckpointStore,
  schemas: EventSchemas = EventSchemas.fromDirectory(),
  heads?: ChainHeads,
): EventStore & CheckpointStore {
  return new ValidatingEventStore(new HashChainedEventStore(adapter, heads), schemas);
}
