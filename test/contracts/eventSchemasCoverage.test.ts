import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { EventSchemas } from '../../services/event-store/eventSchemas';
import { EXIT_REASONS, RETENTION_FACTORS } from '../../workflows/domain/exitReasons';
import { MILESTONE_KINDS, OWNER_ROLES } from '../../workflows/domain/journeyTemplate';
import { NOT_EVENT_TYPES, REPO_ROOT, appendedEventTypes } from './appendedEventTypes';

const CONTRACTS = join(REPO_ROOT, 'contracts/events');
const schemaFile = (file: string): Record<string, unknown> => JSON.parse(readFileSync(join(CONTRACTS, file), 'utf8'));

describe('every event type the code appends has a contract in contracts/events', () => {
  const appended = appendedEventTypes();
  const schemas = EventSchemas.fromDirectory(CONTRACTS);

  it('finds the event types where the journey, the mentor pool, the templates and the API build them', () => {
    // A guard on the scan itself: if it found nothing, the next test would pass for nothing.
    expect(appended.map((found) => found.type)).toEqual(
      expect.arrayContaining([
        'HireRegistered',
        'JourneyStarted',
        'TaskReminderSent',
        'MentorRequested',
        'ExitInterviewHeld',
        'JourneyEnded',
        'MentorOffered',
        'MentorAssigned',
        'MentorReleased',
        'JourneyTemplatePublished',
        'IdempotencyKeyClaimed',
      ]),
    );
  });

  it('has a schema for each of them', () => {
    const missing = appended
      .filter((found) => schemas.latestVersion(found.type) === undefined)
      .map(
        (found) => `${found.type} (appended at ${found.places.join(', ')}): add contracts/events/${found.type}.v1.json`,
      );
    expect(missing).toEqual([]);
  });

  it('lists as "not an event type" only literals that still exist in the code', () => {
    for (const [type, where] of NOT_EVENT_TYPES) {
      const file = where.split(':')[0]!;
      expect(`${type} in ${file}: ${readFileSync(join(REPO_ROOT, file), 'utf8').includes(`'${type}'`)}`).toBe(
        `${type} in ${file}: true`,
      );
    }
  });
});

describe('the contracts use the same codes as the domain', () => {
  it('owner roles', () => {
    expect(schemaFile('ownerRole.json').enum).toEqual([...OWNER_ROLES]);
  });

  it('milestone kinds', () => {
    const kind = (schemaFile('milestone.json').properties as Record<string, { enum: string[] }>).kind!;
    expect(kind.enum).toEqual([...MILESTONE_KINDS]);
  });

  it('exit reasons and what would have kept the leaver', () => {
    const properties = schemaFile('ExitInterviewHeld.v1.json').properties as Record<
      string,
      { items: { enum: string[] } }
    >;
    expect(properties.reasons!.items.enum).toEqual(EXIT_REASONS.map((reason) => reason.code));
    expect(properties.wouldHaveKept!.items.enum).toEqual(RETENTION_FACTORS.map((factor) => factor.code));
  });
});
