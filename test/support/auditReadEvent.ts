import { randomUUID } from 'node:crypto';
import type { NewEvent } from '../../services/event-store/eventStore';

/**
 * An AuditRead of hire h-1 of organisation `demo` by an auditor, built by hand rather than through
 * recordAuditRead: for the tests and benches that append audit events straight to a store, in batches of their
 * own. `what` outside the kinds of read makes one the event contract refuses.
 */
export function auditReadEvent(what = 'history', causationId = 'request:r'): NewEvent {
  return {
    id: randomUUID(),
    type: 'AuditRead',
    data: { organisationId: 'demo', hireId: 'h-1', what, by: 'auditor' },
    metadata: {
      organisationId: 'demo',
      hireId: 'h-1',
      actor: 'auditor',
      occurredAt: new Date(0).toISOString(),
      correlationId: 'c',
      causationId,
      schemaVersion: 1,
    },
  };
}
