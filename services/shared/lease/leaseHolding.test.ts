import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createLogger } from '../logger';
import { type HeldLease, type LeaseHolding, type LeaseRole, holdLease } from './leaseHolding';
import type { LeaseGrant, LeaseStore } from './leaseStore';
import { SqliteLeaseStore } from './sqliteLeaseStore';

const TTL = 1_200;
const RENEW = 300;
const logger = createLogger('lease-test', 'fatal');

/**
 * A real store whose connection can be cut, as a network partition cuts it: every call then fails at once
 * (`fails`: connection refused), or never answers (`hangs`: packets dropped without a word).
 */
function cuttable(store: LeaseStore): LeaseStore & { cut(how: 'fails' | 'hangs' | undefined): void } {
  let cut: 'fails' | 'hangs' | undefined;
  const guard = async <T>(call: () => Promise<T>) => {
    if (cut === 'fails') throw new Error('connection cut');
    if (cut === 'hangs') return new Promise<T>(() => undefined);
    return call();
  };
  return {
    cut: (how) => void (cut = how),
    acquire: (name, holder, ttl) => guard(() => store.acquire(name, holder, ttl)),
    renew: (grant, ttl) => guard(() => store.renew(grant, ttl)),
    release: (grant) => guard(() => store.release(grant)),
    holderOf: (name) => guard(() => store.holderOf(name)),
    close: () => store.close(),
  };
}

/** What an instance's work did, on one timeline for both instances. */
const timeline: string[] = [];
const startedAt = new Map<string, number>();
const stoppedAt = new Map<string, number>();

function instance(leases: LeaseStore, label: string, roles: LeaseRole[] = []): LeaseHolding {
  return holdLease({
    leases,
    name: 'relay:kafka-relay',
    holder: label,
    ttlMs: TTL,
    renewMs: RENEW,
    logger,
    onRole: (role) => roles.push(role),
    start: async (grant: LeaseGrant) => {
      timeline.push(`${label} starts (${grant.token})`);
      startedAt.set(label, performance.now());
      return {
        stop: async () => {
          timeline.push(`${label} stops`);
          stoppedAt.set(label, performance.now());
        },
      };
    },
  });
}

const until = async (condition: () => boolean, timeoutMs = 10_000) => {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out; timeline: ${timeline.join(', ')}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
};

describe('holding a lease: one active instance, a standby that takes over', () => {
  beforeEach(() => {
    timeline.length = 0;
    startedAt.clear();
    stoppedAt.clear();
  });
  const file = () => join(mkdtempSync(join(tmpdir(), 'lease-holding-')), 'leases.sqlite');

  it('runs the work on one instance only; a clean stop hands over at once', async () => {
    const path = file();
    const [storeA, storeB] = [new SqliteLeaseStore(path), new SqliteLeaseStore(path)];
    const rolesA: LeaseRole[] = [];
    const a = instance(storeA, 'a', rolesA);
    await until(() => a.role === 'active');
    const b = instance(storeB, 'b');
    await new Promise((resolve) => setTimeout(resolve, 3 * RENEW));
    expect(b.role).toBe('standby');
    expect(timeline).toEqual([expect.stringMatching(/^a starts/)]);
    const stop = performance.now();
    await a.stop();
    await until(() => b.role === 'active');
    // Released, so the standby did not wait for the expiry: within a poll or two.
    expect(startedAt.get('b')! - stop).toBeLessThan(TTL);
    expect(rolesA).toEqual(['standby', 'active', 'standby']);
    await b.stop();
    await Promise.all([storeA.close(), storeB.close()]);
  });

  it.each(['fails', 'hangs'] as const)(
    'stops the work before its lease expires when the store %s, and the standby starts only after',
    async (how) => {
      const path = file();
      const storeA = cuttable(new SqliteLeaseStore(path));
      const storeB = new SqliteLeaseStore(path);
      const a = instance(storeA, 'a');
      await until(() => a.role === 'active');
      const b = instance(storeB, 'b');
      await new Promise((resolve) => setTimeout(resolve, RENEW));
      const cutAt = performance.now();
      storeA.cut(how);
      await until(() => b.role === 'active');
      expect(a.role).toBe('standby');
      expect(timeline).toEqual([expect.stringMatching(/^a starts/), 'a stops', expect.stringMatching(/^b starts/)]);
      // a stopped before its lease can have expired (its last renewal came before the cut, so by cut + TTL, and it
      // aims at one renewal earlier); b took over after the expiry.
      expect(stoppedAt.get('a')! - cutAt).toBeLessThan(TTL);
      expect(startedAt.get('b')! - stoppedAt.get('a')!).toBeGreaterThan(0);
      const tokens = timeline
        .filter((entry) => entry.includes('starts'))
        .map((entry) => Number(/\((\d+)\)/.exec(entry)![1]));
      expect(tokens[1]).toBeGreaterThan(tokens[0]!);
      // The store answers again and b stops: a, still trying (a call that hung was given up), takes over.
      storeA.cut(undefined);
      await b.stop();
      await until(() => a.role === 'active', 5_000);
      await a.stop();
      await storeB.close();
    },
  );

  it('keeps renewing while a slow start runs, so a start longer than the lease still ends active', async () => {
    const path = file();
    const [storeA, storeB] = [new SqliteLeaseStore(path), new SqliteLeaseStore(path)];
    const stopped: string[] = [];
    const a = holdLease({
      leases: storeA,
      name: 'relay:kafka-relay',
      holder: 'a',
      ttlMs: TTL,
      renewMs: RENEW,
      logger,
      start: async () => {
        await new Promise((resolve) => setTimeout(resolve, 2 * TTL));
        return { stop: async () => void stopped.push('a') };
      },
    });
    const b = instance(storeB, 'b');
    await until(() => a.role === 'active', 3 * TTL);
    expect(b.role).toBe('standby');
    expect(timeline).toEqual([]);
    await a.stop();
    expect(stopped).toEqual(['a']);
    await b.stop();
    await Promise.all([storeA.close(), storeB.close()]);
  });

  it('tells the work the lease is gone when the process was paused past it, before any timer has run', async () => {
    const leases = new SqliteLeaseStore(file());
    let lease: HeldLease | undefined;
    const holding = holdLease({
      leases,
      name: 'relay:kafka-relay',
      ttlMs: TTL,
      renewMs: RENEW,
      logger,
      start: async (_grant, held) => {
        lease = held;
        return { stop: async () => undefined };
      },
    });
    await until(() => holding.role === 'active');
    expect(lease!.isHeld()).toBe(true);
    // A pause as SIGSTOP or a frozen VM makes one: this thread runs nothing else, no timer, no renewal.
    const pausedUntil = performance.now() + TTL;
    while (performance.now() < pausedUntil);
    expect(lease!.isHeld()).toBe(false);
    expect(holding.role).toBe('standby');
    await holding.stop();
    await leases.close();
  });

  it('stops the work when the work itself learns it was replaced', async () => {
    const leases = new SqliteLeaseStore(file());
    let standDown: ((reason: string) => void) | undefined;
    const stopped: string[] = [];
    const holding = holdLease({
      leases,
      name: 'webhooks',
      ttlMs: TTL,
      renewMs: RENEW,
      logger,
      start: async (_grant, lease) => {
        standDown = lease.standDown;
        return { stop: async () => void stopped.push('stopped') };
      },
    });
    await until(() => holding.role === 'active');
    standDown!('checkpoint geweigerd: verouderd token');
    expect(holding.role).toBe('standby');
    await until(() => stopped.length === 1);
    await holding.stop();
    await leases.close();
  });
});
