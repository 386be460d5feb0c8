import { randomUUID } from 'node:crypto';
import { WorkflowNotFoundError } from '@temporalio/client';
import { Kafka, type KafkaMessage, type Producer, logLevel } from 'kafkajs';
import { hireJourneyWorkflowId } from '../../workflows/hireJourneyContract';
import { hireRequestDeadLetterTopic, hireRequestTopic } from '../../services/inbound/hireRequestConsumer';
import { type RunningSystem, startSystem } from '../support/runningSystem';
import { describeWithServices, serviceAddress } from '../support/serviceAvailability';
import { journeyStarted } from '../support/journeyStarted';
import { waitFor } from '../support/waitFor';

/** HR systems that prefer Kafka: a real producer writes to hire-requests.v1; the consumer starts journeys. */
describeWithServices(['temporal', 'kafka'], 'hire requests over Kafka', () => {
  let system: RunningSystem;
  let producer: Producer;
  let kafka: Kafka;
  const organisationId = `kafka-${randomUUID().slice(0, 8)}`;

  beforeAll(async () => {
    system = await startSystem({ kafka: false, inbound: true });
    kafka = new Kafka({
      clientId: 'hr-system',
      brokers: serviceAddress('kafka').split(','),
      logLevel: logLevel.NOTHING,
    });
    producer = kafka.producer({ idempotent: true, maxInFlightRequests: 1 });
    await producer.connect();
  });
  afterAll(async () => {
    await producer?.disconnect();
    await system?.stop();
  });

  const request = (
    key: string,
    value: unknown,
    headers: Record<string, string> = { 'organisation-id': organisationId },
  ) =>
    producer.send({
      topic: hireRequestTopic(system.topicPrefix),
      acks: -1,
      messages: [{ key, value: typeof value === 'string' ? value : JSON.stringify(value), headers }],
    });

  const runs = async (hireId: string) => {
    const ids: string[] = [];
    for await (const execution of system.client.workflow.list({
      query: `WorkflowId = '${hireJourneyWorkflowId(organisationId, hireId)}'`,
    }))
      ids.push(execution.runId);
    return ids;
  };

  it('starts a journey for a valid request, and none for a repeat', async () => {
    const hireId = `h-${randomUUID().slice(0, 8)}`;
    await request(hireId, { hireId, startDate: '2027-04-01', role: 'Jeugdzorgwerker' });
    const handle = system.client.workflow.getHandle(hireJourneyWorkflowId(organisationId, hireId));
    const description = await journeyStarted(system.client, organisationId, hireId);
    expect(description.status.name).toBe('RUNNING');

    // The same message again (a redelivery, or the HR system retrying): still one journey, one run.
    await request(hireId, { hireId, startDate: '2027-04-01', role: 'Jeugdzorgwerker' });
    // A marker behind it on the same partition (same key) shows when the repeat was handled.
    await request(
      hireId,
      { hireId, startDate: '2027-04-01', role: 'Anders' },
      { 'organisation-id': organisationId, 'idempotency-key': `marker-${hireId}` },
    );
    const dead = await deadLetters((messages) =>
      messages.some((m) => header(m, 'idempotency-key') === `marker-${hireId}`),
    );
    expect(
      dead.filter((m) => m.key?.toString() === hireId).map((m) => JSON.parse(header(m, 'soft-landing-problem')!).type),
    ).toEqual(['/problems/hire-exists']);
    expect((await handle.describe()).runId).toBe(description.runId);
    expect(
      await waitFor(
        () => runs(hireId),
        (ids) => ids.length > 0,
      ),
    ).toEqual([description.runId]);
  });

  it('sends an invalid request to the dead-letter topic with the Dutch problem', async () => {
    const key = `invalid-${randomUUID().slice(0, 8)}`;
    await request(key, { hireId: key, startDate: 'morgen', role: 'Jeugdzorgwerker', salaris: 1 });
    await request(`nojson-${key}`, '{ dit is geen json');
    await request(`noorg-${key}`, { hireId: `noorg-${key}`.slice(0, 60), startDate: '2027-04-01', role: 'X' }, {});
    const dead = await deadLetters((messages) =>
      [key, `nojson-${key}`, `noorg-${key}`].every((k) => messages.some((m) => m.key?.toString() === k)),
    );

    const invalid = dead.find((m) => m.key?.toString() === key)!;
    const problem = JSON.parse(header(invalid, 'soft-landing-problem')!);
    expect(problem).toMatchObject({ type: '/problems/invalid-request', title: 'Ongeldig verzoek', status: 400 });
    expect(problem.errors).toEqual(
      expect.arrayContaining([
        { pointer: '/startDate', detail: 'moet een datum zijn als JJJJ-MM-DD' },
        { pointer: '', detail: 'onbekend veld "salaris"' },
      ]),
    );
    expect(JSON.parse(invalid.value!.toString())).toMatchObject({ salaris: 1 });
    expect(header(invalid, 'organisation-id')).toBe(organisationId);
    expect(
      JSON.parse(header(dead.find((m) => m.key?.toString() === `nojson-${key}`)!, 'soft-landing-problem')!),
    ).toMatchObject({ title: 'Onleesbare JSON' });
    expect(
      JSON.parse(header(dead.find((m) => m.key?.toString() === `noorg-${key}`)!, 'soft-landing-problem')!).errors,
    ).toEqual([{ pointer: 'header:organisation-id', detail: 'ontbreekt' }]);
    await expect(
      system.client.workflow.getHandle(hireJourneyWorkflowId(organisationId, key)).describe(),
    ).rejects.toBeInstanceOf(WorkflowNotFoundError);
  });

  /** Everything on the dead-letter topic so far, read by a fresh consumer group until `enough`. */
  async function deadLetters(enough: (messages: KafkaMessage[]) => boolean): Promise<KafkaMessage[]> {
    const received: KafkaMessage[] = [];
    const consumer = kafka.consumer({ groupId: `dead-letter-reader-${randomUUID()}` });
    await consumer.connect();
    try {
      await consumer.subscribe({ topic: hireRequestDeadLetterTopic(system.topicPrefix), fromBeginning: true });
      await consumer.run({ eachMessage: async ({ message }) => void received.push(message) });
      await waitFor(
        () => received.length,
        () => enough(received),
        30_000,
      );
      return received;
    } finally {
      await consumer.disconnect();
    }
  }
});

function header(message: KafkaMessage, name: string): string | undefined {
  return message.headers?.[name]?.toString();
}
