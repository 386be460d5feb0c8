/** A JSON Schema (2020-12) property, as the test schemas below use them. */
type PropertySchema = Readonly<Record<string, unknown>>;

/**
 * The JSON Schema of an object that has exactly these properties: each one required, no other allowed, as the
 * event contracts in contracts/events are written. For schemas that exist only in a test, registered beside the
 * contracts; `$schema` goes on the outermost one only.
 */
export function closedObjectSchema(properties: Readonly<Record<string, PropertySchema>>) {
  return { type: 'object', additionalProperties: false, required: Object.keys(properties), properties };
}

/** The outermost schema of a test event: its dialect, and an object of exactly these properties. */
export function testEventSchema(properties: Readonly<Record<string, PropertySchema>>) {
  return { $schema: 'https://json-schema.org/draft/2020-12/schema', ...closedObjectSchema(properties) };
}
