import { rivierenlandTemplate } from '../../workflows/domain/defaultTemplates';
import { CostSettingsStore, CostSettingsVersionConflictError } from '../analytics/costSettingsStore';
import { WrongExpectedRevisionError } from '../event-store/eventStore';
import { SqliteEventStore } from '../event-store/sqliteEventStore';
import { temporaryDirectory } from '../../test/support/temporaryDirectory';
import { JourneyTemplateStore } from './journeyTemplateStore';

const ORG = 'versioned-streams';
const line = (hours: number) => ({ line: 'profile-definition' as const, hours, hourlyRate: 50, outOfPocket: 0 });

describe('versioned streams: version n at revision n-1, the content in the event id', () => {
  const directory = temporaryDirectory('versioned-streams');
  let events: SqliteEventStore;

  beforeEach(() => {
    events = new SqliteEventStore(directory.file('events.sqlite'));
  });
  afterEach(() => events.close());

  it('saves the next version, answers the newest again with what is stored, and refuses any other', async () => {
    const settings = new CostSettingsStore(events);
    expect(await settings.save(ORG, 1, { lines: [line(2)] }, 'hr:anna')).toMatchObject({ version: 1 });
    expect(await settings.save(ORG, 2, { lines: [line(3)] }, 'hr:anna')).toMatchObject({ version: 2 });
    // A retry of version 2: the stored one, saved by whom it was.
    expect(await settings.save(ORG, 2, { lines: [line(3)] }, 'hr:bob')).toMatchObject({
      version: 2,
      lines: [line(3)],
      savedBy: 'hr:anna',
    });
    for (const [version, hours] of [
      [2, 4],
      [1, 3],
      [4, 3],
    ] as const) {
      await expect(settings.save(ORG, version, { lines: [line(hours)] }, 'hr:anna')).rejects.toEqual(
        new CostSettingsVersionConflictError(2),
      );
    }
  });

  it('lets one of two saves of the same version win; the other is a conflict with the winner', async () => {
    const settings = new CostSettingsStore(events);
    const outcomes = await Promise.allSettled([
      settings.save(ORG, 1, { lines: [line(2)] }, 'hr:anna'),
      settings.save(ORG, 1, { lines: [line(5)] }, 'hr:bob'),
    ]);
    expect(outcomes.map((outcome) => outcome.status).sort()).toEqual(['fulfilled', 'rejected']);
    const lost = outcomes.find((outcome) => outcome.status === 'rejected')!;
    expect(lost.reason).toEqual(new CostSettingsVersionConflictError(1));
    expect((await settings.latest(ORG)).version).toBe(1);
  });

  it('drops a template version published again with the same content, and refuses one with other content', async () => {
    const templates = new JourneyTemplateStore(events);
    const first = { ...rivierenlandTemplate, organisationId: ORG, version: 1 };
    await templates.publish(first, 'hr:anna');
    await templates.publish(first, 'hr:anna');
    expect(await templates.publishedVersion(ORG, first.id)).toBe(1);
    await expect(templates.publish({ ...first, name: 'Anders' }, 'hr:bob')).rejects.toBeInstanceOf(
      WrongExpectedRevisionError,
    );
    expect(await templates.published(ORG, first.id, 1)).toEqual(first);
  });
});
