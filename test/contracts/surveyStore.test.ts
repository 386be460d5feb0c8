import { randomBytes, randomUUID } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import type { Pool } from 'pg';
import { openPostgresPool } from '../../services/shared/postgres/pool';
import { PostgresSurveyStore } from '../../services/survey/postgresSurveyStore';
import { SurveyTokenRefused } from '../../services/survey/signedLinkTokens';
import type { SurveyStorage } from '../../services/survey/surveyStorage';
import { SurveyStore } from '../../services/survey/surveyStore';
import type { SurveyGroup } from '../../workflows/domain/surveyGroups';
import { freshPostgresDatabase } from '../support/postgresDatabase';
import { describeWithServices } from '../support/serviceAvailability';

const K = 5;
const DAY = 86_400_000;
/** Every column an answer table may have: a random key, the wave or team, coarse groups fixed at invitation, the answers. */
const SURVEY_ANSWER_COLUMNS = [
  'answers',
  'id',
  'location',
  'organisation_id',
  'questionnaire_id',
  'questionnaire_version',
  'role_family',
  'start_quarter',
  'team',
  'template_id',
  'wave_id',
];
const EXIT_ANSWER_COLUMNS = ['answer', 'id', 'organisation_id', 'team'];

/** What the contract reads past the interface: the tables as an operator with the database sees them. */
interface StoredAnswers {
  /**
   * The open texts of the waiting answers of a wave (or, for `exit`, of an organisation's exit answers), in every
   * order the database itself keeps them in: the table's own scan order, and on PostgreSQL also the heap's (ctid)
   * and the writing transaction's (xmin). None of them may follow the order of submission.
   */
  pendingOrders(kind: 'survey' | 'exit', organisationId: string): Promise<string[][]>;
  /** The same for released answers. */
  releasedOrders(kind: 'survey' | 'exit', organisationId: string): Promise<string[][]>;
  /** The columns of each answer table, sorted. */
  answerColumns(): Promise<{ survey: string[][]; exit: string[][] }>;
}

interface Opened {
  /** Two handles on one store, as two API replicas (or an API and a worker) have it. */
  readonly a: SurveyStorage;
  readonly b: SurveyStorage;
  readonly stored: StoredAnswers;
  close(): Promise<void>;
}

const group = (team = 'Team Noord', location = 'Tiel'): SurveyGroup => ({
  team,
  location,
  startQuarter: '2026-Q3',
  roleFamily: 'client-work',
  templateId: 'rvdk',
});

/** The open text of an answer row, as stored (survey: `answers`, exit: `answer`). */
const markerOf = (json: string): string => {
  const parsed = JSON.parse(json) as { remark?: string; openText?: string };
  return parsed.remark ?? parsed.openText ?? '';
};

/** The contract, on one adapter; `open(now)` gives two handles on one empty store with the clock `now`. */
function surveyStoreContract(name: string, open: (now: () => number) => Promise<Opened>) {
  describe(`survey store contract: ${name}`, () => {
    let now = Date.parse('2026-06-15T10:00:00Z');
    let a: SurveyStorage;
    let b: SurveyStorage;
    let stored: StoredAnswers;
    let close: () => Promise<void>;
    let organisationId: string;
    beforeEach(async () => {
      now = Date.parse('2026-06-15T10:00:00Z');
      ({ a, b, stored, close } = await open(() => now));
      organisationId = `jz-${randomUUID().slice(0, 8)}`;
    });
    afterEach(() => close());

    const invite = (
      store: SurveyStorage,
      hireId: string,
      options: { team?: string; location?: string; waveId?: string; expiresAt?: number } = {},
    ) =>
      store.invite({
        organisationId,
        hireId,
        waveId: options.waveId ?? 'ninety-days-2026-Q4',
        questionnaire: { id: 'ninety-days', version: 1 },
        group: group(options.team, options.location),
        expiresAt: options.expiresAt ?? now + 30 * DAY,
      });
    const answer = (remark: string) => ({ enps: 8, remark });
    const refusal = (promise: Promise<unknown>) =>
      promise.then(
        () => 'accepted',
        (error: unknown) => (error instanceof SurveyTokenRefused ? error.reason : `failed: ${String(error)}`),
      );

    it('gives a retried invitation the same link on every replica, and opens only a valid, unexpired one', async () => {
      const token = await invite(a, 'h-1');
      expect(await invite(b, 'h-1')).toBe(token);
      expect(await invite(a, 'h-2')).not.toBe(token);
      expect(await b.open(token)).toEqual({
        organisationId,
        waveId: 'ninety-days-2026-Q4',
        questionnaireId: 'ninety-days',
        questionnaireVersion: 1,
        expiresAt: now + 30 * DAY,
      });
      expect(await a.invitationOf(organisationId, 'h-1', 'ninety-days')).toEqual({ token, spent: false });
      expect(await a.invitationOf(organisationId, 'h-9', 'ninety-days')).toBeUndefined();
      // The reminder takes the newest wave's link.
      const later = await invite(a, 'h-1', { waveId: 'ninety-days-2027-Q1', expiresAt: now + 60 * DAY });
      expect(await b.invitationOf(organisationId, 'h-1', 'ninety-days')).toEqual({ token: later, spent: false });
      const forged = `${token.slice(0, -2)}${token.endsWith('AA') ? 'BB' : 'AA'}`;
      expect(await refusal(a.open(forged))).toBe('invalid');
      expect(await refusal(a.open('sxt_' + token.slice(4)))).toBe('invalid');
      expect(await refusal(a.submit(forged, answer('x'), K))).toBe('invalid');
      const expired = await invite(a, 'h-3', { expiresAt: now - 1 });
      expect(await refusal(b.open(expired))).toBe('expired');
      expect(await refusal(b.submit(expired, answer('x'), K))).toBe('expired');
      expect(await a.invitationOf(organisationId, 'h-3', 'ninety-days')).toEqual({ token: expired, spent: false });
    });

    it('releases nothing of a group below five, and the fifth answer releases the five at once', async () => {
      const tokens = await Promise.all([0, 1, 2, 3, 4].map((index) => invite(a, `h-${index}`)));
      for (const [index, token] of tokens.slice(0, 4).entries()) {
        expect(await (index % 2 ? a : b).submit(token, answer(`m-${index}`), K)).toEqual({
          organisationId,
          hireId: `h-${index}`,
          waveId: 'ninety-days-2026-Q4',
          released: 0,
        });
        expect(await a.released(organisationId, 'ninety-days-2026-Q4')).toEqual([]);
      }
      expect((await b.submit(tokens[4]!, answer('m-4'), K)).released).toBe(5);
      const released = await a.released(organisationId, 'ninety-days-2026-Q4');
      expect(released.map((response) => response.answers.remark).sort()).toEqual(['m-0', 'm-1', 'm-2', 'm-3', 'm-4']);
      expect(released.every((response) => response.group.team === 'Team Noord')).toBe(true);
      // Nothing in a released answer names the hire or the link.
      for (const [index, token] of tokens.entries()) {
        expect(JSON.stringify(released)).not.toContain(`h-${index}"`);
        expect(JSON.stringify(released)).not.toContain(token.slice(4, 36));
      }
      expect(await b.waves(organisationId)).toEqual([
        {
          waveId: 'ninety-days-2026-Q4',
          questionnaireId: 'ninety-days',
          invited: 5,
          answered: 5,
          released: 5,
          closed: false,
        },
      ]);
      expect(await b.invitedCells(organisationId, 'ninety-days-2026-Q4')).toEqual([{ group: group(), count: 5 }]);
    });

    it("keeps a small location's answer back although its team reached five, and withholds it for good at the close", async () => {
      await a.submit(await invite(a, 'h-lone', { location: 'Culemborg' }), answer('lone'), K);
      for (let index = 0; index < 4; index += 1)
        expect((await b.submit(await invite(b, `h-${index}`), answer(`m-${index}`), K)).released).toBe(0);
      expect((await a.submit(await invite(a, 'h-4'), answer('m-4'), K)).released).toBe(5);
      expect((await a.released(organisationId, 'ninety-days-2026-Q4')).map((r) => r.answers.remark)).not.toContain(
        'lone',
      );
      const late = await invite(a, 'h-late');
      expect(await b.closeWave(organisationId, 'ninety-days-2026-Q4', K)).toEqual({ released: 0, withheld: 1 });
      // A retried close changes nothing; the wave's links are closed with it.
      expect(await a.closeWave(organisationId, 'ninety-days-2026-Q4', K)).toEqual({ released: 0, withheld: 0 });
      expect(await refusal(a.open(late))).toBe('expired');
      expect(await refusal(b.submit(late, answer('late'), K))).toBe('expired');
      expect(await stored.pendingOrders('survey', organisationId)).toEqual(
        (await stored.pendingOrders('survey', organisationId)).map(() => []),
      );
      expect((await a.waves(organisationId))[0]).toMatchObject({ invited: 7, answered: 6, released: 5, closed: true });
    });

    it('spends a link once when two replicas submit it at the same moment', async () => {
      const token = await invite(a, 'h-twice');
      const outcomes = await Promise.all(
        Array.from({ length: 8 }, (_, index) => refusal((index % 2 ? a : b).submit(token, answer('once'), K))),
      );
      expect(outcomes.filter((outcome) => outcome === 'accepted')).toHaveLength(1);
      expect(outcomes.filter((outcome) => outcome === 'spent')).toHaveLength(7);
      expect((await stored.pendingOrders('survey', organisationId))[0]).toEqual(['once']);
      expect(await b.invitationOf(organisationId, 'h-twice', 'ninety-days')).toEqual({ token, spent: true });
      expect(await refusal(a.open(token))).toBe('spent');
      expect(await refusal(b.submit(token, answer('again'), K))).toBe('spent');
    });

    it('loses and doubles no answer when many links of one wave are spent at once on two replicas', async () => {
      const tokens = await Promise.all(Array.from({ length: 12 }, (_, index) => invite(a, `h-${index}`)));
      const outcomes = await Promise.all(
        tokens.map((token, index) => refusal((index % 2 ? a : b).submit(token, answer(`m-${index}`), K))),
      );
      expect(outcomes).toEqual(tokens.map(() => 'accepted'));
      const released = (await a.released(organisationId, 'ninety-days-2026-Q4')).map((r) => String(r.answers.remark));
      const pending = (await stored.pendingOrders('survey', organisationId))[0]!;
      // Released in steps of five; whatever is not released yet still waits, each answer exactly once.
      expect(released.length % K).toBe(0);
      expect([...released, ...pending].sort()).toEqual(tokens.map((_, index) => `m-${index}`).sort());
      expect(await b.closeWave(organisationId, 'ninety-days-2026-Q4', K)).toEqual({
        released: 12 - released.length - (12 % K),
        withheld: 12 % K,
      });
    });

    it('keeps waiting answers in no order that follows the order they were given in', async () => {
      // k out of reach: every answer waits. After each submission, where does the newest one stand?
      const lastPlaces = new Map<number, number>();
      const n = 16;
      for (let index = 0; index < n; index += 1) {
        await (index % 2 ? a : b).submit(await invite(a, `h-${index}`), answer(`m-${index}`), 100);
        for (const [which, order] of (await stored.pendingOrders('survey', organisationId)).entries()) {
          expect([...order].sort()).toEqual(Array.from({ length: index + 1 }, (_, i) => `m-${i}`).sort());
          if (index > 0 && order.at(-1) === `m-${index}`) lastPlaces.set(which, (lastPlaces.get(which) ?? 0) + 1);
        }
      }
      // Appended rows would put the newest last every time (15 of 15); drawn places do so about 2.4 times.
      for (const count of lastPlaces.values()) expect(count).toBeLessThan(9);
    });

    it('releases each batch in an order drawn anew, not the order of submission', async () => {
      let inOrder = 0;
      const waves = 8;
      for (let wave = 0; wave < waves; wave += 1) {
        const waveId = `pulse-30-2026-0${wave + 1}`;
        const markers = Array.from({ length: K }, (_, index) => `w${wave}-m${index}`);
        for (const [index, marker] of markers.entries())
          await a.submit(await invite(b, `h-${wave}-${index}`, { waveId }), answer(marker), K);
        for (const order of await stored.releasedOrders('survey', organisationId)) {
          const batch = order.filter((marker) => marker.startsWith(`w${wave}-`));
          expect([...batch].sort()).toEqual(markers);
          if (batch.every((marker, index) => marker === markers[index])) inOrder += 1;
        }
        expect((await b.released(organisationId, waveId)).map((r) => r.answers.remark).sort()).toEqual(markers);
      }
      // In submission order by chance: 1 in 120 per wave and order kept.
      expect(inOrder).toBeLessThan(4);
    });

    it('has answer tables without a hire, a link, a time or a sequence', async () => {
      const { survey, exit } = await stored.answerColumns();
      expect(survey.length).toBe(2);
      for (const columns of survey) expect(columns).toEqual(SURVEY_ANSWER_COLUMNS);
      expect(exit.length).toBe(2);
      for (const columns of exit) expect(columns).toEqual(EXIT_ANSWER_COLUMNS);
    });

    it('redacts an open answer once, on any replica, and forgets an erased hire but not their answer', async () => {
      const tokens = await Promise.all([0, 1, 2, 3, 4].map((index) => invite(a, `h-${index}`)));
      for (const [index, token] of tokens.entries()) await b.submit(token, answer(`noemt-iemand-${index}`), K);
      const [first] = await a.released(organisationId, 'ninety-days-2026-Q4');
      const answerId = first!.openAnswerIds!.remark!;
      const both = await Promise.all([
        a.redactOpenAnswer(organisationId, 'ninety-days-2026-Q4', answerId),
        b.redactOpenAnswer(organisationId, 'ninety-days-2026-Q4', answerId),
      ]);
      expect(both.map((result) => result?.already).sort()).toEqual([false, true]);
      expect(both.map((result) => result?.itemId)).toEqual(['remark', 'remark']);
      expect(await a.redactOpenAnswer(organisationId, 'ninety-days-2026-Q4', 'geen-antwoord')).toBeUndefined();
      const after = await b.released(organisationId, 'ninety-days-2026-Q4');
      const redacted = after.find((response) => response.redacted?.includes('remark'))!;
      expect(redacted.answers).toEqual({ enps: 8 });
      expect(redacted.openAnswerIds).toEqual({ remark: answerId });
      expect(JSON.stringify(after)).not.toContain(String(first!.answers.remark));
      expect(after).toHaveLength(5);

      await a.forgetHire(organisationId, 'h-0');
      expect(await b.invitationOf(organisationId, 'h-0', 'ninety-days')).toBeUndefined();
      expect(await refusal(b.open(tokens[0]!))).toBe('invalid');
      expect(await b.released(organisationId, 'ninety-days-2026-Q4')).toHaveLength(5);
    });

    describe('the exit questionnaire', () => {
      const leave = (store: SurveyStorage, hireId: string, team = 'Team Noord', expiresAt = now + 30 * DAY) =>
        store.exitQuestionnaire.invite({ organisationId, hireId, team, expiresAt });
      const reasons = (openText: string) => ({ reasons: ['workload' as const], openText });

      it('releases a team at five all at once, spends a link once under concurrency, and refuses a bad link', async () => {
        const token = await leave(a, 'h-0');
        expect(await leave(b, 'h-0')).toBe(token);
        expect(await b.exitQuestionnaire.open(token)).toEqual({ organisationId, expiresAt: now + 30 * DAY });
        const outcomes = await Promise.all(
          Array.from({ length: 6 }, (_, index) =>
            refusal((index % 2 ? a : b).exitQuestionnaire.submit(token, reasons('x-0'), K)),
          ),
        );
        expect(outcomes.sort()).toEqual(['accepted', 'spent', 'spent', 'spent', 'spent', 'spent']);
        expect(await refusal(a.exitQuestionnaire.open(token))).toBe('spent');
        expect(await refusal(a.exitQuestionnaire.open(`sst_${token.slice(4)}`))).toBe('invalid');
        expect(await refusal(a.exitQuestionnaire.open(await leave(a, 'h-old', 'Team Noord', now - 1)))).toBe('expired');
        // The survey's link is no exit questionnaire link.
        expect(await refusal(a.exitQuestionnaire.open(await invite(a, 'h-survey')))).toBe('invalid');
        for (let index = 1; index < 4; index += 1)
          expect(await a.exitQuestionnaire.submit(await leave(b, `h-${index}`), reasons(`x-${index}`), K)).toEqual({
            released: 0,
          });
        expect(await b.exitQuestionnaire.released(organisationId, K)).toEqual([]);
        // Concurrently: the fifth of Noord and answers of another team, on both replicas.
        const zuid = await leave(a, 'h-zuid-0', 'Team Zuid');
        const more = await Promise.all([
          b.exitQuestionnaire.submit(await leave(a, 'h-4'), reasons('x-4'), K),
          a.exitQuestionnaire.submit(zuid, reasons('z-0'), K),
          b.exitQuestionnaire.submit(await leave(a, 'h-zuid-1', 'Team Zuid'), reasons('z-1'), K),
        ]);
        expect(more.map((result) => result.released)).toEqual([5, 0, 0]);
        const released = await a.exitQuestionnaire.released(organisationId, K);
        expect(released.map((entry) => `${entry.team}:${entry.openText}`).sort()).toEqual(
          ['x-0', 'x-1', 'x-2', 'x-3', 'x-4'].map((text) => `Team Noord:${text}`),
        );
        expect((await stored.pendingOrders('exit', organisationId))[0]!.sort()).toEqual(['z-0', 'z-1']);
        // Erased: the leaver's link is gone (a new one would be another), the answer stays.
        await a.exitQuestionnaire.forget(organisationId, 'h-zuid-0');
        expect(await refusal(b.exitQuestionnaire.open(zuid))).toBe('invalid');
        expect(await leave(b, 'h-zuid-0', 'Team Zuid')).not.toBe(zuid);
        expect((await stored.pendingOrders('exit', organisationId))[0]).toHaveLength(2);
      });

      it('pools what small teams left at New Year once, and deletes a remainder under five', async () => {
        for (let index = 0; index < 3; index += 1)
          await a.exitQuestionnaire.submit(await leave(a, `h-n-${index}`), reasons(`n-${index}`), K);
        for (let index = 0; index < 3; index += 1)
          await b.exitQuestionnaire.submit(await leave(b, `h-z-${index}`, 'Team Zuid'), reasons(`z-${index}`), K);
        // No year before the store began is closed.
        expect(await a.exitQuestionnaire.closeYear(organisationId, 2025, K)).toEqual({ pooled: 0, deleted: 0 });
        now = Date.parse('2027-01-04T09:00:00Z');
        const [pooledHere, pooledThere] = await Promise.all([
          a.exitQuestionnaire.released(organisationId, K),
          b.exitQuestionnaire.released(organisationId, K),
        ]);
        expect(pooledHere.map((entry) => entry.team)).toEqual(Array(6).fill('*'));
        expect(pooledThere).toHaveLength(6);
        expect(await b.exitQuestionnaire.closeYear(organisationId, 2026, K)).toEqual({ pooled: 0, deleted: 0 });
        // 2027's remainder of two is deleted when 2028 begins: not released, not left waiting.
        for (let index = 0; index < 2; index += 1)
          await a.exitQuestionnaire.submit(
            await leave(a, `h-w-${index}`, 'Team West', now + 30 * DAY),
            reasons('w'),
            K,
          );
        now = Date.parse('2028-01-10T09:00:00Z');
        expect(await a.exitQuestionnaire.closeYear(organisationId, 2027, K)).toEqual({ pooled: 0, deleted: 2 });
        expect(await a.exitQuestionnaire.released(organisationId, K)).toHaveLength(6);
        expect(await stored.pendingOrders('exit', organisationId)).toEqual(
          (await stored.pendingOrders('exit', organisationId)).map(() => []),
        );
      });

      it('keeps waiting exit answers in no order that follows the order they were given in', async () => {
        const lastPlaces = new Map<number, number>();
        const n = 16;
        for (let index = 0; index < n; index += 1) {
          await (index % 2 ? a : b).exitQuestionnaire.submit(await leave(a, `h-${index}`), reasons(`x-${index}`), 100);
          for (const [which, order] of (await stored.pendingOrders('exit', organisationId)).entries()) {
            expect(order).toHaveLength(index + 1);
            if (index > 0 && order.at(-1) === `x-${index}`) lastPlaces.set(which, (lastPlaces.get(which) ?? 0) + 1);
          }
        }
        for (const count of lastPlaces.values()) expect(count).toBeLessThan(9);
      });
    });
  });
}

surveyStoreContract('SQLite', async (now) => {
  const folder = mkdtempSync(join(tmpdir(), 'survey-contract-'));
  const paths = {
    tokensPath: join(folder, 'survey-tokens.sqlite'),
    answersPath: join(folder, 'survey-answers.sqlite'),
  };
  const key = randomBytes(32);
  const a = new SurveyStore(paths, key, now);
  const b = new SurveyStore(paths, key, now);
  const raw = new Database(paths.answersPath, { readonly: true });
  // The table's own order (WITHOUT ROWID: its random key) is the order of a scan and of the file's pages.
  const scan = (table: string, column: string, organisationId: string) =>
    (
      raw.prepare(`SELECT ${column} AS text FROM ${table} WHERE organisation_id = ?`).all(organisationId) as {
        text: string;
      }[]
    ).map((row) => markerOf(row.text));
  const columns = (table: string) =>
    (raw.prepare(`SELECT name FROM pragma_table_info(?)`).all(table) as { name: string }[])
      .map((row) => row.name)
      .sort();
  return {
    a,
    b,
    stored: {
      pendingOrders: async (kind, organisationId) => [
        kind === 'survey'
          ? scan('pending_responses', 'answers', organisationId)
          : scan('exit_pending', 'answer', organisationId),
      ],
      releasedOrders: async (kind, organisationId) => [
        kind === 'survey'
          ? scan('responses', 'answers', organisationId)
          : scan('exit_responses', 'answer', organisationId),
      ],
      answerColumns: async () => ({
        survey: [columns('pending_responses'), columns('responses')],
        exit: [columns('exit_pending'), columns('exit_responses')],
      }),
    },
    close: async () => {
      raw.close();
      a.close();
      b.close();
    },
  };
});

describeWithServices(['postgres'], 'on PostgreSQL', () => {
  /** The heap's order (ctid), an unordered scan, and the writing transactions' order (xmin, ties by key). */
  const orders = async (pool: Pool, table: string, column: string, organisationId: string): Promise<string[][]> => {
    const read = async (order: string) =>
      (
        await pool.query<{ text: string }>(
          `SELECT ${column} AS text FROM ${table} WHERE organisation_id = $1 ${order}`,
          [organisationId],
        )
      ).rows.map((row) => markerOf(row.text));
    return [await read(''), await read('ORDER BY ctid'), await read('ORDER BY xmin::text::bigint, id')];
  };
  const columns = async (pool: Pool, table: string) =>
    (
      await pool.query<{ column_name: string }>(
        `SELECT column_name FROM information_schema.columns WHERE table_name = $1 ORDER BY column_name COLLATE "C"`,
        [table],
      )
    ).rows.map((row) => row.column_name);

  surveyStoreContract('PostgreSQL', async (now) => {
    const url = await freshPostgresDatabase('survey_contract');
    const poolA = openPostgresPool(url);
    const poolB = openPostgresPool(url);
    const key = randomBytes(32);
    // Both replicas open (and so migrate) the store at once.
    const [a, b] = await Promise.all([
      PostgresSurveyStore.open(poolA, key, now),
      PostgresSurveyStore.open(poolB, key, now),
    ]);
    return {
      a,
      b,
      stored: {
        pendingOrders: (kind, organisationId) =>
          kind === 'survey'
            ? orders(poolA, 'survey_pending_responses', 'answers', organisationId)
            : orders(poolA, 'exit_pending', 'answer', organisationId),
        releasedOrders: (kind, organisationId) =>
          kind === 'survey'
            ? orders(poolA, 'survey_responses', 'answers', organisationId)
            : orders(poolA, 'exit_responses', 'answer', organisationId),
        answerColumns: async () => ({
          survey: [await columns(poolA, 'survey_pending_responses'), await columns(poolA, 'survey_responses')],
          exit: [await columns(poolA, 'exit_pending'), await columns(poolA, 'exit_responses')],
        }),
      },
      close: async () => void (await Promise.all([poolA.end(), poolB.end()])),
    };
  });
});
