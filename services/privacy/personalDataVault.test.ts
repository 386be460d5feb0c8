import { randomBytes, randomUUID } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import Database from 'better-sqlite3';
import { collect } from '../../test/contracts/eventStoreContract';
import type { EventStore, NewEvent } from '../event-store/eventStore';
import { EventSchemas } from '../event-store/eventSchemas';
import { HashChainedEventStore } from '../event-store/hashChainedEventStore';
import { SqliteEventStore } from '../event-store/sqliteEventStore';
import { hireStreamName } from '../event-store/streamNames';
import { ValidatingEventStore } from '../event-store/validatingEventStore';
import { verifyHireStreamChain } from '../event-store/verifyHireStreamChain';
import { openPersonalData } from './openPersonalData';
import { PersonalDataVault, isSealedPersonalData } from './personalDataVault';
import { testEventSchema } from '../../test/support/closedObjectSchema';
import { temporaryDirectory } from '../../test/support/temporaryDirectory';
import { TEST_HIRE, workerEnvelope } from '../../test/support/workerEnvelope';

const hire = TEST_HIRE;
const stream = hireStreamName(hire);
const personRef = `hire:${hire.organisationId}.${hire.hireId}`;
const person = { name: 'Fatima el Amrani', email: 'fatima.elamrani@example.nl' };
/** What AES-GCM says when the tag does not match: the value was altered or sealed under another key. */
const UNAUTHENTIC = /unable to authenticate data/;

/** Exists only in this test; it shows how a contract refers to sealed personal data. */
const DETAILS_TYPE = 'TestHirePersonalDetailsRecorded';
const detailsSchema = testEventSchema({
  hireId: { type: 'string' },
  person: { $ref: 'https://soft-landing.example/contracts/events/sealedPersonalData.json' },
});

interface HireReplay {
  readonly types: string[];
  readonly ids: string[];
  startDate?: unknown;
  person?: unknown;
}

async function replay(store: EventStore, vault: PersonalDataVault): Promise<HireReplay> {
  const state: HireReplay = { types: [], ids: [] };
  for await (const event of store.readStream(stream)) {
    const data = await openPersonalData(event, vault);
    state.types.push(event.type);
    state.ids.push(event.id);
    if (data.startDate !== undefined) state.startDate = data.startDate;
    if (data.person !== undefined) state.person = data.person;
  }
  return state;
}

describe('crypto-shredding of personal data in hire streams', () => {
  const directory = temporaryDirectory('privacy');
  let eventsPath: string;
  let vaultPath: string;
  let raw: SqliteEventStore;
  let store: EventStore;
  let vault: PersonalDataVault;
  // The key-encryption key, as VAULT_KEK_PATH holds it outside the data folder.
  const kek = randomBytes(32);

  const openFiles = () => {
    raw = new SqliteEventStore(eventsPath);
    const schemas = EventSchemas.fromDirectory().register(DETAILS_TYPE, 1, detailsSchema);
    store = new ValidatingEventStore(new HashChainedEventStore(raw), schemas);
    vault = new PersonalDataVault(vaultPath, kek);
  };
  const closeFiles = async () => {
    await store.close();
    await vault.close();
  };

  beforeEach(() => {
    eventsPath = directory.file('events.sqlite');
    vaultPath = directory.file('keys', 'personal-data-keys.sqlite');
    openFiles();
  });

  afterEach(() => closeFiles().catch(() => undefined));

  async function recordHistory(): Promise<NewEvent[]> {
    const detailsId = randomUUID();
    const events: NewEvent[] = [
      {
        id: randomUUID(),
        type: 'HireRegistered',
        data: { ...hire, startDate: '2026-09-01', role: 'Jeugdzorgwerker' },
        metadata: workerEnvelope(),
      },
      {
        id: detailsId,
        type: DETAILS_TYPE,
        data: {
          hireId: hire.hireId,
          person: { ...(await vault.seal(personRef, person, { eventId: detailsId, field: '/person' })) },
        },
        metadata: workerEnvelope(),
      },
      {
        id: randomUUID(),
        type: 'JourneyStarted',
        data: { ...hire, startDate: '2026-09-01' },
        metadata: workerEnvelope(),
      },
    ];
    await store.appendToStream(stream, events, { expectedRevision: 'no_stream' });
    return events;
  }

  it('replays with the clear values before erasure, and with the fields marked erased after, the rest intact', async () => {
    const events = await recordHistory();
    const before = await replay(store, vault);
    expect(before).toEqual({
      types: ['HireRegistered', DETAILS_TYPE, 'JourneyStarted'],
      ids: events.map((e) => e.id),
      startDate: '2026-09-01',
      person,
    });

    await vault.erase(personRef);
    const after = await replay(store, vault);
    expect(after).toEqual({ ...before, person: { erased: true } });
    // Erasure touches no event, so the tamper evidence still holds.
    expect(await verifyHireStreamChain(raw, stream)).toEqual({ ok: true, events: 3 });
  });

  it('erasure survives closing and reopening both files, is idempotent, and erases only that person', async () => {
    await recordHistory();
    const colleaguePlace = { eventId: randomUUID(), field: '/person' };
    const colleague = await vault.seal('hire:jeugdzorg-west.h-0043', { name: 'Daan de Vries' }, colleaguePlace);
    await vault.erase(personRef);
    await vault.erase(personRef);
    await vault.erase('hire:nobody.ever');
    await closeFiles();

    openFiles();
    expect((await replay(store, vault)).person).toEqual({ erased: true });
    expect(await vault.open(colleague, colleaguePlace)).toEqual({ name: 'Daan de Vries' });
  });

  it('the events file holds no plaintext personal data, and the erased key leaves no copy in the key file', async () => {
    await recordHistory();
    const eventFileBytes = () =>
      Buffer.concat([eventsPath, `${eventsPath}-wal`].filter(existsSync).map((path) => readFileSync(path)));
    // The search itself must be able to find things: the unsealed hire id is in there.
    expect(eventFileBytes().includes(hire.hireId)).toBe(true);
    for (const clear of [person.name, person.email, 'Fatima', 'elamrani']) {
      expect(eventFileBytes().includes(clear)).toBe(false);
    }

    const inspect = new Database(vaultPath, { readonly: true });
    const key = inspect
      .prepare<[string], { key: Buffer }>(
        `SELECT wrapped_key AS key FROM personal_data_wrapped_keys WHERE person_ref = ?`,
      )
      .get(personRef)!.key;
    inspect.close();
    const vaultFileBytes = () => readFileSync(vaultPath);
    expect(vaultFileBytes().includes(key)).toBe(true);
    await vault.erase(personRef);
    await vault.close();
    expect(vaultFileBytes().includes(key)).toBe(false);
    expect(existsSync(`${vaultPath}-wal`)).toBe(false);
    vault = new PersonalDataVault(vaultPath, kek);
  });

  it('seals each value with a fresh IV under the person’s one key, and refuses an altered ciphertext', async () => {
    const place = { eventId: randomUUID(), field: '/person' };
    const a = await vault.seal(personRef, person, place);
    const b = await vault.seal(personRef, person, place);
    expect(a.sealed).not.toBe(b.sealed);
    expect(a.sealed.split(':')[1]).toBe(b.sealed.split(':')[1]);
    expect(a.sealed).toMatch(/^v2:[0-9a-f-]{36}:[A-Za-z0-9+/=]+:[A-Za-z0-9+/=]+$/);

    const [format, keyId, iv, body] = a.sealed.split(':') as [string, string, string, string];
    const flipped = Buffer.from(body, 'base64');
    flipped[0] = flipped[0]! ^ 1;
    await expect(vault.open(`${format}:${keyId}:${iv}:${flipped.toString('base64')}`, place)).rejects.toThrow(
      UNAUTHENTIC,
    );
    const otherKeyId = (await vault.seal('hire:jeugdzorg-west.h-0043', {}, place)).sealed.split(':')[1];
    await expect(vault.open(`${format}:${otherKeyId}:${iv}:${body}`, place)).rejects.toThrow(UNAUTHENTIC);
    await expect(vault.open('v1:not-sealed', place)).rejects.toThrow(/Not sealed/);
  });

  it('seals as v2:<key id>:<12-byte IV>:<ciphertext and 16-byte tag>, and opens either form of it', async () => {
    const place = { eventId: randomUUID(), field: '/person' };
    const { sealed } = await vault.seal(personRef, person, place);
    const [format, keyId, iv, body] = sealed.split(':') as [string, string, string, string];
    expect(format).toBe('v2');
    expect(keyId).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(Buffer.from(iv, 'base64')).toHaveLength(12);
    expect(Buffer.from(body, 'base64')).toHaveLength(Buffer.byteLength(JSON.stringify(person)) + 16);
    expect(await vault.open(sealed, place)).toEqual(person);
    expect(await vault.open({ sealed }, place)).toEqual(person);
  });

  it('refuses anything but the whole sealed form, and a value bound to another key id', async () => {
    const place = { eventId: randomUUID(), field: '/person' };
    const { sealed } = await vault.seal(personRef, person, place);
    for (const wrong of [
      `x${sealed}`,
      `${sealed}:`,
      ` ${sealed}`,
      sealed.replace(/^v2/, 'v3'),
      sealed.replace(/:[^:]+$/, ':'),
    ]) {
      await expect(vault.open(wrong, place)).rejects.toThrow(new Error('Not sealed personal data'));
    }
    // The key id is authenticated: a ciphertext moved under another person's key id does not open.
    const [, , iv, body] = sealed.split(':') as [string, string, string, string];
    const otherKeyId = (await vault.seal('hire:jeugdzorg-west.h-0044', person, place)).sealed.split(':')[1];
    await expect(vault.open(`v2:${otherKeyId}:${iv}:${body}`, place)).rejects.toThrow(UNAUTHENTIC);
  });

  it('tells a sealed value from anything else', () => {
    expect(isSealedPersonalData({ sealed: 'v1:x' })).toBe(true);
    for (const other of [{ sealed: 'v1:x', name: 'Fatima' }, { sealed: 7 }, {}, null, 'v1:x', undefined]) {
      expect(isSealedPersonalData(other)).toBe(false);
    }
  });

  it('the contract refuses a personal field that is not sealed', async () => {
    const error = await store
      .appendToStream(
        stream,
        [{ id: randomUUID(), type: DETAILS_TYPE, data: { hireId: hire.hireId, person }, metadata: workerEnvelope() }],
        { expectedRevision: 'no_stream' },
      )
      .catch((e: unknown) => e);
    expect(error).toMatchObject({ eventType: DETAILS_TYPE, pointer: '/data/person/sealed' });
    expect(await collect(raw.readStream(stream))).toEqual([]);
  });
});
