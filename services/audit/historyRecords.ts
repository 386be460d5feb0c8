import type { JsonObject, RecordedEvent } from '../event-store/eventStore';

/**
 * One event of a hire's history as the auditor reads it: the stored event plus its attribution lifted out of the
 * metadata — who (actor), when it happened and when it was recorded, caused by what (correlation, causation).
 */
export interface HistoryRecord {
  readonly revision: number;
  readonly id: string;
  readonly type: string;
  readonly occurredAt?: string;
  readonly recordedAt: string;
  readonly actor?: string;
  readonly correlationId?: string;
  readonly causationId?: string;
  readonly data: JsonObject;
  readonly metadata: JsonObject;
}

export function historyRecordOf(event: RecordedEvent, data: JsonObject = event.data): HistoryRecord {
  const attribution = (key: string) => {
    const value = event.metadata[key];
    return typeof value === 'string' && value !== '' ? { [key]: value } : {};
  };
  return {
    revision: Number(event.revision),
    id: event.id,
    type: event.type,
    ...attribution('occurredAt'),
    recordedAt: event.recordedAt.toISOString(),
    ...attribution('actor'),
    ...attribution('correlationId'),
    ...attribution('causationId'),
    data,
    metadata: event.metadata,
  };
}

export const HISTORY_CSV_COLUMNS = [
  'revision',
  'id',
  'type',
  'occurredAt',
  'recordedAt',
  'actor',
  'correlationId',
  'causationId',
  'data',
] as const;

/**
 * RFC 4180: CRLF between records, a header record, and a field in double quotes when it holds a comma, a double
 * quote, CR or LF, with each double quote inside doubled. The data column is the event's data as JSON.
 */
export function historyCsv(records: readonly HistoryRecord[]): string {
  const rows = records.map((record) =>
    [
      String(record.revision),
      record.id,
      record.type,
      record.occurredAt ?? '',
      record.recordedAt,
      record.actor ?? '',
      record.correlationId ?? '',
      record.causationId ?? '',
      JSON.stringify(record.data),
    ]
      .map(csvField)
      .join(','),
  );
  return [HISTORY_CSV_COLUMNS.join(','), ...rows].map((row) => `${row}\r\n`).join('');
}

export function csvField(value: string): string {
  return /[",\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}
