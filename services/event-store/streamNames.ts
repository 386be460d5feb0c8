/**
 * Stream naming. EventStoreDB's category is the part before the first '-', so every hire stream is in
 * category `hire`; organisation and hire ids never contain '.', which keeps the two apart.
 */
export const HIRE_STREAM_PREFIX = 'hire-';

export interface HireRef {
  readonly organisationId: string;
  readonly hireId: string;
}

export function hireStreamName({ organisationId, hireId }: HireRef): string {
  return `${HIRE_STREAM_PREFIX}${organisationId}.${hireId}`;
}

export function parseHireStreamName(streamName: string): HireRef | undefined {
  const parts = organisationAndId(HIRE_STREAM_PREFIX, streamName);
  return parts && { organisationId: parts[0], hireId: parts[1] };
}

/** The organisation and the id of a stream named `<prefix><organisation>.<id>`; undefined for any other name. */
function organisationAndId(prefix: string, streamName: string): [string, string] | undefined {
  if (!streamName.startsWith(prefix)) return undefined;
  const [organisationId, id, ...rest] = streamName.slice(prefix.length).split('.');
  if (!organisationId || !id || rest.length > 0) return undefined;
  return [organisationId, id];
}

/** A survey wave's own stream: released batches and the wave's closing, counts only (services/survey). */
export const SURVEY_WAVE_STREAM_PREFIX = 'surveywave-';

export interface SurveyWaveRef {
  readonly organisationId: string;
  readonly waveId: string;
}

export function surveyWaveStreamName({ organisationId, waveId }: SurveyWaveRef): string {
  return `${SURVEY_WAVE_STREAM_PREFIX}${organisationId}.${waveId}`;
}

export function parseSurveyWaveStreamName(streamName: string): SurveyWaveRef | undefined {
  const parts = organisationAndId(SURVEY_WAVE_STREAM_PREFIX, streamName);
  return parts && { organisationId: parts[0], waveId: parts[1] };
}

/**
 * Who is responsible for which survey topic, per organisation (services/survey/surveyTopicOwnersStore.ts). Person
 * references only; outside the published prefixes, so it never leaves the system.
 */
export function surveyTopicOwnersStreamName(organisationId: string): string {
  return `surveytopicowners-${organisationId}`;
}

/**
 * The yearly analyses of an organisation's surveys and the follow-up tasks they opened, in one stream per
 * organisation (services/survey/surveyYearAnalysis.ts): one stream, so that "analysed once per questionnaire and
 * year" is decided against everything analysed before, under one expected revision. Aggregates only.
 */
export function surveyFollowUpStreamName(organisationId: string): string {
  return `surveyfollowup-${organisationId}`;
}

/** Idempotency keys of the API are claimed in their own streams, outside the hire category. */
export function idempotencyStreamName(organisationId: string, keyDigest: string): string {
  return `idempotency-${organisationId}.${keyDigest}`;
}

/** The later journeys of a person who left and was rehired, in a stream per earlier hire, outside the hire category. */
export function rehireStreamName({ organisationId, hireId }: HireRef): string {
  return `rehires-${organisationId}.${hireId}`;
}
