import { randomUUID } from 'node:crypto';
import { collect } from '../../test/contracts/eventStoreContract';
import type { JsonObject, NewEvent, RecordedEvent } from './eventStore';
import { EventSchemas } from './eventSchemas';
import { hireStreamName } from './streamNames';
import { UPCASTERS, type Upcaster, Upcasters } from './upcasters';
import { InvalidEventError, ValidatingEventStore } from './validatingEventStore';
import { closedObjectSchema, testEventSchema } from '../../test/support/closedObjectSchema';
import { sqliteEventStorePerTest } from '../../test/support/sqliteEventStorePerTest';
import { TEST_HIRE, workerEnvelope } from '../../test/support/workerEnvelope';

const hire = TEST_HIRE;
const stream = hireStreamName(hire);

function hireRegistered(data: JsonObject = {}, metadata: JsonObject = {}): NewEvent {
  return {
    id: randomUUID(),
    type: 'HireRegistered',
    data: { ...hire, startDate: '2026-09-01', role: 'Jeugdzorgwerker', ...data },
    metadata: workerEnvelope(metadata),
  };
}

/** A type that exists only in this test, so the example upcaster does not pose as a production contract. */
const TEST_TYPE = 'TestMentorPaired';
const testSchemaV1 = testEventSchema({ mentorId: { type: 'string' }, hoursPerWeek: { type: 'number' } });
const testSchemaV2 = testEventSchema({
  mentorId: { type: 'string' },
  commitment: closedObjectSchema({ hoursPerWeek: { type: 'number' }, weeks: { type: 'integer' } }),
});
/** v1 knew only hours per week; the mentoring practice it recorded (Rivierenland) ran for the first month. */
const mentorCommitmentUpcaster: Upcaster = {
  type: TEST_TYPE,
  fromVersion: 1,
  upcast: ({ hoursPerWeek, ...rest }) => ({ ...rest, commitment: { hoursPerWeek, weeks: 4 } }),
};

describe('event schemas and the validating event store', () => {
  const sqlite = sqliteEventStorePerTest(
    'validating',
    (raw) => new ValidatingEventStore(raw, EventSchemas.fromDirectory()),
  );

  describe('the contracts in contracts/events', () => {
    it('compile, and include the events the journey writes today', () => {
      const types = EventSchemas.fromDirectory().types();
      expect(types.get('HireRegistered')).toEqual([1]);
      expect(types.get('JourneyStarted')).toEqual([1]);
      expect(types.get('IdempotencyKeyClaimed')).toEqual([1]);
    });

    it('every older version of a type can be upcast to its newest', () => {
      const upcasters = new Upcasters(UPCASTERS);
      for (const [type, versions] of EventSchemas.fromDirectory().types()) {
        const newest = Math.max(...versions);
        for (let version = 1; version < newest; version += 1) {
          expect(`${type} v${version}: ${upcasters.has(type, version) ? 'upcast' : 'stranded'}`).toBe(
            `${type} v${version}: upcast`,
          );
        }
      }
    });
  });

  describe('appending', () => {
    it('accepts the journey’s events with the worker’s envelope', async () => {
      await sqlite.store.appendToStream(
        stream,
        [
          hireRegistered({ team: 'Team Rivierenland' }),
          {
            id: randomUUID(),
            type: 'JourneyStarted',
            data: { ...hire, startDate: '2026-09-01' },
            metadata: workerEnvelope(),
          },
        ],
        { expectedRevision: 'no_stream' },
      );
      expect((await collect(sqlite.raw.readStream(stream))).map((e) => e.type)).toEqual([
        'HireRegistered',
        'JourneyStarted',
      ]);
    });

    it('accepts the API’s idempotency claim, whose stream is not a hire stream and carries no envelope', async () => {
      await sqlite.store.appendToStream(
        'idempotency-jeugdzorg-west.0123456789abcdef',
        [{ id: randomUUID(), type: 'IdempotencyKeyClaimed', data: { fingerprint: 'a'.repeat(64), workflowId: 'w' } }],
        { expectedRevision: 'no_stream' },
      );
    });

    it.each([
      ['a type without a schema', { type: 'MentorTeleported' }, '/type', 'MentorTeleported'],
      ['a version without a schema', hireRegistered({}, { schemaVersion: 9 }), '/type', 'HireRegistered'],
      ['a malformed date', hireRegistered({ startDate: '2026-13-45' }), '/data/startDate', 'HireRegistered'],
      ['a missing required field', hireRegistered({ role: undefined }), '/data/role', 'HireRegistered'],
      [
        'personal data in a field the contract does not have',
        hireRegistered({ email: 'a@b.nl' }),
        '/data/email',
        'HireRegistered',
      ],
      [
        'a hire id that would break the stream name',
        hireRegistered({ hireId: 'h.1' }),
        '/data/hireId',
        'HireRegistered',
      ],
      ['an envelope without its actor', hireRegistered({}, { actor: undefined }), '/metadata/actor', 'HireRegistered'],
      [
        'an envelope with a bad occurredAt',
        hireRegistered({}, { occurredAt: 'yesterday' }),
        '/metadata/occurredAt',
        'HireRegistered',
      ],
    ])(
      'refuses %s, naming the type and the JSON pointer, and writes nothing of the batch',
      async (_, override, pointer, type) => {
        const bad = { ...hireRegistered(), ...override } as NewEvent;
        const error = await sqlite.store
          .appendToStream(stream, [hireRegistered(), bad], { expectedRevision: 'no_stream' })
          .catch((e: unknown) => e);
        expect(error).toBeInstanceOf(InvalidEventError);
        expect(error).toMatchObject({ eventType: type, pointer });
        expect((error as Error).message).toContain(type);
        expect(await collect(sqlite.raw.readStream(stream))).toEqual([]);
      },
    );
  });

  describe('reading', () => {
    it('upcasts old versions on read, in streams, $all and subscriptions, and leaves the stored event as it was', async () => {
      const schemasV1 = EventSchemas.fromDirectory().register(TEST_TYPE, 1, testSchemaV1);
      const before = new ValidatingEventStore(sqlite.raw, schemasV1);
      const old = {
        id: randomUUID(),
        type: TEST_TYPE,
        data: { mentorId: 'm-7', hoursPerWeek: 5 },
        metadata: workerEnvelope(),
      };
      await before.appendToStream(stream, [old], { expectedRevision: 'no_stream' });

      // The next release knows v2 and how to get there from v1.
      const schemasV2 = EventSchemas.fromDirectory()
        .register(TEST_TYPE, 1, testSchemaV1)
        .register(TEST_TYPE, 2, testSchemaV2);
      const after = new ValidatingEventStore(
        sqlite.raw,
        schemasV2,
        new Upcasters([...UPCASTERS, mentorCommitmentUpcaster]),
      );
      const expected = { mentorId: 'm-7', commitment: { hoursPerWeek: 5, weeks: 4 } };

      const [fromStream] = await collect(after.readStream(stream));
      expect(fromStream!.data).toEqual(expected);
      expect(fromStream!.metadata).toMatchObject({ schemaVersion: 2, upcastFrom: 1 });
      expect(schemasV2.violationsOfData(TEST_TYPE, 2, fromStream!.data)).toEqual([]);
      expect((await collect(after.readAll()))[0]!.data).toEqual(expected);

      const delivered: RecordedEvent[] = [];
      const subscription = after.subscribeToAll({}, async (batch) => void delivered.push(...batch));
      await waitFor(() => delivered.length === 1);
      await subscription.stop();
      expect(delivered[0]!.data).toEqual(expected);

      const [stored] = await collect(sqlite.raw.readStream(stream));
      expect(stored!.data).toEqual(old.data);
      expect(stored!.metadata.schemaVersion).toBe(1);

      // A v2 writer is held to v2.
      const v1Shaped = { ...old, id: randomUUID(), metadata: workerEnvelope({ schemaVersion: 2 }) };
      await expect(after.appendToStream(stream, [v1Shaped], { expectedRevision: 0n })).rejects.toMatchObject({
        pointer: '/data/commitment',
      });
    });

    it('chains upcasters across several versions', () => {
      const upcasters = new Upcasters([
        mentorCommitmentUpcaster,
        { type: TEST_TYPE, fromVersion: 2, upcast: (data) => ({ ...data, pairedBy: 'unknown' }) },
      ]);
      expect(upcasters.upcast(TEST_TYPE, 1, { mentorId: 'm', hoursPerWeek: 2 })).toEqual({
        version: 3,
        data: { mentorId: 'm', commitment: { hoursPerWeek: 2, weeks: 4 }, pairedBy: 'unknown' },
      });
      expect(() => new Upcasters([mentorCommitmentUpcaster, mentorCommitmentUpcaster])).toThrow(/Two upcasters/);
    });

    it('hands out events of types it does not know, unchanged, instead of failing the reader', async () => {
      const future = {
        id: randomUUID(),
        type: 'ExitInterviewHeldRemotely',
        data: { anything: ['goes', 1] },
        metadata: workerEnvelope({ schemaVersion: 7 }),
      };
      await sqlite.raw.appendToStream(stream, [future], { expectedRevision: 'no_stream' });
      const [read] = await collect(sqlite.store.readStream(stream));
      expect(read).toMatchObject(future);

      const delivered: RecordedEvent[] = [];
      const subscription = sqlite.store.subscribeToAll({}, async (batch) => void delivered.push(...batch));
      await waitFor(() => delivered.length === 1);
      await subscription.stop();
      expect(delivered[0]).toMatchObject(future);
    });
  });
});

async function waitFor(condition: () => boolean): Promise<void> {
  const deadline = Date.now() + 5_000;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('timed out');
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}
