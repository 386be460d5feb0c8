/**
 * Stream naming. EventStoreDB's category is the part before the first '-', so every hire stream is in
 * category `hire`; organisation and hire ids never contain '.', which keeps the two apart.
 */
export const HIRE_STREAM_PREFIX = 'hire-';

export type HireRef = OrganisationStreamRef<'hireId'>;

const hireStreams = organisationStreams(HIRE_STREAM_PREFIX, 'hireId');
export const hireStreamName = hireStreams.name;
export const parseHireStreamName = hireStreams.parse;

/** A survey wave's own stream: released batches and the wave's closing, counts only (services/survey). */
export const SURVEY_WAVE_STREAM_PREFIX = 'surveywave-';

export type SurveyWaveRef = OrganisationStreamRef<'waveId'>;

const surveyWaveStreams = organisationStreams(SURVEY_WAVE_STREAM_PREFIX, 'waveId');
export const surveyWaveStreamName = surveyWaveStreams.name;
export const parseSurveyWaveStreamName = surveyWaveStreams.parse;

/** What names a stream `<prefix><organisation>.<id>`: the organisation and the id under `Key`. */
type OrganisationStreamRef<Key extends string> = { readonly organisationId: string } & { readonly [K in Key]: string };

/** The name of a `<prefix><organisation>.<id>` stream, and the reference back from a name: undefined for any other. */
function organisationStreams<Key extends string>(prefix: string, key: Key) {
  type Ref = OrganisationStreamRef<Key>;
  return {
    name: (ref: Ref): string => `${prefix}${ref.organisationId}.${ref[key]}`,
    parse: (streamName: string): Ref | undefined => {
      if (!streamName.startsWith(prefix)) return undefined;
      const [organisationId, id, ...rest] = streamName.slice(prefix.length).split('.');
      if (!organisationId || !id || rest.length > 0) return undefined;
      return { organisationId, [key]: id } as Ref;
    },
  };
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
