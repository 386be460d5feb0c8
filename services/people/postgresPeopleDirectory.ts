import type { Pool, PoolClient } from 'pg';
import { type Migration, migrate } from '../shared/postgres/migrations';
import { carryOverIntoEmpty } from '../shared/postgres/carryOver';
import { inTransaction } from '../shared/postgres/transaction';
import type { MentorIntroduction } from './mentorIntroductions';
import type { Contact, PeopleDirectory, PeopleDirectoryContents } from './peopleDirectory';
import type { PlanChangeReason } from './planChangeReasons';
import { KEY_BYTES, kekIdOf, newPersonKey, open, personPlace, seal } from './sealedFields';
import { type TeamWelcomeMessage, draftTeamWelcomeMessage } from './teamWelcomeMessages';

/**
 * Every table holds references in the clear (they are on the event streams already) and personal fields only sealed
 * (sealedFields.ts) under the key of the person they are about; people_keys holds each person's key, wrapped under
 * VAULT_KEK_PATH's key-encryption key. A mentor's introduction is about two people, its mentor and its hire: it is
 * sealed under the hire's key and that again under the mentor's, so destroying either key destroys it.
 */
const MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    description: 'people directory: per-person keys, sealed contacts and free texts, erasures',
    sql: `
      CREATE TABLE people_keys (
        organisation_id TEXT NOT NULL,
        person_ref      TEXT NOT NULL,
        kek_id          TEXT NOT NULL,
        wrapped_key     BYTEA NOT NULL,
        PRIMARY KEY (organisation_id, person_ref)
      );
      CREATE TABLE people_contacts (
        organisation_id TEXT NOT NULL,
        person_ref      TEXT NOT NULL,
        sealed          BYTEA NOT NULL,
        PRIMARY KEY (organisation_id, person_ref)
      );
      CREATE TABLE people_erasures (
        organisation_id TEXT NOT NULL,
        person_ref      TEXT NOT NULL,
        PRIMARY KEY (organisation_id, person_ref)
      );
      CREATE TABLE people_mentor_introductions (
        organisation_id TEXT NOT NULL,
        hire_id         TEXT NOT NULL,
        mentor_ref      TEXT NOT NULL,
        sealed          BYTEA NOT NULL,
        PRIMARY KEY (organisation_id, hire_id, mentor_ref)
      );
      CREATE INDEX people_mentor_introductions_by_mentor ON people_mentor_introductions (organisation_id, mentor_ref);
      CREATE TABLE people_team_welcome_messages (
        organisation_id TEXT NOT NULL,
        hire_id         TEXT NOT NULL,
        message_id      TEXT NOT NULL,
        written_at      TEXT NOT NULL,
        written_order   BIGINT GENERATED ALWAYS AS IDENTITY,
        sealed          BYTEA NOT NULL,
        PRIMARY KEY (organisation_id, hire_id, message_id)
      );
      CREATE TABLE people_plan_change_reasons (
        organisation_id TEXT NOT NULL,
        hire_id         TEXT NOT NULL,
        change_id       TEXT NOT NULL,
        sealed          BYTEA NOT NULL,
        PRIMARY KEY (organisation_id, hire_id, change_id)
      );`,
  },
];

/** The tables whose rows an erasure deletes, vacuumed after it (people_keys apart: see erase()). */
const SEALED_TABLES =
  'people_contacts, people_mentor_introductions, people_team_welcome_messages, people_plan_change_reasons';

type Hire = { organisationId: string; hireId: string };

/**
 * The people directory on PostgreSQL, shared by every API replica, the worker, the inbound consumer and the HRIS
 * connector (the SQLite file is one host's). Same contract as SqlitePeopleDirectory
 * (test/contracts/peopleDirectory.test.ts runs both).
 *
 * Erasure. PostgreSQL has no secure_delete: a DELETE leaves the row's bytes in its page (a dead tuple) until vacuum,
 * vacuum leaves them in the page's free space until it is written over, and the write-ahead log records every insert.
 * So no personal field is ever written in the clear: each is sealed under its person's key, and erasing a person
 * deletes their key row with their data rows in one transaction, then (after the commit: VACUUM cannot run in one)
 * rewrites people_keys whole with VACUUM FULL, so the file that held the key is gone, and VACUUMs the sealed tables,
 * which prunes their dead tuples. What still holds bytes of an erased person is the operator's to guard (README,
 * "People directory on PostgreSQL"): WAL segments not yet recycled, WAL archives and base backups, replicas' WAL,
 * and dumps keep the wrapped key and the sealed values, which open only with VAULT_KEK_PATH's key, so that key is
 * kept out of every backup of the database; a transaction left open during the erasure keeps the old key row
 * visible to it and so in the rewritten file until the next erasure's VACUUM FULL; and log_statement must stay off.
 */
export class PostgresPeopleDirectory implements PeopleDirectory {
  private readonly kekId: string;

  private constructor(
    private readonly pool: Pool,
    private readonly kek: Buffer,
  ) {
    this.kekId = kekIdOf(kek);
  }

  /** Migrates, then refuses a database whose keys another key-encryption key wrapped (a replica with its own KEK). */
  static async open(
    pool: Pool,
    kek: Buffer,
    carriedOver?: () => Promise<PeopleDirectoryContents | undefined>,
  ): Promise<PostgresPeopleDirectory> {
    if (kek.length !== KEY_BYTES) throw new Error(`A key-encryption key is ${KEY_BYTES} bytes, got ${kek.length}`);
    await migrate(pool, 'people-directory', MIGRATIONS);
    const directory = new PostgresPeopleDirectory(pool, kek);
    const foreign = await pool.query<{ kek_id: string }>('SELECT kek_id FROM people_keys WHERE kek_id <> $1 LIMIT 1', [
      directory.kekId,
    ]);
    if (foreign.rows[0])
      throw new Error(
        `De sleutels van het personenbestand zijn versleuteld met sleutel ${foreign.rows[0].kek_id}, VAULT_KEK_PATH bevat ${directory.kekId}: geef elk proces dezelfde VAULT_KEK_PATH`,
      );
    if (carriedOver) await directory.carryOver(carriedOver);
    return directory;
  }

  /**
   * The first start on PostgreSQL of a deployment that had its people in SQLite (PEOPLE_DB_PATH): everything the
   * file holds, sealed as any write is, in one transaction, into tables that are still empty, so its hires keep
   * their names and mail and its erasures stay erased. Once the tables hold anything, the file is history.
   */
  private async carryOver(contentsOf: () => Promise<PeopleDirectoryContents | undefined>): Promise<void> {
    await carryOverIntoEmpty(this.pool, {
      lock: 'soft-landing-people-carry-over',
      tables: [
        'people_contacts',
        'people_erasures',
        'people_mentor_introductions',
        'people_team_welcome_messages',
        'people_plan_change_reasons',
      ],
      contentsOf,
      copy: async (client, contents) => {
        for (const contact of contents.contacts) await this.writeContact(client, contact);
        for (const { organisationId, personRef } of contents.erasures) {
          await client.query(
            'INSERT INTO people_erasures (organisation_id, person_ref) VALUES ($1, $2) ON CONFLICT DO NOTHING',
            [organisationId, personRef],
          );
        }
        for (const introduction of contents.mentorIntroductions) await this.writeIntroduction(client, introduction);
        for (const { organisationId, hireId, ...message } of contents.teamWelcomeMessages) {
          await this.writeTeamWelcomeMessage(client, { organisationId, hireId }, message);
        }
        for (const reason of contents.planChangeReasons) await this.writePlanChangeReason(client, reason);
      },
    });
  }

  async upsert(contact: Contact): Promise<void> {
    await inTransaction(this.pool, async (client) => {
      await lockPeople(client, contact.organisationId, [contact.personRef]);
      await this.writeContact(client, contact);
      await client.query('DELETE FROM people_erasures WHERE organisation_id = $1 AND person_ref = $2', [
        contact.organisationId,
        contact.personRef,
      ]);
    });
  }

  async upsertUnlessErased(contact: Contact): Promise<void> {
    await inTransaction(this.pool, async (client) => {
      // Under the person's lock, which erase() takes too: the erasure is wholly before this check or after the write.
      await lockPeople(client, contact.organisationId, [contact.personRef]);
      const erased = await client.query(
        'SELECT 1 FROM people_erasures WHERE organisation_id = $1 AND person_ref = $2',
        [contact.organisationId, contact.personRef],
      );
      if ((erased.rowCount ?? 0) === 0) await this.writeContact(client, contact);
    });
  }

  async find(organisationId: string, personRef: string): Promise<Contact | undefined> {
    const row = (
      await this.pool.query<{ sealed: Buffer; wrapped_key: Buffer }>(
        `SELECT c.sealed, k.wrapped_key FROM people_contacts c
         JOIN people_keys k USING (organisation_id, person_ref)
         WHERE c.organisation_id = $1 AND c.person_ref = $2`,
        [organisationId, personRef],
      )
    ).rows[0];
    if (!row) return undefined;
    const key = this.unwrap(row.wrapped_key, organisationId, personRef);
    const fields = JSON.parse(open(key, row.sealed, contactPlace(organisationId, personRef))) as Pick<
      Contact,
      'displayName' | 'email' | 'language'
    >;
    return { organisationId, personRef, ...fields };
  }

  /**
   * Idempotent. The key and every row sealed under it go in one transaction, under the person's lock; then the
   * tables are vacuumed. A failed vacuum is thrown: the person is erased from what SQL can read, but their key may
   * still lie in the keys table's file, and the caller (DELETE /people) should fail so that it is tried again.
   */
  async erase(organisationId: string, personRef: string): Promise<void> {
    await inTransaction(this.pool, async (client) => {
      await lockPeople(client, organisationId, [personRef]);
      const ref = [organisationId, personRef];
      await client.query('DELETE FROM people_keys WHERE organisation_id = $1 AND person_ref = $2', ref);
      await client.query('DELETE FROM people_contacts WHERE organisation_id = $1 AND person_ref = $2', ref);
      await client.query(
        'DELETE FROM people_mentor_introductions WHERE organisation_id = $1 AND (mentor_ref = $2 OR hire_id = $2)',
        ref,
      );
      await client.query('DELETE FROM people_team_welcome_messages WHERE organisation_id = $1 AND hire_id = $2', ref);
      await client.query('DELETE FROM people_plan_change_reasons WHERE organisation_id = $1 AND hire_id = $2', ref);
      await client.query(
        'INSERT INTO people_erasures (organisation_id, person_ref) VALUES ($1, $2) ON CONFLICT DO NOTHING',
        ref,
      );
    });
    // VACUUM FULL writes the keys table anew and drops the old file: a plain VACUUM would leave the erased key's
    // bytes in the page's free space. The table is small (a key per person), so its exclusive lock is short. The
    // sealed tables need only their dead tuples pruned: what stays of them is sealed under a key that is gone.
    await this.pool.query('VACUUM FULL people_keys');
    await this.pool.query(`VACUUM ${SEALED_TABLES}`);
  }

  async saveMentorIntroduction(introduction: MentorIntroduction): Promise<void> {
    await inTransaction(this.pool, async (client) => {
      await lockPeople(client, introduction.organisationId, [introduction.hireId, introduction.mentorRef]);
      await this.writeIntroduction(client, introduction);
    });
  }

  async mentorIntroduction(key: {
    organisationId: string;
    hireId: string;
    mentorRef: string;
  }): Promise<string | undefined> {
    const row = (
      await this.pool.query<{ sealed: Buffer; hire_key: Buffer; mentor_key: Buffer }>(
        `SELECT i.sealed, h.wrapped_key AS hire_key, m.wrapped_key AS mentor_key
         FROM people_mentor_introductions i
         JOIN people_keys h ON h.organisation_id = i.organisation_id AND h.person_ref = i.hire_id
         JOIN people_keys m ON m.organisation_id = i.organisation_id AND m.person_ref = i.mentor_ref
         WHERE i.organisation_id = $1 AND i.hire_id = $2 AND i.mentor_ref = $3`,
        [key.organisationId, key.hireId, key.mentorRef],
      )
    ).rows[0];
    if (!row) return undefined;
    const place = introductionPlace(key);
    const inner = open(this.unwrap(row.mentor_key, key.organisationId, key.mentorRef), row.sealed, place);
    return open(this.unwrap(row.hire_key, key.organisationId, key.hireId), Buffer.from(inner, 'base64'), place);
  }

  async saveTeamWelcomeMessage(
    hire: Hire,
    message: { authorName: string; text: string; writtenAt: Date },
  ): Promise<TeamWelcomeMessage> {
    const saved = draftTeamWelcomeMessage(message);
    await inTransaction(this.pool, async (client) => {
      await lockPeople(client, hire.organisationId, [hire.hireId]);
      await this.writeTeamWelcomeMessage(client, hire, saved);
    });
    return saved;
  }

  async teamWelcomeMessages(hire: Hire): Promise<TeamWelcomeMessage[]> {
    const rows = await this.pool.query<{ message_id: string; written_at: string; sealed: Buffer; wrapped_key: Buffer }>(
      `SELECT w.message_id, w.written_at, w.sealed, k.wrapped_key FROM people_team_welcome_messages w
       JOIN people_keys k ON k.organisation_id = w.organisation_id AND k.person_ref = w.hire_id
       WHERE w.organisation_id = $1 AND w.hire_id = $2 ORDER BY w.written_at, w.written_order`,
      [hire.organisationId, hire.hireId],
    );
    const key = rows.rows[0] && this.unwrap(rows.rows[0].wrapped_key, hire.organisationId, hire.hireId);
    return rows.rows.map((row) => {
      const fields = JSON.parse(open(key!, row.sealed, welcomePlace(hire, row.message_id))) as {
        authorName: string;
        text: string;
      };
      return { messageId: row.message_id, ...fields, writtenAt: row.written_at };
    });
  }

  async savePlanChangeReason(reason: PlanChangeReason): Promise<void> {
    await inTransaction(this.pool, async (client) => {
      await lockPeople(client, reason.organisationId, [reason.hireId]);
      await this.writePlanChangeReason(client, reason);
    });
  }

  async planChangeReasons(hire: Hire): Promise<{ changeId: string; reason: string }[]> {
    const rows = await this.pool.query<{ change_id: string; sealed: Buffer; wrapped_key: Buffer }>(
      `SELECT r.change_id, r.sealed, k.wrapped_key FROM people_plan_change_reasons r
       JOIN people_keys k ON k.organisation_id = r.organisation_id AND k.person_ref = r.hire_id
       WHERE r.organisation_id = $1 AND r.hire_id = $2 ORDER BY r.change_id`,
      [hire.organisationId, hire.hireId],
    );
    const key = rows.rows[0] && this.unwrap(rows.rows[0].wrapped_key, hire.organisationId, hire.hireId);
    return rows.rows.map((row) => ({
      changeId: row.change_id,
      reason: open(key!, row.sealed, reasonPlace({ ...hire, changeId: row.change_id })),
    }));
  }

  /** Under both people's locks (or the carry-over's): sealed under the mentor's key over the hire's. */
  private async writeIntroduction(client: PoolClient, introduction: MentorIntroduction): Promise<void> {
    const { organisationId, hireId, mentorRef, text } = introduction;
    const hireKey = await this.keyOf(client, organisationId, hireId);
    const mentorKey = await this.keyOf(client, organisationId, mentorRef);
    const place = introductionPlace(introduction);
    const sealed = seal(mentorKey, seal(hireKey, text, place).toString('base64'), place);
    await client.query(
      `INSERT INTO people_mentor_introductions (organisation_id, hire_id, mentor_ref, sealed) VALUES ($1, $2, $3, $4)
       ON CONFLICT (organisation_id, hire_id, mentor_ref) DO UPDATE SET sealed = excluded.sealed`,
      [organisationId, hireId, mentorRef, sealed],
    );
  }

  private async writeTeamWelcomeMessage(client: PoolClient, hire: Hire, message: TeamWelcomeMessage): Promise<void> {
    const key = await this.keyOf(client, hire.organisationId, hire.hireId);
    const sealed = seal(
      key,
      JSON.stringify({ authorName: message.authorName, text: message.text }),
      welcomePlace(hire, message.messageId),
    );
    await client.query(
      `INSERT INTO people_team_welcome_messages (organisation_id, hire_id, message_id, written_at, sealed)
       VALUES ($1, $2, $3, $4, $5)`,
      [hire.organisationId, hire.hireId, message.messageId, message.writtenAt, sealed],
    );
  }

  private async writePlanChangeReason(client: PoolClient, reason: PlanChangeReason): Promise<void> {
    const { organisationId, hireId, changeId } = reason;
    const key = await this.keyOf(client, organisationId, hireId);
    await client.query(
      `INSERT INTO people_plan_change_reasons (organisation_id, hire_id, change_id, sealed) VALUES ($1, $2, $3, $4)
       ON CONFLICT (organisation_id, hire_id, change_id) DO UPDATE SET sealed = excluded.sealed`,
      [organisationId, hireId, changeId, seal(key, reason.reason, reasonPlace(reason))],
    );
  }

  private async writeContact(client: PoolClient, contact: Contact): Promise<void> {
    const { organisationId, personRef, displayName, email, language } = contact;
    const key = await this.keyOf(client, organisationId, personRef);
    const sealed = seal(key, JSON.stringify({ displayName, email, language }), contactPlace(organisationId, personRef));
    await client.query(
      `INSERT INTO people_contacts (organisation_id, person_ref, sealed) VALUES ($1, $2, $3)
       ON CONFLICT (organisation_id, person_ref) DO UPDATE SET sealed = excluded.sealed`,
      [organisationId, personRef, sealed],
    );
  }

  /** The person's key, made on first use; the caller holds the person's lock, so no erasure runs meanwhile. */
  private async keyOf(client: PoolClient, organisationId: string, personRef: string): Promise<Buffer> {
    const existing = await client.query<{ wrapped_key: Buffer }>(
      'SELECT wrapped_key FROM people_keys WHERE organisation_id = $1 AND person_ref = $2',
      [organisationId, personRef],
    );
    if (existing.rows[0]) return this.unwrap(existing.rows[0].wrapped_key, organisationId, personRef);
    const key = newPersonKey();
    await client.query(
      'INSERT INTO people_keys (organisation_id, person_ref, kek_id, wrapped_key) VALUES ($1, $2, $3, $4)',
      [
        organisationId,
        personRef,
        this.kekId,
        seal(this.kek, key.toString('base64'), keyPlace(organisationId, personRef)),
      ],
    );
    return key;
  }

  private unwrap(wrapped: Buffer, organisationId: string, personRef: string): Buffer {
    return Buffer.from(open(this.kek, wrapped, keyPlace(organisationId, personRef)), 'base64');
  }
}

/**
 * The people a write is about, locked for the transaction: a write and an erasure of one person never interleave,
 * whichever replica runs them. Taken in one order, so two writes about the same two people cannot deadlock.
 */
async function lockPeople(client: PoolClient, organisationId: string, personRefs: readonly string[]): Promise<void> {
  // JSON, not personPlace's NUL separators: PostgreSQL text holds no NUL.
  for (const personRef of [...new Set(personRefs)].sort())
    await client.query('SELECT pg_advisory_xact_lock(hashtextextended($1, 0))', [
      JSON.stringify(['soft-landing.people', organisationId, personRef]),
    ]);
}

const keyPlace = (organisationId: string, personRef: string) => personPlace('key', organisationId, personRef);
const contactPlace = (organisationId: string, personRef: string) => personPlace('contact', organisationId, personRef);
const introductionPlace = (key: { organisationId: string; hireId: string; mentorRef: string }) =>
  personPlace('mentor-introduction', key.organisationId, key.hireId, key.mentorRef);
const welcomePlace = (hire: Hire, messageId: string) =>
  personPlace('team-welcome', hire.organisationId, hire.hireId, messageId);
const reasonPlace = (reason: { organisationId: string; hireId: string; changeId: string }) =>
  personPlace('plan-change-reason', reason.organisationId, reason.hireId, reason.changeId);
