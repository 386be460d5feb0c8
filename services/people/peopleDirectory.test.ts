import { readFileSync } from 'node:fs';
import Database from 'better-sqlite3';
import { scanFiles } from '../../test/support/byteScan';
import { temporaryDirectory } from '../../test/support/temporaryDirectory';
import { SqlitePeopleDirectory } from './sqlitePeopleDirectory';

const organisationId = 'jeugdzorg-west';
const fatima = {
  organisationId,
  personRef: 'h-0042',
  displayName: 'Fatima el Amrani',
  email: 'fatima.elamrani@example.nl',
  language: 'nl' as const,
};

describe('the people directory', () => {
  const folder = temporaryDirectory('people');
  const path = () => folder.file('people.sqlite');

  it('erases a person from every file at once, while the file stays open', async () => {
    const directory = new SqlitePeopleDirectory(path());
    await directory.upsert(fatima);
    await directory.upsert({ ...fatima, personRef: 'h-0043', displayName: 'Daan de Vries', email: 'daan@example.nl' });
    expect(scanFiles(folder.path(), [fatima.displayName]).occurrences).toBeGreaterThan(0);

    await directory.erase(organisationId, fatima.personRef);
    expect(await directory.find(organisationId, fatima.personRef)).toBeUndefined();
    expect(scanFiles(folder.path(), [fatima.displayName, fatima.email]).found).toEqual([]);
    expect(await directory.find(organisationId, 'h-0043')).toMatchObject({ displayName: 'Daan de Vries' });
    directory.close();
  });

  it("erases a mentor's introduction from every file with the mentor, or with the hire it was written for", async () => {
    const directory = new SqlitePeopleDirectory(path());
    const words = 'Ik fiets elke ochtend langs de Linge naar kantoor.';
    await directory.saveMentorIntroduction({ organisationId, hireId: 'h-0042', mentorRef: 'ms-joris', text: words });
    await directory.saveMentorIntroduction({
      organisationId,
      hireId: 'h-0043',
      mentorRef: 'ms-anna',
      text: `${words} Anna`,
    });
    expect(await directory.mentorIntroduction({ organisationId, hireId: 'h-0042', mentorRef: 'ms-joris' })).toBe(words);
    await directory.erase(organisationId, 'ms-joris');
    expect(
      await directory.mentorIntroduction({ organisationId, hireId: 'h-0042', mentorRef: 'ms-joris' }),
    ).toBeUndefined();
    await directory.erase(organisationId, 'h-0043');
    expect(
      await directory.mentorIntroduction({ organisationId, hireId: 'h-0043', mentorRef: 'ms-anna' }),
    ).toBeUndefined();
    expect(scanFiles(folder.path(), [words]).occurrences).toBe(0);
    directory.close();
  });

  it("erases HR's reasons for changes to a hire's plan from every file with the hire, and keeps a retry's one row", async () => {
    const directory = new SqlitePeopleDirectory(path());
    const reason = 'Werkt de eerste weken vanuit Culemborg en heeft daar al een pas.';
    const change = { organisationId, hireId: 'h-0042', changeId: 'a'.repeat(32), reason };
    await directory.savePlanChangeReason(change);
    await directory.savePlanChangeReason(change);
    await directory.savePlanChangeReason({ ...change, hireId: 'h-0043', reason: 'Andere reden' });
    expect(await directory.planChangeReasons({ organisationId, hireId: 'h-0042' })).toEqual([
      { changeId: 'a'.repeat(32), reason },
    ]);
    expect(scanFiles(folder.path(), [reason]).occurrences).toBeGreaterThan(0);
    await directory.erase(organisationId, 'h-0042');
    expect(await directory.planChangeReasons({ organisationId, hireId: 'h-0042' })).toEqual([]);
    expect(scanFiles(folder.path(), [reason]).found).toEqual([]);
    expect(await directory.planChangeReasons({ organisationId, hireId: 'h-0043' })).toHaveLength(1);
    directory.close();
  });

  it('a replay does not bring an erased person back; details given anew do, and end the erasure', async () => {
    const directory = new SqlitePeopleDirectory(path());
    await directory.upsert(fatima);
    await directory.erase(organisationId, fatima.personRef);
    await directory.upsertUnlessErased(fatima);
    expect(await directory.find(organisationId, fatima.personRef)).toBeUndefined();
    // Someone never erased is kept from a replay as from anything else.
    await directory.upsertUnlessErased({ ...fatima, personRef: 'h-0044' });
    expect(await directory.find(organisationId, 'h-0044')).toMatchObject({ personRef: 'h-0044', email: fatima.email });
    // Only the one organisation's person is erased.
    await directory.upsertUnlessErased({ ...fatima, organisationId: 'jeugdzorg-oost' });
    expect(await directory.find('jeugdzorg-oost', fatima.personRef)).toMatchObject({
      organisationId: 'jeugdzorg-oost',
      personRef: fatima.personRef,
    });

    await directory.upsert(fatima);
    expect(await directory.find(organisationId, fatima.personRef)).toMatchObject({ email: fatima.email });
    await directory.upsertUnlessErased({ ...fatima, email: 'f.elamrani@example.nl' });
    expect(await directory.find(organisationId, fatima.personRef)).toMatchObject({ email: 'f.elamrani@example.nl' });
    directory.close();
  });

  it('rewrites, once, a file whose earlier erasures left the rows behind as free space', async () => {
    // As a store opened before secure_delete was on left it: the deleted row is still in the page.
    const old = new Database(path());
    old.exec(`CREATE TABLE contacts (organisation_id TEXT NOT NULL, person_ref TEXT NOT NULL, display_name TEXT NOT NULL,
      email TEXT NOT NULL, language TEXT NOT NULL, PRIMARY KEY (organisation_id, person_ref))`);
    old
      .prepare('INSERT INTO contacts VALUES (?, ?, ?, ?, ?)')
      .run(organisationId, fatima.personRef, fatima.displayName, fatima.email, 'nl');
    old
      .prepare('INSERT INTO contacts VALUES (?, ?, ?, ?, ?)')
      .run(organisationId, 'h-0043', 'Daan de Vries', 'daan@example.nl', 'nl');
    old.prepare('DELETE FROM contacts WHERE person_ref = ?').run(fatima.personRef);
    old.close();
    expect(readFileSync(path()).includes(fatima.email)).toBe(true);

    const directory = new SqlitePeopleDirectory(path());
    directory.close();
    expect(scanFiles(folder.path(), [fatima.displayName, fatima.email]).found).toEqual([]);
    const reopened = new SqlitePeopleDirectory(path());
    expect(await reopened.find(organisationId, 'h-0043')).toMatchObject({ email: 'daan@example.nl' });
    reopened.close();
  });
});
