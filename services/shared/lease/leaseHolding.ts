import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import { setTimeout as sleep } from 'node:timers/promises';
import type { Logger } from '../logger';
import type { LeaseGrant, LeaseStore } from './leaseStore';

/** Whether this instance does the work (holds the lease) or waits to take over. */
export type LeaseRole = 'active' | 'standby';

export interface LeaseHoldingOptions {
  readonly leases: LeaseStore;
  /** `relay:<subscriber>`, `webhooks`: instances with the same name take turns. */
  readonly name: string;
  /** Unset: host name, process id and a random part, unique per process. */
  readonly holder?: string;
  readonly ttlMs: number;
  /** How often the holder renews and a standby tries to take the lease; at most half of `ttlMs`. */
  readonly renewMs: number;
  readonly logger: Logger;
  /** Told of every change of role (the metrics' gauge). */
  readonly onRole?: (role: LeaseRole) => void;
  /**
   * Starts the work the lease guards; whatever it writes carries `grant.token`. The work calls `standDown` when it
   * learns that it has been replaced (a write refused for its token): it is stopped as if a renewal had failed.
   */
  readonly start: (grant: LeaseGrant, lease: HeldLease) => Promise<{ stop(): Promise<void> }>;
}

/** A side effect not made because the lease may be gone (HeldLease.isHeld said no); the work is being stopped. */
export class LeaseNoLongerHeld extends Error {
  constructor() {
    super('the lease may have expired: not publishing');
    this.name = 'LeaseNoLongerHeld';
  }
}

/** What the work is told of its lease. */
export interface HeldLease {
  /**
   * Whether the lease is still this work's by this host's clock (renewed recently enough). Asked before every
   * side effect: a process that was paused past its lease (SIGSTOP, a frozen VM) wakes with timers that all ran
   * out at once, and work whose timer fires before the holder's own would otherwise publish first.
   */
  isHeld(): boolean;
  /** The work learned that it has been replaced (a write refused for its token): it is stopped. */
  standDown(reason: string): void;
}

export interface LeaseHolding {
  readonly role: LeaseRole;
  readonly holder: string;
  /** Stops the work if it runs, and releases the lease so a standby need not wait for it to expire. */
  stop(): Promise<void>;
}

/**
 * Runs `start`'s work only while this instance holds the lease. A standby tries to take it every `renewMs`. The
 * holder renews as often, and stops the work as soon as the store says it is no longer the holder, or when it has
 * not managed to renew for `ttlMs - renewMs` (the store does not answer): one renewal before the lease can
 * expire, so the work has stopped before another instance can hold the lease. That time is measured on this
 * host's monotonic clock from the moment the last successful renewal was sent, never compared with the store's
 * clock. A pause longer than that (a frozen VM) can still outlast the lease: the fencing token is what refuses
 * the late instance's checkpoint.
 */
export function holdLease(options: LeaseHoldingOptions): LeaseHolding {
  const { leases, name, ttlMs, renewMs, logger } = options;
  const holder = options.holder ?? `${hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`;
  const stopping = new AbortController();
  let role: LeaseRole = 'standby';
  let grant: LeaseGrant | undefined;
  let work: { stop(): Promise<void> } | undefined;
  let overdue: NodeJS.Timeout | undefined;
  /** Until when (performance.now()) the holder may act: one renewal before its lease can expire. */
  let validUntil = 0;
  let stoppingWork: Promise<void> = Promise.resolve();
  /** The work being started: the loop goes on renewing meanwhile, however long a start takes. */
  let starting: Promise<void> = Promise.resolve();

  const setRole = (next: LeaseRole) => {
    role = next;
    options.onRole?.(next);
  };
  setRole('standby');

  /** The work stops at once; the loop waits for it before it may take the lease again. */
  const standDown = (reason: string) => {
    clearTimeout(overdue);
    const running = work;
    const held = grant;
    work = undefined;
    grant = undefined;
    if (role === 'active') {
      const fields = { lease: name, holder, token: held?.token, reason };
      if (stopping.signal.aborted) logger.info(fields, 'lease vrijgegeven: werk gestopt');
      else logger.warn(fields, 'lease kwijt: werk gestopt, nu stand-by');
      setRole('standby');
    }
    // Work still starting stops itself once started (its grant is gone); waiting for it keeps the next start after.
    stoppingWork = stoppingWork
      .then(() => starting)
      .then(() =>
        running
          ?.stop()
          .catch((error) => logger.error({ err: error, lease: name }, 'stoppen na verlies van de lease mislukt')),
      );
  };

  /** The holder must have stopped by one renewal before the lease can expire, counted from when this renewal was sent. */
  const armOverdue = (sentAt: number) => {
    clearTimeout(overdue);
    validUntil = sentAt + ttlMs - renewMs;
    const left = validUntil - performance.now();
    overdue = setTimeout(() => standDown('vernieuwen lukte niet op tijd'), Math.max(0, left));
  };

  const tryAcquire = async () => {
    await stoppingWork;
    const sentAt = performance.now();
    const granted = await answerWithin(leases.acquire(name, holder, ttlMs), renewMs);
    if (!granted || stopping.signal.aborted) return;
    grant = granted;
    armOverdue(sentAt);
    logger.info({ lease: name, holder, token: granted.token }, 'lease verkregen: dit exemplaar is actief');
    starting = (async () => {
      try {
        const started = await options.start(granted, {
          isHeld: () => {
            if (grant !== granted) return false;
            if (performance.now() < validUntil) return true;
            standDown('vernieuwen lukte niet op tijd');
            return false;
          },
          standDown: (reason) => {
            if (grant === granted) standDown(reason);
          },
        });
        // Lost while starting (a renewal refused, the overdue timer), or stopped: the work must not run on.
        if (grant !== granted) {
          await started.stop();
          return;
        }
        work = started;
        setRole('active');
      } catch (error) {
        logger.error({ err: error, lease: name }, 'starten als houder van de lease mislukt; lease vrijgegeven');
        if (grant === granted) {
          clearTimeout(overdue);
          grant = undefined;
        }
        await leases.release(granted).catch(() => undefined);
      }
    })();
  };

  const tryRenew = async (held: LeaseGrant) => {
    const sentAt = performance.now();
    const renewed = await answerWithin(leases.renew(held, ttlMs), renewMs);
    if (grant !== held) return;
    if (renewed) armOverdue(sentAt);
    else standDown('een ander houdt de lease, of hij is verlopen');
  };

  const loop = (async () => {
    while (!stopping.signal.aborted) {
      try {
        if (grant) await tryRenew(grant);
        else await tryAcquire();
      } catch (error) {
        // The store does not answer: a standby tries again, a holder keeps trying until it is overdue.
        logger.warn({ err: error, lease: name, role }, 'lease-opslag antwoordt niet');
      }
      await sleep(renewMs, undefined, { signal: stopping.signal }).catch(() => undefined);
    }
  })();

  return {
    get role() {
      return role;
    },
    holder,
    stop: async () => {
      stopping.abort();
      await loop;
      const held = grant;
      standDown('gestopt');
      await stoppingWork;
      if (held) await leases.release(held).catch(() => undefined);
    },
  };
}

/**
 * A store that does not answer (a connection the network dropped without a word) must not hold up the loop: the
 * next renewal or attempt comes on time, and stopping does not wait for it. An acquire that lands after all is a
 * lease nobody uses, which expires.
 */
async function answerWithin<T>(call: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_resolve, reject) => {
    timer = setTimeout(() => reject(new Error(`lease-opslag antwoordde niet binnen ${ms} ms`)), ms);
  });
  try {
    return await Promise.race([call, timeout]);
  } finally {
    clearTimeout(timer);
  }
}
