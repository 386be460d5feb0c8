import { randomUUID } from 'node:crypto';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Ajv2020 from 'ajv/dist/2020';
import addFormats from 'ajv-formats';
import { SqliteEventStore } from '../../services/event-store/sqliteEventStore';
import { withContracts } from '../../services/event-store/withContracts';
import { startKafkaRelay } from '../../services/relay/kafkaRelay';
import { topicRouting } from '../../services/relay/topics';
import { createLogger } from '../../services/shared/logger';
import { consumeUntil } from '../support/kafkaConsumer';
import { describeWithServices } from '../support/serviceAvailability';
import { closedSurveyWave } from '../support/closedSurveyWave';
import { waitFor } from '../support/waitFor';

const WAVE = 'ninety-days-2026-Q4';

/**
 * A survey wave's closing reaches Kafka through the relay, on the real broker: aggregates only, keyed by wave; its
 * released batches do not, and they do not stop the relay either.
 */
describeWithServices(['kafka'], 'the relay and the survey', () => {
  const brokers = (process.env.KAFKA_BROKERS ?? '').split(',');

  it('publishes SurveyWaveClosed as a CloudEvent with counts and reportable groups, and no answer', async () => {
    const store = withContracts(
      new SqliteEventStore(join(mkdtempSync(join(tmpdir(), 'soft-landing-survey-relay-')), 'events.sqlite')),
    );
    const logger = createLogger('survey-relay-test', 'fatal');
    const prefix = `survey-${randomUUID().slice(0, 8)}.`;
    const organisationId = `jz-${randomUUID().slice(0, 8)}`;
    const marker = `antwoord-${randomUUID()}`;
    const { answers } = await closedSurveyWave(store, logger, { organisationId, waveId: WAVE, marker });

    const relay = await startKafkaRelay(
      { brokers, clientId: 'survey-relay-test', topicPrefix: prefix },
      store,
      logger,
      {
        retryDelayMs: 500,
      },
    );
    try {
      // The released batches before it are passed over, not published and not in the way: the checkpoint reaches the end.
      let last: bigint | undefined;
      for await (const event of store.readAll({})) last = event.position.commit;
      await waitFor(
        () => store.load('kafka-relay'),
        (position) => position?.commit === last,
        30_000,
      );
      const topic = topicRouting(prefix).topicOf('SurveyWaveClosed')!;
      expect(topic).toBe(`${prefix}survey-results.v1`);
      const [message] = await consumeUntil([topic], (received) => received.length >= 1, 60_000, { brokers });
      const headers = Object.fromEntries(
        Object.entries(message!.headers ?? {}).map(([key, value]) => [key, String(value)]),
      );
      expect(message!.key?.toString()).toBe(`${organisationId}.${WAVE}`);
      expect(headers).toMatchObject({
        ce_specversion: '1.0',
        ce_type: 'nl.softlanding.SurveyWaveClosed.v1',
        ce_source: `/soft-landing/organisations/${organisationId}`,
        ce_subject: `survey-waves/${WAVE}`,
        ce_organisationid: organisationId,
        ce_waveid: WAVE,
      });
      expect(headers.ce_hireid).toBeUndefined();
      const value = message!.value!.toString();
      const data = JSON.parse(value);
      expect(data).toMatchObject({ organisationId, waveId: WAVE, invited: 6, answered: 5 });
      expect(data.reportableGroups).toContainEqual({ dimension: 'team', value: 'Team Noord' });
      // The payload is the event's contract, and carries no answer and no hire.
      const ajv = new Ajv2020({ strict: false });
      addFormats(ajv);
      const events = join(__dirname, '../../contracts/events');
      ajv.addSchema(JSON.parse(readFileSync(join(events, 'identifier.json'), 'utf8')));
      const validate = ajv.compile(JSON.parse(readFileSync(join(events, 'SurveyWaveClosed.v1.json'), 'utf8')));
      expect([validate(data), validate.errors]).toEqual([true, null]);
      expect(value).not.toContain(marker);
      expect(value).not.toMatch(/h-\d/);
    } finally {
      await relay.stop();
      answers.close();
    }
  }, 120_000);
});
