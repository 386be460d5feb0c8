import type { JsonObject } from './eventStore';

/** Turns the data of one schema version into the next: `fromVersion` → `fromVersion + 1`. Must be pure. */
export interface Upcaster {
  readonly type: string;
  readonly fromVersion: number;
  upcast(data: JsonObject): JsonObject;
}

/**
 * The production upcasters. A new version of an event type is its JSON file in contracts/events plus one
 * entry here; services/event-store/validatingEventStore.test.ts fails until every older version can reach the newest.
 */
export const UPCASTERS: readonly Upcaster[] = [
  {
    // v1 kept the signing secret in the clear (it is still there, in the events written then) and a contentMode
    // that deliveries no longer have. Sealing needs a key, which an upcaster must not use, so the old secret is
    // carried as `legacySecret` until the subscription is saved again.
    type: 'WebhookSubscriptionSaved',
    fromVersion: 1,
    upcast: ({ secret, contentMode: _contentMode, ...rest }) => ({ ...rest, legacySecret: secret }),
  },
  {
    // v2 lets a delivery name a survey wave instead of a hire; every v1 delivery named a hire and is a v2 one as it is.
    type: 'WebhookDeliveryRecorded',
    fromVersion: 1,
    upcast: (data) => data,
  },
];

export class Upcasters {
  private readonly byTypeAndVersion = new Map<string, Upcaster>();

  constructor(upcasters: readonly Upcaster[] = UPCASTERS) {
    for (const upcaster of upcasters) this.add(upcaster);
  }

  add(upcaster: Upcaster): this {
    const key = keyOf(upcaster.type, upcaster.fromVersion);
    if (this.byTypeAndVersion.has(key)) throw new Error(`Two upcasters for ${upcaster.type} v${upcaster.fromVersion}`);
    this.byTypeAndVersion.set(key, upcaster);
    return this;
  }

  /** Applies every step it has, so data of a version nobody upcasts from is returned as it is. */
  upcast(type: string, version: number, data: JsonObject): { version: number; data: JsonObject } {
    let current = { version, data };
    for (
      let step = this.byTypeAndVersion.get(keyOf(type, version));
      step;
      step = this.byTypeAndVersion.get(keyOf(type, current.version))
    ) {
      current = { version: current.version + 1, data: step.upcast(current.data) };
    }
    return current;
  }

  has(type: string, fromVersion: number): boolean {
    return this.byTypeAndVersion.has(keyOf(type, fromVersion));
  }
}

function keyOf(type: string, version: number): string {
  return `${type}@${version}`;
}
