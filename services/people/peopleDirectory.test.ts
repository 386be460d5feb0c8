import { readFileSync } from 'node:fs';
import Database from 'better-sqlite3';
import { scanFiles } from '../../test/support/byteScan';
import { DAAN, DIRECTORY_ORGANISATION, FATIMA } from '../../test/support/directoryPeople';
import { temporaryDirectory } from '../../test/support/temporaryDirectory';
import { SqlitePeopleDirectory } from './sqlitePeopleDirectory';

const organisationId = DIRECTORY_ORGANISATION;

describe('the people directory', () => {
  const folder = temporaryDirectory('people');
  const path = () => folder.file('people.sqlite');

  it('erases a person from every file at once, while the file stays open', async () => {
    const directory = new SqlitePeopleDirectory(path());
    await directory.upsert(FATIMA);
    await directory.upsert(DAAN);
    expect(scanFiles(folder.path(), [FATIMA.displayName]).occurrences).toBeGreaterThan(0);

    await directory.erase(organisationId, FATIMA.personRef);
    expect(await directory.find(organisationId, FATIMA.personRef)).toBeUndefined();
    expect(scanFiles(folder.path(), [FATIMA.displayName, FATIMA.email]).found).toEqual([]);
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
    await directory.upsert(FATIMA);
    await directory.erase(organisationId, FATIMA.personRef);
    await directory.upsertUnlessErased(FATIMA);
    expect(await directory.find(organisationId, FATIMA.personRef)).toBeUndefined();
    // Someone never erased is kept from a replay as from anything else.
    await directory.upsertUnlessErased({ ...FATIMA, personRef: 'h-0044' });
    expect(await directory.find(organisationId, 'h-0044')).toMatchObject({ personRef: 'h-0044', email: FATIMA.email });
    // Only the one organisation's person is erased.
    await directory.upsertUnlessErased({ ...FATIMA, organisationId: 'jeugdzorg-oost' });
    expect(await directory.find('jeugdzorg-oost', FATIMA.personRef)).toMatchObject({
      organisationId: 'jeugdzorg-oost',
      personRef: FATIMA.personRef,
    });

    await directory.upsert(FATIMA);
    expect(await directory.find(organisationId, FATIMA.personRef)).toMatchObject({ email: FATIMA.email });
    await directory.upsertUnlessErased({ ...FATIMA, email: 'f.elamrani@example.nl' });
    expect(await directory.find(organisationId, FATIMA.personRef)).toMatchObject({ email: 'f.elamrani@example.nl' });
    directory.close();
  });

  it('rewrites, once, a file whose earlier erasures left the rows behind as free space', async () => {
    // As a store opened before secure_delete was on left it: the deleted row is still in the page.
    const old = new Database(path());
    old.exec(`CREATE TABLE contacts (organisation_id TEXT NOT NULL, person_ref TEXT NOT NULL, display_name TEXT NOT NULL,
      email TEXT NOT NULL, language TEXT NOT NULL, PRIMARY KEY (organisation_id, person_ref))`);
    old
      .prepare('INSERT INTO contacts VALUES (?, ?, ?, ?, ?)')
      .run(organisationId, FATIMA.personRef, FATIMA.displayName, FATIMA.email, 'nl');
    old
      .prepare('INSERT INTO contacts VALUES (?, ?, ?, ?, ?)')
      .run(organisationId, 'h-0043', 'Daan de Vries', 'daan@example.nl', 'nl');
    old.prepare('DELETE FROM contacts WHERE person_ref = ?').run(FATIMA.personRef);
    old.close();
    expect(readFileSync(path()).includes(FATIMA.email)).toBe(true);

    const directory = new SqlitePeopleDirectory(path());
    directory.close();
    expect(scanFiles(folder.path(), [FATIMA.displayName, FATIMA.email]).found).toEqual([]);
    const reopened = new SqlitePeopleDirectory(path());
    expect(await reopened.find(organisationId, 'h-0043')).toMatchObject({ email: 'daan@example.nl' });
    reopened.close();
  });
});
