import type { RecordedEvent } from '../event-store/eventStore';
import { csvField, historyCsv, historyRecordOf } from './historyRecords';

const event: RecordedEvent = {
  id: '5f0c6a8e-0000-4000-8000-000000000001',
  type: 'CandidateWithdrawn',
  streamName: 'hire-org.h-1',
  revision: 3n,
  position: { commit: 9n, prepare: 9n },
  recordedAt: new Date('2026-02-01T07:00:01.000Z'),
  data: { organisationId: 'org', hireId: 'h-1', reason: 'Andere baan, "dichter bij huis"\nzei ze' },
  metadata: {
    actor: 'hr:anna',
    occurredAt: '2026-02-01T07:00:00.000Z',
    correlationId: 'wf',
    causationId: 'update:1',
    schemaVersion: 1,
  },
};

describe("a hire's history for the auditor", () => {
  it('lifts who, when and caused-by-what out of the metadata', () => {
    expect(historyRecordOf(event)).toEqual({
      revision: 3,
      id: event.id,
      type: 'CandidateWithdrawn',
      occurredAt: '2026-02-01T07:00:00.000Z',
      recordedAt: '2026-02-01T07:00:01.000Z',
      actor: 'hr:anna',
      correlationId: 'wf',
      causationId: 'update:1',
      data: event.data,
      metadata: event.metadata,
    });
    expect(Object.keys(historyRecordOf({ ...event, metadata: {} }))).toEqual([
      'revision',
      'id',
      'type',
      'recordedAt',
      'data',
      'metadata',
    ]);
  });

  it('quotes a CSV field only when RFC 4180 asks for it, doubling its quotes', () => {
    expect(csvField('plain')).toBe('plain');
    expect(csvField('a,b')).toBe('"a,b"');
    expect(csvField('say "hi"')).toBe('"say ""hi"""');
    expect(csvField('two\r\nlines')).toBe('"two\r\nlines"');
  });

  it('writes a header and one CRLF-terminated record per event, the data as JSON', () => {
    const csv = historyCsv([historyRecordOf(event), historyRecordOf({ ...event, revision: 4n, metadata: {} })]);
    const lines = csv.split('\r\n');
    expect(lines[0]).toBe('revision,id,type,occurredAt,recordedAt,actor,correlationId,causationId,data');
    expect(lines[1]).toBe(
      `3,${event.id},CandidateWithdrawn,2026-02-01T07:00:00.000Z,2026-02-01T07:00:01.000Z,hr:anna,wf,update:1,` +
        '"{""organisationId"":""org"",""hireId"":""h-1"",""reason"":""Andere baan, \\""dichter bij huis\\""\\nzei ze""}"',
    );
    expect(lines[2]).toMatch(/^4,[^,]+,CandidateWithdrawn,,2026-02-01T07:00:01.000Z,,,,"\{/);
    expect(lines[3]).toBe('');
  });
});
