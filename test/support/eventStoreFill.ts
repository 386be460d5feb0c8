import { recordAuditRead } from '../../services/audit/auditTrail';
import type { EventStore } from '../../services/event-store/eventStore';

/**
 * Fills a store with `count` audit events of one hire, in their own stream: the unrelated events that tests of
 * the SQLite store's indexed reads and subscriptions put before and between the events they watch.
 */
export async function auditReads(store: EventStore, count: number): Promise<void> {
  for (let i = 0; i < count; i += 1) {
    await recordAuditRead(
      store,
      { organisationId: 'demo', hireId: 'h-1', what: 'history', by: 'auditor' },
      { requestId: `r-${i}`, at: new Date() },
    );
  }
}
