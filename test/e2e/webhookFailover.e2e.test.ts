import { randomBytes } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { SqliteEventStore } from '../../services/event-store/sqliteEventStore';
import { WebhookSecretBox } from '../../services/webhooks/webhookSecretBox';
import { WebhookSubscriptions } from '../../services/webhooks/webhookSubscriptions';
import { type StartedService, readiness, startActiveAndStandby } from '../support/serviceProcess';
import { taskCompletions } from '../support/taskCompletions';
import { waitFor } from '../support/waitFor';
import { startWebhookReceiver } from '../support/webhookReceiver';

const HIRES = 4;
const ROUNDS_BEFORE = 5;
const ROUNDS_DURING = 20;
const TTL_SECONDS = 3;
const RENEW_SECONDS = 1;

/**
 * The webhook dispatcher runs as one active instance at a time, like the relay (test/e2e/relayFailover.e2e.test.ts):
 * two dispatcher processes on one event store file, the lease in a file beside it; the active one is killed with
 * SIGKILL while hire events keep coming, and the standby delivers the rest from the subscription's checkpoint.
 */
describe('the webhook dispatcher: a standby takes over when the active one is killed', () => {
  const running: StartedService[] = [];
  afterAll(() => {
    for (const dispatcher of running) dispatcher.child.kill('SIGKILL');
  });

  it('delivers every event at least once, each hire in order, taken over within the lease time', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'soft-landing-webhook-failover-'));
    const store = new SqliteEventStore(join(dataDir, 'events.sqlite'));
    const receiver = await startWebhookReceiver();
    const organisationId = 'failover-org';
    // The dispatchers open the signing secret with the key they find in the data folder: the same file.
    const box = WebhookSecretBox.fromKeyFile(join(dataDir, 'webhook-secret-key'));
    await new WebhookSubscriptions(store, box).save(
      organisationId,
      'tasks',
      {
        url: `${receiver.url}/hooks`,
        eventTypes: ['TaskCompleted'],
        secret: `whsec_${randomBytes(32).toString('base64')}`,
      },
      'hr:test',
    );
    const env = {
      DATA_DIR: dataDir,
      WEBHOOK_ALLOWED_HOSTS: '127.0.0.1',
      LEASE_TTL_SECONDS: String(TTL_SECONDS),
      LEASE_RENEW_SECONDS: String(RENEW_SECONDS),
    };
    const hires = Array.from({ length: HIRES }, (_, index) => ({ organisationId, hireId: `h${index}` }));
    const { appendRound } = taskCompletions(store, hires);
    const delivered = () =>
      receiver.received.map(
        (request) => JSON.parse(request.body) as { id: string; data: { hireId: string }; streamrevision: string },
      );
    const distinct = () => new Set(delivered().map((event) => event.id)).size;

    const [first, second] = await startActiveAndStandby('services/webhooks/main.ts', env, running);

    for (let round = 0; round < ROUNDS_BEFORE; round += 1) await appendRound();
    await waitFor(distinct, (count) => count >= HIRES * 2, 30_000);
    const appending = (async () => {
      for (let round = 0; round < ROUNDS_DURING; round += 1) {
        await appendRound();
        await sleep(100);
      }
    })();
    await sleep(500);
    first.child.kill('SIGKILL');
    const killedAt = performance.now();
    const total = HIRES * (ROUNDS_BEFORE + ROUNDS_DURING);
    const deliveredAtKill = distinct();
    expect(deliveredAtKill).toBeLessThan(total);
    await waitFor(
      () => readiness(second),
      (answer) => answer.role === 'active',
      (TTL_SECONDS + RENEW_SECONDS) * 1000 + 10_000,
    );
    const takeOverMs = performance.now() - killedAt;
    await appending;

    await waitFor(distinct, (count) => count >= total, 60_000);
    const events = delivered();
    expect(distinct()).toBe(total);
    for (const hire of hires) {
      const seen = events
        .filter((event) => event.data.hireId === hire.hireId)
        .map((event) => Number(event.streamrevision));
      const firstSeen = seen.filter((revision, index) => seen.indexOf(revision) === index);
      expect(firstSeen).toEqual(Array.from({ length: ROUNDS_BEFORE + ROUNDS_DURING }, (_, revision) => revision));
    }
    expect(takeOverMs).toBeLessThan((TTL_SECONDS + RENEW_SECONDS) * 1000 + 3_000);
    console.log(
      `webhook failover: ${total} events (${deliveredAtKill} delivered when the active dispatcher was killed), ${events.length - total} duplicates, taken over ${Math.round(takeOverMs)} ms after SIGKILL (lease ${TTL_SECONDS} s, renewal ${RENEW_SECONDS} s)`,
    );

    second.child.kill('SIGTERM');
    expect(await second.exited).toBe(0);
    await receiver.close();
    await store.close();
  }, 180_000);
});
