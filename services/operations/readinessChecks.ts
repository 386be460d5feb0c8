import type { Client } from '@temporalio/client';
import type { Admin, Kafka } from 'kafkajs';
import type { EventStore } from '../event-store/eventStore';
import type { LeaseStore } from '../shared/lease/leaseStore';

/** How long a readiness check waits for what it asks before calling it away. */
export const CHECK_TIMEOUT_MS = 2_000;

/** One thing a service needs to do its work; `label` names it in the 503 when it does not answer. */
export interface ReadinessCheck {
  readonly label: string;
  check(): Promise<void>;
}

export function temporalCheck(client: Client): ReadinessCheck {
  return {
    label: 'Temporal',
    check: async () => {
      await client.connection.withDeadline(Date.now() + CHECK_TIMEOUT_MS, () =>
        client.workflowService.getSystemInfo({}),
      );
    },
  };
}

export function eventStoreCheck(store: EventStore): ReadinessCheck {
  return {
    label: 'event store',
    check: async () => {
      for await (const _event of store.readAll({ maxCount: 1 })) break;
    },
  };
}

/** The store of the leases (services/shared/lease): without it a standby cannot take over, nor a holder renew. */
export function leaseStoreCheck(leases: LeaseStore, name: string): ReadinessCheck {
  return {
    label: 'lease store',
    check: async () => void (await leases.holderOf(name)),
  };
}

/** True when the check settles in time and without an error. */
export async function answers(check: () => Promise<void>): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_resolve, reject) => {
    timer = setTimeout(() => reject(new Error('timeout')), CHECK_TIMEOUT_MS);
  });
  const checking = check();
  // A check that loses the race may still fail later (e.g. its channel is closed): that must not go unhandled.
  checking.catch(() => undefined);
  try {
    await Promise.race([checking, timeout]);
    return true;
  } catch {
    return false;
  } finally {
    clearTimeout(timer);
  }
}

/**
 * The brokers answer a metadata request. One admin client per check, connected on first use and kept: a probe
 * every few seconds should not open a connection each time.
 */
export function kafkaCheck(kafka: Kafka): ReadinessCheck & { close(): Promise<void> } {
  let admin: Admin | undefined;
  return {
    label: 'Kafka',
    check: async () => {
      if (!admin) {
        const connecting = kafka.admin();
        await connecting.connect();
        admin = connecting;
      }
      await admin.describeCluster();
    },
    close: async () => {
      await admin?.disconnect();
    },
  };
}
