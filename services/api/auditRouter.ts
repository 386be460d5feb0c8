import { type Request, type Response, Router } from 'express';
import type { components } from '../../contracts/generated/openapi';
import { type AuditRead, recordAuditRead } from '../audit/auditTrail';
import { type HistoryRecord, historyCsv, historyRecordOf } from '../audit/historyRecords';
import { journeyStateAsOf, pendingJourneyStateAsOf } from '../audit/journeyStateAsOf';
import { chainHeadsOf, storedEventsOf } from '../audit/storedEvents';
import type { EventStore, RecordedEvent } from '../event-store/eventStore';
import { hireStreamName } from '../event-store/streamNames';
import { verifyHireStreamChain } from '../event-store/verifyHireStreamChain';
import { openPersonalData } from '../privacy/openPersonalData';
import type { PersonalDataVault } from '../privacy/personalDataVault';
import { organisationOf } from '../auth/principal';
import { actorOf } from './actor';
import { Problem } from '../problems/problem';
import { requestIdOf } from './requestLog';
import type { OperationGuard } from './operationGuard';
import { accessOf } from './authorization';
import { RegisteredHires } from '../registration/registeredHires';
import { JourneyTemplateStore } from '../templates/journeyTemplateStore';
import { startedTemplate } from '../templates/startedTemplate';

type HireHistory = components['schemas']['HireHistory'];
type ChainVerification = components['schemas']['ChainVerification'];

const DEFAULT_HISTORY_LIMIT = 500;
/** Seconds: the journey writes its first events a moment after the registration, seconds later when busy. */
const PENDING_RETRY_AFTER = '1';

/**
 * The auditor's reads of one hire, all from the event store (the system of record), never from Temporal:
 * the history (paged, attributed), the journey as of any moment, an export, and the hash chain's verification.
 * Every read is recorded as an AuditRead in the organisation's audit stream before it is answered.
 *
 * A hire the API has acknowledged but whose journey has not written its first event yet is not unknown: each read
 * answers with what there is (nothing yet), `pending: true` and a Retry-After (services/registration/registeredHires.ts).
 */
export function auditRouter(deps: {
  guard: OperationGuard;
  store: EventStore;
  /** Opens sealed personal data in what is shown and exported; without it sealed values stay sealed. */
  vault?: PersonalDataVault;
}): Router {
  const router = Router();
  const { guard, store, vault } = deps;
  const templates = new JourneyTemplateStore(store);
  const registeredHires = new RegisteredHires(store);

  const hireOf = (req: Request) => ({
    organisationId: organisationOf(req),
    hireId: (req.params as { hireId: string }).hireId,
  });

  async function recorded(
    req: Request,
    read: Omit<AuditRead, 'organisationId' | 'hireId' | 'by' | 'role'>,
  ): Promise<void> {
    const role = accessOf(req).roles[0];
    await recordAuditRead(
      store,
      { ...hireOf(req), by: actorOf(req), ...(role ? { role } : {}), ...read },
      { requestId: requestIdOf(req), at: new Date() },
    );
  }

  async function toRecord(event: RecordedEvent): Promise<HistoryRecord> {
    return historyRecordOf(event, vault ? await openPersonalData(event, vault) : event.data);
  }

  /** For a hire stream with no event yet: since when its history is pending (the API registered it), else a 404. */
  async function pendingSince(req: Request): Promise<Date> {
    const hire = hireOf(req);
    const registeredAt = await registeredHires.registeredAt(hire);
    if (!registeredAt) throw new Problem(404, 'hire-not-found', { hireId: hire.hireId });
    return registeredAt;
  }

  async function wholeHistory(req: Request): Promise<{ events: RecordedEvent[]; pendingSince?: Date }> {
    const events: RecordedEvent[] = [];
    for await (const event of store.readStream(hireStreamName(hireOf(req)))) events.push(event);
    return events.length > 0 ? { events } : { events, pendingSince: await pendingSince(req) };
  }

  router.get('/hires/:hireId/history', guard.middleware('getHireHistory'), async (req, res) => {
    const hire = hireOf(req);
    const stream = hireStreamName(hire);
    const limit = req.query.limit === undefined ? DEFAULT_HISTORY_LIMIT : Number(req.query.limit);
    const after = req.query.after === undefined ? undefined : Number(req.query.after);
    const page: RecordedEvent[] = [];
    // The contract allows any integer ≥ 0, but no stream reaches 2^53 events: beyond that the page is simply
    // empty (the store's revisions are 64-bit integers, which a bigger `after` would overflow).
    const fromRevision = after === undefined ? 0n : BigInt(Math.min(after, Number.MAX_SAFE_INTEGER - 1)) + 1n;
    // One more than asked: whether there is a next page is known without a second read.
    for await (const event of store.readStream(stream, { fromRevision, maxCount: limit + 1 })) {
      page.push(event);
    }
    const pending = page.length === 0 && !(await exists(store, stream)) && Boolean(await pendingSince(req));
    const more = page.length > limit;
    const events = await Promise.all(page.slice(0, limit).map(toRecord));
    await recorded(req, { what: 'history', ...(after === undefined ? {} : { after }), limit });
    const body: HireHistory = { ...hire, events, ...(pending ? { pending } : {}) };
    if (pending) askAgainSoon(res);
    if (more) {
      const next = `/hires/${encodeURIComponent(hire.hireId)}/history?limit=${limit}&after=${events[events.length - 1]!.revision}`;
      res.links({ next });
      body.next = next;
    }
    res.json(body);
  });

  router.get('/hires/:hireId/history/export', guard.middleware('exportHireHistory'), async (req, res) => {
    const hire = hireOf(req);
    const format = req.query.format === 'csv' ? 'csv' : 'json';
    const { events, pendingSince } = await wholeHistory(req);
    const records = await Promise.all(events.map(toRecord));
    await recorded(req, { what: 'export', format });
    attachment(res, `${hire.organisationId}-${hire.hireId}-history.${format}`);
    if (pendingSince) askAgainSoon(res);
    if (format === 'csv') {
      res.type('text/csv; charset=utf-8; header=present').send(historyCsv(records));
    } else {
      res.json({
        ...hire,
        exportedAt: new Date().toISOString(),
        events: records,
        ...(pendingSince ? { pending: true } : {}),
      });
    }
  });

  router.get('/hires/:hireId/history/verification', guard.middleware('verifyHireHistory'), async (req, res) => {
    const hire = hireOf(req);
    const verdict = await verifyHireStreamChain(storedEventsOf(store), hireStreamName(hire), chainHeadsOf(store));
    const pending = verdict.ok && verdict.events === 0 && Boolean(await pendingSince(req));
    await recorded(req, { what: 'verification' });
    if (pending) askAgainSoon(res);
    const body: ChainVerification = verdict.ok
      ? { ...hire, ok: true, events: verdict.events, ...(pending ? { pending } : {}) }
      : { ...hire, ok: false, brokenAt: Number(verdict.brokenAt), reason: verdict.reason };
    res.json(body);
  });

  router.get('/hires/:hireId/state', guard.middleware('getHireStateAsOf'), async (req, res) => {
    const hire = hireOf(req);
    const asOfText = typeof req.query.asOf === 'string' ? req.query.asOf : undefined;
    const asOf = asOfText === undefined ? new Date() : new Date(asOfText);
    const { events, pendingSince } = await wholeHistory(req);
    const state = pendingSince
      ? pendingJourneyStateAsOf(hire, pendingSince, asOf)
      : journeyStateAsOf(hire, events, asOf, await startedTemplate(templates, events));
    if (!state) throw new Problem(404, 'hire-not-found-as-of', { hireId: hire.hireId, asOf: asOf.toISOString() });
    await recorded(req, { what: 'state', asOf: asOf.toISOString() });
    if (state.pending) askAgainSoon(res);
    res.json(state);
  });

  return router;
}

/** A pending history: what there is now is an answer, but there will be more in a moment. */
function askAgainSoon(res: Response): void {
  res.setHeader('Retry-After', PENDING_RETRY_AFTER);
}

async function exists(store: EventStore, streamName: string): Promise<boolean> {
  for await (const _event of store.readStream(streamName, { maxCount: 1 })) return true;
  return false;
}

/** Content-Disposition: attachment with the file name quoted (ids are letters, digits, `_` and `-` only). */
function attachment(res: Response, filename: string): void {
  res.setHeader('Content-Disposition', `attachment; filename="${filename}"`);
}
