import { setTimeout as sleep } from 'node:timers/promises';
import type { Consumer, IHeaders, KafkaMessage, Producer } from 'kafkajs';
import { kafkaClient, topicDeclaration } from '../shared/kafkaClient';
import type { HireRegistration, HireRegistrationRequest } from '../registration/hireRegistration';
import { type FieldError, Problem } from '../problems/problem';
import { problemWording } from '../problems/problemMessages';
import type { RequestValidator } from '../http/requestValidator';
import type { Config } from '../shared/config';
import type { Logger } from '../shared/logger';
import { SpanKind, contextOfTraceparent, inSpan } from '../shared/tracing';

/** As contracts/asyncapi.yaml documents them (channels hireRequests and hireRequestsDeadLetter), after the prefix. */
export const hireRequestTopic = (prefix: string): string => `${prefix}hire-requests.v1`;
export const hireRequestDeadLetterTopic = (prefix: string): string => `${prefix}hire-requests.dead-letter.v1`;

export const ORGANISATION_HEADER = 'organisation-id';
export const IDEMPOTENCY_HEADER = 'idempotency-key';
export const PROBLEM_HEADER = 'soft-landing-problem';
export const PROBLEM_TYPE_HEADER = 'soft-landing-problem-type';

const IDENTIFIER = /^[A-Za-z0-9][A-Za-z0-9_-]{0,63}$/;

export interface HireRequestConsumerDeps {
  readonly kafka: NonNullable<Config['kafka']>;
  readonly registration: HireRegistration;
  readonly validator: RequestValidator;
  readonly logger: Logger;
  readonly partitions?: number;
}

/**
 * For HR systems that prefer Kafka to HTTP: a message on `<prefix>hire-requests.v1` is a POST /hires. The value is
 * a HireRegistration (validated against contracts/openapi.yaml, as the API does), the `organisation-id` header is
 * X-Organisation-Id, and the `idempotency-key` header (else the message key) is the Idempotency-Key; registration
 * goes through the same HireRegistration, so a redelivered or repeated message starts no second journey.
 * A message the API would refuse (4xx) goes to `<prefix>hire-requests.dead-letter.v1` with the Dutch problem as
 * a header. Offsets are committed only after a message was handled; anything else (Temporal away, the store
 * down) is retried from the last committed offset.
 */
export async function startHireRequestConsumer(deps: HireRequestConsumerDeps): Promise<{ stop(): Promise<void> }> {
  const { kafka: config, logger } = deps;
  const topic = hireRequestTopic(config.topicPrefix);
  const deadLetterTopic = hireRequestDeadLetterTopic(config.topicPrefix);
  const kafka = kafkaClient({ ...config, clientId: `${config.clientId}-hire-requests` }, logger);
  const admin = kafka.admin();
  await admin.connect();
  try {
    await admin.createTopics({
      topics: [topic, deadLetterTopic].map((name) => topicDeclaration(name, deps.partitions ?? 3, config.replication)),
      waitForLeaders: true,
    });
  } finally {
    await admin.disconnect();
  }
  const producer: Producer = kafka.producer({
    idempotent: true,
    maxInFlightRequests: 1,
    allowAutoTopicCreation: false,
  });
  await producer.connect();
  const consumer: Consumer = kafka.consumer({
    groupId: `${config.clientId}-hire-requests`,
    allowAutoTopicCreation: false,
  });
  await consumer.connect();
  await consumer.subscribe({ topics: [topic], fromBeginning: true });

  const deadLetter = async (message: KafkaMessage, partition: number, problem: Problem) => {
    const wording = problemWording[problem.kind].nl;
    const body = {
      type: `/problems/${problem.kind}`,
      title: wording.title,
      status: problem.status,
      detail: wording.detail(problem.params),
      ...(problem.errors ? { errors: problem.errors } : {}),
    };
    await producer.send({
      topic: deadLetterTopic,
      acks: -1,
      messages: [
        {
          key: message.key,
          value: message.value,
          headers: {
            ...message.headers,
            [PROBLEM_HEADER]: JSON.stringify(body),
            [PROBLEM_TYPE_HEADER]: body.type,
            'soft-landing-original-topic': topic,
            'soft-landing-original-partition': String(partition),
            'soft-landing-original-offset': message.offset,
          },
        },
      ],
    });
    logger.warn(
      { partition, offset: message.offset, problem: body.type },
      'aanmelding via Kafka geweigerd; naar de dead-letter-topic',
    );
  };

  await consumer.run({
    autoCommit: false,
    // Each message continues the trace of the HR system that sent it, so its journey's start is part of that trace.
    eachMessage: async ({ partition, message }) =>
      inSpan(
        `process ${topic}`,
        {
          kind: SpanKind.CONSUMER,
          attributes: {
            'messaging.system': 'kafka',
            'messaging.destination.name': topic,
            'messaging.destination.partition.id': String(partition),
            'messaging.kafka.offset': message.offset,
          },
          parent: contextOfTraceparent(incomingTraceparent(message.headers)),
        },
        async (span) => {
          try {
            const { organisationId, idempotencyKey, request } = parse(message, deps.validator);
            const outcome = await deps.registration.register(organisationId, idempotencyKey, request, `kafka:${topic}`);
            logger.info(
              { organisationId, hireId: outcome.view.hireId, created: outcome.created },
              'aanmelding via Kafka verwerkt',
            );
          } catch (error) {
            if (!(error instanceof Problem) || error.status >= 500) {
              // Not the message's fault: leave the offset, kafkajs retries from the last commit.
              logger.error(
                { err: error, partition, offset: message.offset },
                'aanmelding via Kafka mislukt; volgt opnieuw',
              );
              await sleep(500);
              throw error;
            }
            span.setAttribute('soft_landing.problem_type', `/problems/${error.kind}`);
            await deadLetter(message, partition, error);
          }
          await consumer.commitOffsets([{ topic, partition, offset: (BigInt(message.offset) + 1n).toString() }]);
        },
      ),
  });

  return {
    stop: async () => {
      await consumer.disconnect();
      await producer.disconnect();
    },
  };
}

/** The checks the API's validator middleware makes on POST /hires, with the same Dutch wording. */
function parse(
  message: KafkaMessage,
  validator: RequestValidator,
): { organisationId: string; idempotencyKey: string; request: HireRegistrationRequest } {
  const errors: FieldError[] = [];
  const organisationId = header(message.headers, ORGANISATION_HEADER);
  if (organisationId === undefined) errors.push({ pointer: `header:${ORGANISATION_HEADER}`, detail: 'ontbreekt' });
  else if (!IDENTIFIER.test(organisationId)) {
    errors.push({
      pointer: `header:${ORGANISATION_HEADER}`,
      detail: 'alleen letters, cijfers, "_" en "-", beginnend met een letter of cijfer, hoogstens 64 tekens',
    });
  }
  const idempotencyKey = header(message.headers, IDEMPOTENCY_HEADER) ?? message.key?.toString('utf8');
  if (!idempotencyKey)
    errors.push({ pointer: `header:${IDEMPOTENCY_HEADER}`, detail: 'ontbreekt (of geef de message een key)' });
  else if (idempotencyKey.length > 255)
    errors.push({ pointer: `header:${IDEMPOTENCY_HEADER}`, detail: 'mag hoogstens 255 tekens lang zijn' });
  let request: unknown;
  try {
    request = JSON.parse(message.value?.toString('utf8') ?? '');
  } catch {
    throw new Problem(400, 'malformed-json');
  }
  errors.push(...validator.schemaErrors('HireRegistration', request, 'nl'));
  if (errors.length > 0) throw new Problem(400, 'invalid-request', {}, errors);
  return {
    organisationId: organisationId!,
    idempotencyKey: idempotencyKey!,
    request: request as HireRegistrationRequest,
  };
}

/**
 * The sender's trace: a W3C `traceparent` header, or `ce_traceparent` when the message is a CloudEvent in Kafka's
 * binary mode (the distributed tracing extension, as our relay writes it).
 */
function incomingTraceparent(headers: IHeaders | undefined): string | undefined {
  return header(headers, 'traceparent') ?? header(headers, 'ce_traceparent');
}

function header(headers: IHeaders | undefined, name: string): string | undefined {
  const value = headers?.[name];
  const first = Array.isArray(value) ? value[0] : value;
  return first === undefined ? undefined : first.toString();
}
