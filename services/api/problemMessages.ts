/** What a person reads when a request fails: Dutch by default, English when the client prefers it. */
export type Language = 'nl' | 'en';

export type ProblemKind =
  | 'invalid-request'
  | 'malformed-json'
  | 'unsupported-media-type'
  | 'payload-too-large'
  | 'hire-exists'
  | 'idempotency-key-reused'
  | 'hire-not-found'
  | 'route-not-found'
  | 'temporal-unavailable'
  | 'internal-error';

type Text = (params: Record<string, string>) => string;
interface Wording {
  readonly title: string;
  readonly detail: Text;
}

export const problemWording: Record<ProblemKind, Record<Language, Wording>> = {
  'invalid-request': {
    nl: { title: 'Ongeldig verzoek', detail: () => 'Het verzoek klopt niet met het contract; zie "errors" voor wat er mis is.' },
    en: { title: 'Invalid request', detail: () => 'The request does not match the contract; see "errors" for what is wrong.' },
  },
  'malformed-json': {
    nl: { title: 'Onleesbare JSON', detail: () => 'De body is geen geldige JSON.' },
    en: { title: 'Malformed JSON', detail: () => 'The body is not valid JSON.' },
  },
  'unsupported-media-type': {
    nl: { title: 'Verkeerd formaat', detail: () => 'Stuur de body als application/json.' },
    en: { title: 'Unsupported media type', detail: () => 'Send the body as application/json.' },
  },
  'payload-too-large': {
    nl: { title: 'Verzoek te groot', detail: (p) => `De body mag hoogstens ${p.limit} zijn.` },
    en: { title: 'Payload too large', detail: (p) => `The body may be at most ${p.limit}.` },
  },
  'hire-exists': {
    nl: {
      title: 'Medewerker bestaat al',
      detail: (p) => `Voor nieuwe medewerker "${p.hireId}" loopt al een traject met andere gegevens; er is niets gewijzigd.`,
    },
    en: {
      title: 'Hire already exists',
      detail: (p) => `A journey for hire "${p.hireId}" already exists with different data; nothing was changed.`,
    },
  },
  'idempotency-key-reused': {
    nl: {
      title: 'Idempotency-Key al gebruikt',
      detail: () => 'Deze Idempotency-Key hoort bij een ander verzoek; kies een nieuwe sleutel voor een nieuwe medewerker.',
    },
    en: {
      title: 'Idempotency-Key reused',
      detail: () => 'This Idempotency-Key belongs to another request; choose a new key for a new hire.',
    },
  },
  'hire-not-found': {
    nl: { title: 'Medewerker niet gevonden', detail: (p) => `Er is geen traject voor nieuwe medewerker "${p.hireId}".` },
    en: { title: 'Hire not found', detail: (p) => `There is no journey for hire "${p.hireId}".` },
  },
  'route-not-found': {
    nl: { title: 'Niet gevonden', detail: (p) => `${p.method} ${p.path} bestaat niet in deze API.` },
    en: { title: 'Not found', detail: (p) => `${p.method} ${p.path} does not exist in this API.` },
  },
  'temporal-unavailable': {
    nl: { title: 'Tijdelijk niet beschikbaar', detail: () => 'De trajectmotor (Temporal) antwoordt niet; probeer het zo opnieuw.' },
    en: { title: 'Temporarily unavailable', detail: () => 'The journey engine (Temporal) does not answer; try again shortly.' },
  },
  'internal-error': {
    nl: { title: 'Interne fout', detail: () => 'Er ging iets mis aan onze kant; het is gelogd.' },
    en: { title: 'Internal error', detail: () => 'Something went wrong on our side; it has been logged.' },
  },
};

/** Ajv's keywords in words a person understands; the pointer says where. */
export function describeSchemaError(
  language: Language,
  error: { keyword: string; message?: string; params: Record<string, unknown> },
): string {
  const p = error.params;
  const nl: Record<string, () => string> = {
    required: () => `"${String(p.missingProperty)}" ontbreekt`,
    additionalProperties: () => `onbekend veld "${String(p.additionalProperty)}"`,
    type: () => `moet van het type ${String(p.type)} zijn`,
    format: () => (p.format === 'date' ? 'moet een datum zijn als JJJJ-MM-DD' : `moet het formaat ${String(p.format)} hebben`),
    pattern: () => 'alleen letters, cijfers, "_" en "-", beginnend met een letter of cijfer, hoogstens 64 tekens',
    minLength: () => `moet minstens ${String(p.limit)} teken(s) lang zijn`,
    maxLength: () => `mag hoogstens ${String(p.limit)} tekens lang zijn`,
    enum: () => `moet een van deze waarden zijn: ${(p.allowedValues as unknown[]).join(', ')}`,
  };
  if (language === 'nl' && nl[error.keyword]) return nl[error.keyword]!();
  return error.message ?? error.keyword;
}
