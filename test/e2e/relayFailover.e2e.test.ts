import { randomUUID } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { SqliteEventStore } from '../../services/event-store/sqliteEventStore';
import { topicRouting } from '../../services/relay/topics';
import { consumeDistinctEvents, firstSeenRevisions, header } from '../support/kafkaConsumer';
import { freshPostgresDatabase } from '../support/postgresDatabase';
import { describeWithServices, serviceAddress } from '../support/serviceAvailability';
import { type StartedService, readiness, startActiveAndStandby } from '../support/serviceProcess';
import { taskCompletions } from '../support/taskCompletions';
import { waitFor } from '../support/waitFor';

const HIRES = 8;
const ROUNDS_BEFORE = 15;
const ROUNDS_DURING = 40;
const TTL_SECONDS = 3;
const RENEW_SECONDS = 1;

/**
 * Issue #17: the relay runs as one active instance at a time. Two relay processes (their own main.ts) share one
 * event store file and one broker; the lease is in a SQLite file beside the store, or in PostgreSQL. The active
 * one is killed with SIGKILL in the middle of a stream of appends: it cannot release its lease, so the standby
 * takes over once the lease has expired, from the checkpoint, and every event still reaches Kafka in each hire's
 * order (at least once: what the killed one published after its last checkpoint comes again). Or it is paused
 * with SIGSTOP and woken (SIGCONT) after the take-over: it must find its lease gone and stand by, and the
 * checkpoint never goes back.
 */
describeWithServices(['kafka', 'postgres'], 'the relay: a standby takes over when the active one stops', () => {
  const running: StartedService[] = [];
  afterAll(() => {
    for (const relay of running) relay.child.kill('SIGKILL');
  });

  const fileLease = async () => ({});
  const postgresLease = async () => ({ DATABASE_URL: await freshPostgresDatabase('relay_failover') });
  it.each([
    ['a lease file beside the store', 'SIGKILL', fileLease],
    ['a lease in PostgreSQL', 'SIGKILL', postgresLease],
    // Paused (a frozen VM, a long stop-the-world pause) and woken after the standby took over: it must stand down.
    ['a lease file beside the store', 'SIGSTOP', fileLease],
  ] as const)(
    'with %s, the active one stopped by %s: nothing lost, each hire in order, taken over within the lease time',
    async (_name, signal, leaseStore) => {
      const dataDir = mkdtempSync(join(tmpdir(), 'soft-landing-failover-'));
      const store = new SqliteEventStore(join(dataDir, 'events.sqlite'));
      const prefix = `failover-${randomUUID().slice(0, 8)}.`;
      const env = {
        DATA_DIR: dataDir,
        KAFKA_BROKERS: serviceAddress('kafka'),
        KAFKA_TOPIC_PREFIX: prefix,
        LEASE_TTL_SECONDS: String(TTL_SECONDS),
        LEASE_RENEW_SECONDS: String(RENEW_SECONDS),
        ...(await leaseStore()),
      };

      const hires = Array.from({ length: HIRES }, (_, index) => ({
        organisationId: 'failover-org',
        hireId: `h${index}`,
      }));
      const { appendRound } = taskCompletions(store, hires);

      // The first one alone, so it takes the lease (and makes the chain's signing key) before the second starts.
      const [first, second] = await startActiveAndStandby('services/relay/main.ts', env, running);

      for (let round = 0; round < ROUNDS_BEFORE; round += 1) await appendRound();
      await waitFor(
        () => store.load('kafka-relay'),
        (position) => position !== undefined && position.commit >= BigInt(HIRES * 5),
        60_000,
      );

      // The checkpoint only moves forward, whoever saves it: a woken instance never takes it back.
      const checkpoints: bigint[] = [];
      let sampling = true;
      const sampled = (async () => {
        while (sampling) {
          checkpoints.push((await store.load('kafka-relay'))!.commit);
          await sleep(50);
        }
      })();

      // Appends go on while the active relay is stopped and after; a stopped one never releases its lease.
      const appending = (async () => {
        for (let round = 0; round < ROUNDS_DURING; round += 1) {
          await appendRound();
          await sleep(100);
        }
      })();
      await sleep(1_000);
      first.child.kill(signal);
      const killedAt = performance.now();
      const total = HIRES * (ROUNDS_BEFORE + ROUNDS_DURING);
      // Mid-stream: the stopped one had published part of what is appended, not all.
      const publishedAtKill = (await store.load('kafka-relay'))!.commit;
      expect(publishedAtKill).toBeLessThan(BigInt(total));
      await waitFor(
        () => readiness(second),
        (answer) => answer.role === 'active',
        (TTL_SECONDS + RENEW_SECONDS) * 1000 + 10_000,
      );
      const takeOverMs = performance.now() - killedAt;
      if (signal === 'SIGSTOP') {
        // Woken while appends go on: it finds its lease gone and stands by, and the new holder keeps publishing.
        first.child.kill('SIGCONT');
        const woken = await waitFor(
          () => readiness(first),
          (answer) => answer.role === 'standby',
          10_000,
        );
        expect(woken).toEqual({ status: 200, role: 'standby' });
        expect(first.output()).toContain('lease kwijt');
        expect((await readiness(second)).role).toBe('active');
      }
      await appending;

      await waitFor(
        () => store.load('kafka-relay'),
        (position) => position?.commit === BigInt(total),
        60_000,
      );
      sampling = false;
      await sampled;
      expect(checkpoints).toEqual([...checkpoints].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)));
      const metrics = await (await fetch(`${second.opsUrl}/metrics`)).text();
      expect(metrics).toMatch(/^soft_landing_lease_held\{lease="relay:kafka-relay"\} 1$/m);

      const messages = await consumeDistinctEvents([topicRouting(prefix).topicOf('TaskCompleted')!], total, 60_000);
      const ids = messages.map((message) => header(message, 'ce_id'));
      expect(new Set(ids).size).toBe(total); // nothing lost
      for (const hire of hires) {
        // Every revision of the hire, in the store's order.
        expect(firstSeenRevisions(messages, hire)).toEqual(
          Array.from({ length: ROUNDS_BEFORE + ROUNDS_DURING }, (_, revision) => revision),
        );
      }
      // Taken over once the lease expired: not before (it was never released), within one more poll (and a start).
      expect(takeOverMs).toBeLessThan((TTL_SECONDS + RENEW_SECONDS) * 1000 + 3_000);
      console.log(
        `relay failover (${_name}, ${signal}): ${total} events (${publishedAtKill} published when the active relay was stopped), ${messages.length - total} duplicates, taken over ${Math.round(takeOverMs)} ms after ${signal} (lease ${TTL_SECONDS} s, renewal ${RENEW_SECONDS} s)`,
      );

      if (signal === 'SIGSTOP') first.child.kill('SIGKILL');
      second.child.kill('SIGTERM');
      expect(await second.exited).toBe(0);
      await store.close();
    },
    240_000,
  );
});
