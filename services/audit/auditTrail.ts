import { randomUUID } from 'node:crypto';
import { hireJourneyWorkflowId } from '../../workflows/hireJourneyContract';
import type { EventStore } from '../event-store/eventStore';
import { groupCommitOf } from '../event-store/groupCommit';
import type { Role } from '../auth/roles';

/**
 * Every read of a hire's audit trail is itself recorded: one `AuditRead` event per read, in the organisation's
 * audit stream `audit-<organisation>` (category `audit`, outside `hire-*`: the relay and the projections never
 * see it, and the hire's own history and hash chain stay exactly what the journey wrote).
 */
export const AUDIT_STREAM_PREFIX = 'audit-';
const AUDIT_READ = 'AuditRead';

export function auditStreamName(organisationId: string): string {
  return `${AUDIT_STREAM_PREFIX}${organisationId}`;
}

export type AuditReadKind = 'history' | 'state' | 'export' | 'verification';

export interface AuditRead {
  readonly organisationId: string;
  readonly hireId: string;
  readonly what: AuditReadKind;
  /** The reader: the request's actor. */
  readonly by: string;
  /** The role that allowed the read. */
  readonly role?: Role;
  readonly asOf?: string;
  readonly format?: 'json' | 'csv';
  readonly after?: number;
  readonly limit?: number;
}

/**
 * Appends the read before its answer goes out: a read that cannot be recorded is not served. Reads recorded at the
 * same time share one append (group commit), each still waiting for its own event to be stored.
 */
export async function recordAuditRead(
  store: EventStore,
  read: AuditRead,
  context: { readonly requestId: string; readonly at: Date },
): Promise<void> {
  const data = Object.fromEntries(Object.entries(read).filter(([, value]) => value !== undefined));
  // Every read is recorded, each under a fresh id: nothing here is promised once, so the group's `any` is right.
  await groupCommitOf(store).append(auditStreamName(read.organisationId), {
    id: randomUUID(),
    type: AUDIT_READ,
    data,
    metadata: {
      organisationId: read.organisationId,
      hireId: read.hireId,
      actor: read.by,
      occurredAt: context.at.toISOString(),
      correlationId: hireJourneyWorkflowId(read.organisationId, read.hireId),
      causationId: `request:${context.requestId}`,
      schemaVersion: 1,
    },
  });
}
