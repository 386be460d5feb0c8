import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import Ajv2020, { type ErrorObject, type ValidateFunction } from 'ajv/dist/2020';
import addFormats from 'ajv-formats';

/** `<Type>.v<N>.json` is an event schema; any other JSON file in the folder is a shared part (`$ref` target). */
const EVENT_SCHEMA_FILE = /^([A-Z][A-Za-z0-9]*)\.v([1-9][0-9]*)\.json$/;
const ENVELOPE_FILE = 'envelope.json';
/** What of the envelope a stream outside the hire category may carry (organisationId, actor…), none of it required. */
const PARTIAL_ENVELOPE_FILE = 'partialEnvelope.json';

/**
 * contracts/events from the source tree (services/event-store) and from the build (dist/services/event-store,
 * when the build copies contracts/events beside it, or the repo's own folder two levels further up).
 */
const CANDIDATE_DIRECTORIES = [join(__dirname, '../../contracts/events'), join(__dirname, '../../../contracts/events')];

export interface SchemaViolation {
  /** JSON pointer into the event as a whole: `/data/startDate`, `/metadata/actor`, `/type`. */
  readonly pointer: string;
  readonly message: string;
}

/**
 * Every event type's JSON Schema, by version. A new event type needs only its file in contracts/events;
 * the folder is read whole, so nothing else has to be told about it.
 */
export class EventSchemas {
  private readonly ajv = new Ajv2020({ allErrors: true, strict: true });
  private readonly validators = new Map<string, Map<number, ValidateFunction>>();
  private envelope: ValidateFunction | undefined;
  private partialEnvelope: ValidateFunction | undefined;

  constructor() {
    addFormats(this.ajv);
  }

  static fromDirectory(directory: string = defaultDirectory()): EventSchemas {
    const schemas = new EventSchemas();
    const files = readdirSync(directory)
      .filter((file) => file.endsWith('.json'))
      .sort();
    // Shared parts first: an event schema compiles only once everything it refers to is known.
    for (const file of files) schemas.ajv.addSchema(readSchema(directory, file));
    for (const file of files) {
      const match = EVENT_SCHEMA_FILE.exec(file);
      if (match) schemas.register(match[1]!, Number(match[2]), readSchema(directory, file));
    }
    if (files.includes(ENVELOPE_FILE))
      schemas.envelope = schemas.ajv.getSchema(idOf(readSchema(directory, ENVELOPE_FILE))!);
    if (files.includes(PARTIAL_ENVELOPE_FILE)) {
      schemas.partialEnvelope = schemas.ajv.getSchema(idOf(readSchema(directory, PARTIAL_ENVELOPE_FILE))!);
    }
    return schemas;
  }

  /** For schemas that live outside contracts/, such as a test's own event types. */
  register(type: string, version: number, schema: object): this {
    const id = idOf(schema);
    const validate = (id && this.ajv.getSchema(id)) || this.ajv.compile(schema);
    const versions = this.validators.get(type) ?? new Map<number, ValidateFunction>();
    versions.set(version, validate);
    this.validators.set(type, versions);
    return this;
  }

  knows(type: string, version: number): boolean {
    return this.validators.get(type)?.has(version) ?? false;
  }

  latestVersion(type: string): number | undefined {
    const versions = this.validators.get(type);
    return versions ? Math.max(...versions.keys()) : undefined;
  }

  types(): ReadonlyMap<string, readonly number[]> {
    return new Map([...this.validators].map(([type, versions]) => [type, [...versions.keys()].sort((a, b) => a - b)]));
  }

  /** Violations of the data schema; throws if the type or version has none, which callers check first. */
  violationsOfData(type: string, version: number, data: unknown): SchemaViolation[] {
    const validate = this.validators.get(type)?.get(version);
    if (!validate) throw new Error(`No schema for ${type} v${version}`);
    return validate(data) ? [] : toViolations('/data', validate.errors);
  }

  /** The full envelope: what every event in a hire stream carries. */
  violationsOfEnvelope(metadata: unknown): SchemaViolation[] {
    if (!this.envelope) throw new Error(`No ${ENVELOPE_FILE} among the event schemas`);
    return this.envelope(metadata) ? [] : toViolations('/metadata', this.envelope.errors);
  }

  /**
   * Metadata outside hire streams (mentor pool, templates, idempotency keys): any envelope field it carries must
   * be valid, none is required, and nothing else may appear. Without partialEnvelope.json nothing is checked.
   */
  violationsOfPartialEnvelope(metadata: unknown): SchemaViolation[] {
    if (!this.partialEnvelope) return [];
    return this.partialEnvelope(metadata) ? [] : toViolations('/metadata', this.partialEnvelope.errors);
  }
}

function defaultDirectory(): string {
  const found = CANDIDATE_DIRECTORIES.find((directory) => existsSync(join(directory, ENVELOPE_FILE)));
  if (!found) throw new Error(`contracts/events not found; looked in ${CANDIDATE_DIRECTORIES.join(', ')}`);
  return found;
}

function readSchema(directory: string, file: string): object {
  const schema = JSON.parse(readFileSync(join(directory, file), 'utf8')) as object;
  // Relative $refs ("identifier.json") resolve against the $id, so a schema without one could not share parts.
  if (!idOf(schema)) throw new Error(`${file} has no $id`);
  return schema;
}

function idOf(schema: object): string | undefined {
  const id = (schema as { $id?: unknown }).$id;
  return typeof id === 'string' ? id : undefined;
}

function toViolations(base: string, errors: ErrorObject[] | null | undefined): SchemaViolation[] {
  return (errors ?? []).map((error) => {
    // Ajv reports a missing or unexpected property at its parent; the property itself is where a reader looks.
    const property =
      error.keyword === 'required' || error.keyword === 'dependentRequired'
        ? (error.params as { missingProperty: string }).missingProperty
        : error.keyword === 'additionalProperties'
          ? (error.params as { additionalProperty: string }).additionalProperty
          : undefined;
    const pointer = `${base}${error.instancePath}${property === undefined ? '' : `/${escapePointer(property)}`}`;
    return { pointer, message: error.message ?? error.keyword };
  });
}

function escapePointer(segment: string): string {
  return segment.replace(/~/g, '~0').replace(/\//g, '~1');
}
