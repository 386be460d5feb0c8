import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import { openPeopleDirectory } from '../../services/people/openPeopleDirectory';
import type { PeopleDirectory } from '../../services/people/peopleDirectory';
import { PostgresPeopleDirectory } from '../../services/people/postgresPeopleDirectory';
import { SqlitePeopleDirectory } from '../../services/people/sqlitePeopleDirectory';
import { openPostgresPool } from '../../services/shared/postgres/pool';
import { DAAN, DIRECTORY_ORGANISATION, FATIMA } from '../support/directoryPeople';
import { freshPostgresDatabase } from '../support/postgresDatabase';
import { describeWithServices } from '../support/serviceAvailability';

const organisationId = DIRECTORY_ORGANISATION;

type Opened = { directory: PeopleDirectory; close: () => Promise<void> };

/** One contract, run on both adapters: a replica on PostgreSQL must behave as the embedded SQLite default. */
function peopleDirectoryContract(name: string, open: () => Promise<Opened>): void {
  describe(`people directory contract: ${name}`, () => {
    let directory: PeopleDirectory;
    let close: () => Promise<void>;
    beforeEach(async () => ({ directory, close } = await open()));
    afterEach(() => close());

    it('finds a contact by organisation and reference, the latest details winning', async () => {
      await directory.upsert(FATIMA);
      await directory.upsert({ ...FATIMA, email: 'f.elamrani@example.nl', language: 'en' });
      expect(await directory.find(organisationId, FATIMA.personRef)).toEqual({
        ...FATIMA,
        email: 'f.elamrani@example.nl',
        language: 'en',
      });
      expect(await directory.find('jeugdzorg-oost', FATIMA.personRef)).toBeUndefined();
      expect(await directory.find(organisationId, 'h-9999')).toBeUndefined();
    });

    it('erases one person and keeps the others; erasing again is no error', async () => {
      await directory.upsert(FATIMA);
      await directory.upsert(DAAN);
      await directory.upsert({ ...FATIMA, organisationId: 'jeugdzorg-oost' });
      await directory.erase(organisationId, FATIMA.personRef);
      await directory.erase(organisationId, FATIMA.personRef);
      expect(await directory.find(organisationId, FATIMA.personRef)).toBeUndefined();
      expect(await directory.find(organisationId, DAAN.personRef)).toEqual(DAAN);
      expect(await directory.find('jeugdzorg-oost', FATIMA.personRef)).toMatchObject({ email: FATIMA.email });
    });

    it('a replay does not bring an erased person back; details given anew do, and end the erasure', async () => {
      await directory.upsert(FATIMA);
      await directory.erase(organisationId, FATIMA.personRef);
      await directory.upsertUnlessErased(FATIMA);
      expect(await directory.find(organisationId, FATIMA.personRef)).toBeUndefined();
      // Someone never erased is kept from a replay as from anything else, and only the one organisation's is erased.
      await directory.upsertUnlessErased({ ...FATIMA, personRef: 'h-0044' });
      expect(await directory.find(organisationId, 'h-0044')).toMatchObject({ email: FATIMA.email });
      await directory.upsertUnlessErased({ ...FATIMA, organisationId: 'jeugdzorg-oost' });
      expect(await directory.find('jeugdzorg-oost', FATIMA.personRef)).toMatchObject({ personRef: FATIMA.personRef });

      await directory.upsert(FATIMA);
      expect(await directory.find(organisationId, FATIMA.personRef)).toMatchObject({ email: FATIMA.email });
      await directory.upsertUnlessErased({ ...FATIMA, email: 'f.elamrani@example.nl' });
      expect(await directory.find(organisationId, FATIMA.personRef)).toMatchObject({ email: 'f.elamrani@example.nl' });
    });

    it("erases a mentor's introduction with the mentor, or with the hire it was written for; the latest text wins", async () => {
      const words = 'Ik fiets elke ochtend langs de Linge naar kantoor.';
      const joris = { organisationId, hireId: 'h-0042', mentorRef: 'ms-joris' };
      await directory.saveMentorIntroduction({ ...joris, text: 'eerste versie' });
      await directory.saveMentorIntroduction({ ...joris, text: words });
      await directory.saveMentorIntroduction({ ...joris, hireId: 'h-0043', text: `${words} (2)` });
      await directory.saveMentorIntroduction({ organisationId, hireId: 'h-0044', mentorRef: 'ms-anna', text: 'Anna' });
      expect(await directory.mentorIntroduction(joris)).toBe(words);
      expect(await directory.mentorIntroduction({ ...joris, mentorRef: 'ms-anna' })).toBeUndefined();

      await directory.erase(organisationId, 'ms-joris');
      expect(await directory.mentorIntroduction(joris)).toBeUndefined();
      expect(await directory.mentorIntroduction({ ...joris, hireId: 'h-0043' })).toBeUndefined();
      expect(await directory.mentorIntroduction({ organisationId, hireId: 'h-0044', mentorRef: 'ms-anna' })).toBe(
        'Anna',
      );
      await directory.erase(organisationId, 'h-0044');
      expect(await directory.mentorIntroduction({ organisationId, hireId: 'h-0044', mentorRef: 'ms-anna' })).toBe(
        undefined,
      );
    });

    it("keeps a retry's one plan change reason, in order of change id, and erases them with the hire", async () => {
      const reason = 'Werkt de eerste weken vanuit Culemborg en heeft daar al een pas.';
      const change = { organisationId, hireId: 'h-0042', changeId: 'b'.repeat(32), reason };
      await directory.savePlanChangeReason(change);
      await directory.savePlanChangeReason(change);
      await directory.savePlanChangeReason({ ...change, changeId: 'a'.repeat(32), reason: 'Eerder' });
      await directory.savePlanChangeReason({ ...change, hireId: 'h-0043', reason: 'Andere reden' });
      expect(await directory.planChangeReasons({ organisationId, hireId: 'h-0042' })).toEqual([
        { changeId: 'a'.repeat(32), reason: 'Eerder' },
        { changeId: 'b'.repeat(32), reason },
      ]);
      await directory.erase(organisationId, 'h-0042');
      expect(await directory.planChangeReasons({ organisationId, hireId: 'h-0042' })).toEqual([]);
      expect(await directory.planChangeReasons({ organisationId, hireId: 'h-0043' })).toEqual([
        { changeId: 'b'.repeat(32), reason: 'Andere reden' },
      ]);
    });

    it("keeps the team's welcome messages trimmed, oldest first, and erases them with the hire", async () => {
      const hire = { organisationId, hireId: 'h-0042' };
      const later = await directory.saveTeamWelcomeMessage(hire, {
        authorName: ' Sem ',
        text: ' Tot maandag! ',
        writtenAt: new Date('2026-03-02T09:00:00Z'),
      });
      const earlier = await directory.saveTeamWelcomeMessage(hire, {
        authorName: 'Noor',
        text: 'Welkom bij Team Noord.',
        writtenAt: new Date('2026-03-01T09:00:00Z'),
      });
      await directory.saveTeamWelcomeMessage(
        { organisationId, hireId: 'h-0043' },
        { authorName: 'Iemand', text: 'Voor een ander', writtenAt: new Date('2026-03-01T09:00:00Z') },
      );
      expect(later).toMatchObject({ authorName: 'Sem', text: 'Tot maandag!', writtenAt: '2026-03-02T09:00:00.000Z' });
      expect(await directory.teamWelcomeMessages(hire)).toEqual([earlier, later]);
      await directory.erase(organisationId, 'h-0042');
      expect(await directory.teamWelcomeMessages(hire)).toEqual([]);
      expect(await directory.teamWelcomeMessages({ organisationId, hireId: 'h-0043' })).toHaveLength(1);
    });
  });
}

peopleDirectoryContract('SQLite', async () => {
  const folder = mkdtempSync(join(tmpdir(), 'people-contract-'));
  const directory = new SqlitePeopleDirectory(join(folder, 'people.sqlite'));
  return {
    directory,
    close: async () => {
      directory.close();
      rmSync(folder, { recursive: true, force: true });
    },
  };
});

describeWithServices(['postgres'], 'on PostgreSQL', () => {
  peopleDirectoryContract('PostgreSQL', async () => {
    const pool = openPostgresPool(await freshPostgresDatabase('people_contract'));
    const directory = await PostgresPeopleDirectory.open(pool, randomBytes(32));
    return { directory, close: () => pool.end() };
  });

  describe('PostgreSQL only', () => {
    let databaseUrl: string;
    let admin: Client;
    beforeEach(async () => {
      databaseUrl = await freshPostgresDatabase('people_erasure');
      admin = new Client({ connectionString: databaseUrl });
      await admin.connect();
    });
    afterEach(() => admin.end());

    it('leaves no byte of an erased person readable by SQL or in any page of the database', async () => {
      const pool = openPostgresPool(databaseUrl);
      const directory = await PostgresPeopleDirectory.open(pool, randomBytes(32));
      try {
        const introduction = 'Ik fiets elke ochtend langs de Linge.';
        const welcome = 'Welkom Fatima, we hebben een bureau bij het raam.';
        const reason = 'Werkt de eerste weken vanuit Culemborg.';
        // Everyone else first: her key is then the last row of its page, whose bytes a vacuum that only prunes and
        // compacts the page leaves behind in the free space (no later row is moved over them).
        await directory.upsert(DAAN);
        await directory.upsert({
          ...DAAN,
          personRef: 'ms-joris',
          displayName: 'Joris Bakker',
          email: 'joris@example.nl',
        });
        await directory.upsert(FATIMA);
        await directory.saveMentorIntroduction({
          organisationId,
          hireId: FATIMA.personRef,
          mentorRef: 'ms-joris',
          text: introduction,
        });
        await directory.saveTeamWelcomeMessage(
          { organisationId, hireId: FATIMA.personRef },
          { authorName: 'Noor', text: welcome, writtenAt: new Date() },
        );
        await directory.savePlanChangeReason({
          organisationId,
          hireId: FATIMA.personRef,
          changeId: 'c'.repeat(32),
          reason,
        });
        const texts = [FATIMA.displayName, FATIMA.email, introduction, welcome, reason];
        // The person's key as the database holds it (wrapped): what an erasure must take out of the pages.
        const wrappedKey = (
          await admin.query<{ wrapped_key: Buffer }>('SELECT wrapped_key FROM people_keys WHERE person_ref = $1', [
            FATIMA.personRef,
          ])
        ).rows[0]!.wrapped_key;

        // Sealed from the start: no SQL query and no page shows the clear text, while the scan does find the key.
        await admin.query('CREATE EXTENSION IF NOT EXISTS pageinspect');
        expect(await textReadableBySql(admin, texts)).toEqual([]);
        expect(
          await bytesInPages(
            admin,
            texts.map((text) => Buffer.from(text)),
          ),
        ).toEqual([]);
        expect(await bytesInPages(admin, [wrappedKey])).toEqual(['people_keys']);

        await directory.erase(organisationId, FATIMA.personRef);
        expect(await directory.find(organisationId, FATIMA.personRef)).toBeUndefined();
        expect(await textReadableBySql(admin, texts)).toEqual([]);
        expect(await bytesInPages(admin, [...texts.map((text) => Buffer.from(text)), wrappedKey])).toEqual([]);
        // No row of hers is left to hold sealed bytes either: only her reference, in the erasures.
        const left = await admin.query(
          `SELECT person_ref FROM people_keys WHERE person_ref = $1 UNION ALL
           SELECT person_ref FROM people_contacts WHERE person_ref = $1 UNION ALL
           SELECT hire_id FROM people_mentor_introductions WHERE hire_id = $1 UNION ALL
           SELECT hire_id FROM people_team_welcome_messages WHERE hire_id = $1 UNION ALL
           SELECT hire_id FROM people_plan_change_reasons WHERE hire_id = $1`,
          [FATIMA.personRef],
        );
        expect(left.rows).toEqual([]);
        expect(await directory.find(organisationId, DAAN.personRef)).toEqual(DAAN);
      } finally {
        await pool.end();
      }
    });

    it('two replicas share one directory: what one writes the other reads, what one erases the other cannot bring back', async () => {
      const kek = randomBytes(32);
      const pools = [openPostgresPool(databaseUrl), openPostgresPool(databaseUrl)];
      try {
        const [one, other] = await Promise.all(pools.map((pool) => PostgresPeopleDirectory.open(pool, kek)));
        await one!.upsert(FATIMA);
        expect(await other!.find(organisationId, FATIMA.personRef)).toEqual(FATIMA);
        // An erasure racing replays of the old request on the other replica: whichever order, she stays erased.
        await Promise.all([
          other!.erase(organisationId, FATIMA.personRef),
          ...Array.from({ length: 5 }, () => one!.upsertUnlessErased(FATIMA)),
        ]);
        await one!.upsertUnlessErased(FATIMA);
        expect(await one!.find(organisationId, FATIMA.personRef)).toBeUndefined();
        expect(await other!.find(organisationId, FATIMA.personRef)).toBeUndefined();
      } finally {
        await Promise.all(pools.map((pool) => pool.end()));
      }
    });

    it('refuses to open with another key-encryption key than the one that wrapped the keys', async () => {
      const pool = openPostgresPool(databaseUrl);
      try {
        await (await PostgresPeopleDirectory.open(pool, randomBytes(32))).upsert(FATIMA);
        await expect(PostgresPeopleDirectory.open(pool, randomBytes(32))).rejects.toThrow(/VAULT_KEK_PATH/);
        await expect(PostgresPeopleDirectory.open(pool, randomBytes(16))).rejects.toThrow(/32 bytes/);
      } finally {
        await pool.end();
      }
    });
  });
});

/** Which texts some row of some table of the database shows, read as SQL sees it (every column as text). */
async function textReadableBySql(client: Client, texts: readonly string[]): Promise<string[]> {
  const tables = await client.query<{ name: string }>(
    `SELECT format('%I.%I', schemaname, tablename) AS name FROM pg_tables WHERE schemaname NOT IN ('pg_catalog', 'information_schema')`,
  );
  const found = new Set<string>();
  for (const { name } of tables.rows) {
    const rows = await client.query<{ row: string }>(`SELECT t::text AS row FROM ${name} t`);
    for (const { row } of rows.rows) for (const text of texts) if (row.includes(text)) found.add(text);
  }
  return [...found];
}

/**
 * The relations (tables, their TOAST, indexes, catalogs) whose pages, read raw with pageinspect, hold any of the
 * byte strings: dead tuples and free space included, which SQL never shows.
 */
async function bytesInPages(client: Client, needles: readonly Buffer[]): Promise<string[]> {
  const relations = await client.query<{ oid: number; name: string; pages: string }>(
    `SELECT c.oid, c.relname AS name, pg_relation_size(c.oid) / current_setting('block_size')::int AS pages
     FROM pg_class c WHERE c.relkind IN ('r', 'i', 't', 'm') AND pg_relation_size(c.oid) > 0`,
  );
  const found = new Set<string>();
  for (const relation of relations.rows) {
    for (let page = 0; page < Number(relation.pages); page++) {
      const raw = await client.query<{ page: Buffer }>(
        "SELECT get_raw_page($1::oid::regclass::text, 'main', $2) AS page",
        [relation.oid, page],
      );
      const bytes = raw.rows[0]!.page;
      if (needles.some((needle) => bytes.includes(needle))) found.add(relation.name);
    }
  }
  return [...found].sort();
}

describeWithServices(['postgres'], 'on PostgreSQL, taking over a SQLite people directory', () => {
  it('brings every row of PEOPLE_DB_PATH along on the first start, sealed, once, erasures still erased', async () => {
    const folder = mkdtempSync(join(tmpdir(), 'soft-landing-people-carry-'));
    const peopleDbPath = join(folder, 'people.sqlite');
    const config = {
      peopleDbPath,
      databaseUrl: await freshPostgresDatabase('people_carry_over'),
      vaultKekPath: join(folder, 'keys', 'vault-kek'),
    };
    const hire = { organisationId, hireId: FATIMA.personRef };
    try {
      const file = new SqlitePeopleDirectory(peopleDbPath);
      await file.upsert(FATIMA);
      await file.upsert(DAAN);
      await file.erase(organisationId, 'h-0043');
      await file.upsert({ ...FATIMA, personRef: 'm-7', displayName: 'Joris Bakker', email: 'joris@example.nl' });
      await file.saveMentorIntroduction({ ...hire, mentorRef: 'm-7', text: 'Ik fiets elke ochtend langs de Waal.' });
      const welcome = await file.saveTeamWelcomeMessage(hire, {
        authorName: 'Team Tiel',
        text: 'We kijken ernaar uit!',
        writtenAt: new Date('2026-08-20T09:00:00.000Z'),
      });
      await file.savePlanChangeReason({ ...hire, changeId: 'c-1', reason: 'Eerst de intervisie.' });
      file.close();

      const first = await openPeopleDirectory(config);
      expect(first.adapter).toBe('postgres');
      expect(await first.directory.find(organisationId, FATIMA.personRef)).toEqual(FATIMA);
      expect(await first.directory.find(organisationId, 'h-0043')).toBeUndefined();
      // Still erased: a replay of the old registration does not bring Daan back.
      await first.directory.upsertUnlessErased({ ...FATIMA, personRef: 'h-0043', displayName: 'Daan de Vries' });
      expect(await first.directory.find(organisationId, 'h-0043')).toBeUndefined();
      expect(await first.directory.mentorIntroduction({ ...hire, mentorRef: 'm-7' })).toBe(
        'Ik fiets elke ochtend langs de Waal.',
      );
      expect(await first.directory.teamWelcomeMessages(hire)).toEqual([welcome]);
      expect(await first.directory.planChangeReasons(hire)).toEqual([
        { changeId: 'c-1', reason: 'Eerst de intervisie.' },
      ]);
      await first.close();

      // The second start finds the tables in use: nothing is copied twice.
      const again = await openPeopleDirectory(config);
      expect(await again.directory.teamWelcomeMessages(hire)).toEqual([welcome]);
      await again.close();
    } finally {
      rmSync(folder, { recursive: true, force: true });
    }
  });
});
