import { randomBytes, randomUUID } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Webhook } from 'standardwebhooks';
import { SqliteEventStore } from '../../services/event-store/sqliteEventStore';
import { hireStreamName } from '../../services/event-store/streamNames';
import { withContracts } from '../../services/event-store/withContracts';
import { createLogger } from '../../services/shared/logger';
import { WebhookAddressPolicy } from '../../services/webhooks/webhookAddressPolicy';
import { startWebhookDispatcher } from '../../services/webhooks/webhookDispatcher';
import { WebhookSecretBox } from '../../services/webhooks/webhookSecretBox';
import { WebhookSubscriptions } from '../../services/webhooks/webhookSubscriptions';
import { closedSurveyWave } from '../support/closedSurveyWave';
import { waitFor } from '../support/waitFor';
import { type ReceivedWebhook, startWebhookReceiver } from '../support/webhookReceiver';
import { workerEnvelope } from '../support/workerEnvelope';

const WAVE = 'ninety-days-2026-Q4';

/**
 * A survey wave's closing reaches a webhook receiver as it reaches Kafka (test/e2e/surveyWaveRelay.e2e.test.ts):
 * a signed CloudEvent with counts and reportable groups, no answer and no hire; the released batches before it are
 * never delivered, not even to a subscription of every type; the delivery log names the wave.
 */
describe('webhooks and the survey', () => {
  it('delivers SurveyWaveClosed with aggregates only, and logs it by wave; released batches never leave', async () => {
    const store = withContracts(
      new SqliteEventStore(join(mkdtempSync(join(tmpdir(), 'soft-landing-survey-webhooks-')), 'events.sqlite')),
    );
    const logger = createLogger('survey-webhooks-test', 'fatal');
    const organisationId = `jz-${randomUUID().slice(0, 8)}`;
    const box = WebhookSecretBox.ephemeral();
    const receiver = await startWebhookReceiver();
    const { received } = receiver;
    const url = `${receiver.url}/hooks`;
    const secrets = {
      every: `whsec_${randomBytes(32).toString('base64')}`,
      hires: `whsec_${randomBytes(32).toString('base64')}`,
    };
    const subscriptions = new WebhookSubscriptions(store, box);
    await subscriptions.save(
      organisationId,
      'every-type',
      { url: `${url}/every`, eventTypes: ['*'], secret: secrets.every },
      'hr:test',
    );
    await subscriptions.save(
      organisationId,
      'hires-only',
      { url: `${url}/hires`, eventTypes: ['HireRegistered'], secret: secrets.hires },
      'hr:test',
    );
    const dispatcher = await startWebhookDispatcher({
      store,
      checkpoints: store,
      logger,
      secrets: box,
      addressPolicy: new WebhookAddressPolicy(['127.0.0.1']),
      delivery: { maxAttempts: 2, backoffMs: 100, timeoutMs: 2_000 },
      retryDelayMs: 200,
    });

    const marker = `antwoord-${randomUUID()}`;
    const { answers } = await closedSurveyWave(store, logger, { organisationId, waveId: WAVE, marker });
    try {
      // A hire event after the closing: the subscription of one hire type gets that one, and nothing of the wave.
      const hireId = 'h-after';
      await store.appendToStream(
        hireStreamName({ organisationId, hireId }),
        [
          {
            id: randomUUID(),
            type: 'HireRegistered',
            data: { organisationId, hireId, startDate: '2027-01-04', role: 'Jeugdzorgwerker' },
            metadata: workerEnvelope({ organisationId, hireId }),
          },
        ],
        { expectedRevision: 'no_stream' },
      );

      await waitFor(
        () => received.length,
        (count) => count >= 3,
        30_000,
      );
      // Give a wrongly delivered batch the time to arrive before counting what came.
      await new Promise((resolve) => setTimeout(resolve, 1_000));
      const every = received.filter((delivery) => delivery.headers['soft-landing-subscription'] === 'every-type');
      const hiresOnly = received.filter((delivery) => delivery.headers['soft-landing-subscription'] === 'hires-only');
      const typesOf = (deliveries: ReceivedWebhook[]) =>
        deliveries.map((delivery) => JSON.parse(delivery.body).type as string);
      expect(typesOf(every)).toEqual(['nl.softlanding.SurveyWaveClosed.v1', 'nl.softlanding.HireRegistered.v1']);
      expect(typesOf(hiresOnly)).toEqual(['nl.softlanding.HireRegistered.v1']);

      const closed = new Webhook(secrets.every).verify(
        every[0]!.body,
        every[0]!.headers as Record<string, string>,
      ) as Record<string, any>;
      expect(closed).toMatchObject({
        specversion: '1.0',
        subject: `survey-waves/${WAVE}`,
        source: `/soft-landing/organisations/${organisationId}`,
        data: { organisationId, waveId: WAVE, invited: 6, answered: 5 },
      });
      expect(closed.data.reportableGroups).toContainEqual({ dimension: 'team', value: 'Team Noord' });
      expect(every[0]!.body).not.toContain(marker);
      expect(every[0]!.body).not.toMatch(/h-\d/);

      const log = await subscriptions.deliveries(organisationId, 'every-type', 10);
      expect(log.map(({ eventType, status, hireId, waveId }) => ({ eventType, status, hireId, waveId }))).toEqual([
        { eventType: 'HireRegistered', status: 'delivered', hireId, waveId: undefined },
        { eventType: 'SurveyWaveClosed', status: 'delivered', hireId: undefined, waveId: WAVE },
      ]);
    } finally {
      await dispatcher.stop();
      answers.close();
      await receiver.close();
      await store.close();
    }
  }, 60_000);
});
