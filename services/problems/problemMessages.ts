import { planChangeMessage, unpackRefusal } from './planChangeMessages';
import { rejectionDetail } from './rejectionProblems';

/** What a person reads when a request fails: Dutch by default, English when the client prefers it. */
export type Language = 'nl' | 'en';

export type ProblemKind =
  | 'invalid-request'
  | 'date-outside-planning-window'
  | 'malformed-json'
  | 'unsupported-media-type'
  | 'unsupported-charset'
  | 'unsupported-content-encoding'
  | 'unreadable-body'
  | 'malformed-url'
  | 'method-not-allowed'
  | 'malformed-http'
  | 'headers-too-large'
  | 'request-timeout'
  | 'payload-too-large'
  | 'hire-exists'
  | 'idempotency-key-reused'
  | 'hire-not-found'
  | 'journey-command-rejected'
  | 'journey-ended'
  | 'journey-command-unsupported'
  | 'command-idempotency-key-reused'
  | 'template-not-found'
  | 'template-version-not-found'
  | 'template-exists'
  | 'template-version-conflict'
  | 'invalid-journey-template'
  | 'vacancy-profile-not-found'
  | 'vacancy-profile-version-conflict'
  | 'cost-settings-version-conflict'
  | 'invalid-cost-settings'
  | 'team-nudge-thresholds-version-conflict'
  | 'webhook-not-found'
  | 'webhook-url-not-allowed'
  | 'webhook-url-unresolvable'
  | 'route-not-found'
  | 'read-only-role'
  | 'unauthenticated'
  | 'too-many-failed-authentications'
  | 'forbidden'
  | 'organisation-forbidden'
  | 'task-not-yours'
  | 'identity-provider-unavailable'
  | 'key-store-unavailable'
  | 'database-unavailable'
  | 'api-key-not-found'
  | 'magic-link-invalid'
  | 'magic-link-expired'
  | 'magic-link-used'
  | 'survey-link-invalid'
  | 'team-welcome-link-invalid'
  | 'team-welcome-link-expired'
  | 'survey-link-expired'
  | 'survey-link-spent'
  | 'invalid-survey-answers'
  | 'questionnaire-not-found'
  | 'questionnaire-version-conflict'
  | 'invalid-questionnaire'
  | 'survey-wave-not-found'
  | 'survey-open-answer-not-found'
  | 'invalid-survey-topic-owners'
  | 'survey-year-analysis-not-found'
  | 'survey-year-not-over'
  | 'survey-topic-task-not-found'
  | 'mentor-not-found'
  | 'api-key-already-issued'
  | 'hire-not-found-as-of'
  | 'temporal-unavailable'
  | 'not-ready'
  | 'internal-error'
  | 'rehire-of-unknown-hire'
  | 'rehire-of-current-hire'
  | 'invalid-exit-questionnaire-answer'
  | 'coffee-moment-in-the-past'
  | 'coffee-moment-outside-working-hours'
  | 'plan-change-refused'
  | 'hire-without-vacancy-profile';

type Text = (params: Record<string, string>) => string;
interface Wording {
  readonly title: string;
  readonly detail: Text;
}

export const problemWording: Record<ProblemKind, Record<Language, Wording>> = {
  'invalid-request': {
    nl: {
      title: 'Ongeldig verzoek',
      detail: () => 'Het verzoek klopt niet met het contract; zie "errors" voor wat er mis is.',
    },
    en: {
      title: 'Invalid request',
      detail: () => 'The request does not match the contract; see "errors" for what is wrong.',
    },
  },
  'date-outside-planning-window': {
    nl: {
      title: 'Datum buiten het planbare venster',
      detail: (p) =>
        `Een traject plant alleen met data van ${p.earliest} tot en met ${p.latest} (vijf jaar voor en na vandaag); zie "errors" voor de datum die erbuiten valt. Er is niets opgeslagen.`,
    },
    en: {
      title: 'Date outside the planning window',
      detail: (p) =>
        `A journey plans only with dates from ${p.earliest} through ${p.latest} (five years either side of today); see "errors" for the date outside it. Nothing was stored.`,
    },
  },
  'malformed-json': {
    nl: { title: 'Onleesbare JSON', detail: () => 'De body is geen geldige JSON.' },
    en: { title: 'Malformed JSON', detail: () => 'The body is not valid JSON.' },
  },
  'unsupported-media-type': {
    nl: { title: 'Verkeerd formaat', detail: () => 'Stuur de body als application/json.' },
    en: { title: 'Unsupported media type', detail: () => 'Send the body as application/json.' },
  },
  'unsupported-charset': {
    nl: { title: 'Verkeerde tekenset', detail: (p) => `De body is in ${p.charset}; stuur hem in UTF-8.` },
    en: { title: 'Unsupported charset', detail: (p) => `The body is in ${p.charset}; send it in UTF-8.` },
  },
  'unsupported-content-encoding': {
    nl: {
      title: 'Onbekende codering',
      detail: (p) =>
        `Content-Encoding "${p.encoding}" wordt niet ondersteund; stuur de body zonder, of met ${p.accepted}.`,
    },
    en: {
      title: 'Unsupported content encoding',
      detail: (p) => `Content-Encoding "${p.encoding}" is not supported; send the body without, or with ${p.accepted}.`,
    },
  },
  'unreadable-body': {
    nl: {
      title: 'Onleesbare body',
      detail: () =>
        'De body kon niet worden gelezen zoals de headers hem beschrijven (Content-Encoding, Content-Length).',
    },
    en: {
      title: 'Unreadable body',
      detail: () => 'The body could not be read as its headers describe it (Content-Encoding, Content-Length).',
    },
  },
  'malformed-url': {
    nl: { title: 'Onleesbaar adres', detail: () => 'Het pad bevat een %-codering die geen geldige UTF-8 is.' },
    en: { title: 'Malformed URL', detail: () => 'The path holds a %-encoding that is not valid UTF-8.' },
  },
  'method-not-allowed': {
    nl: {
      title: 'Methode niet toegestaan',
      detail: (p) =>
        p.allow ? `${p.method} kan niet op ${p.path}; wel: ${p.allow}.` : `${p.method} kan nergens in deze API.`,
    },
    en: {
      title: 'Method not allowed',
      detail: (p) =>
        p.allow
          ? `${p.method} is not allowed on ${p.path}; allowed: ${p.allow}.`
          : `${p.method} is allowed nowhere in this API.`,
    },
  },
  'malformed-http': {
    nl: {
      title: 'Onleesbaar verzoek',
      detail: () => 'Het verzoek houdt zich niet aan HTTP/1.1 (RFC 9112) en is niet gelezen.',
    },
    en: {
      title: 'Malformed HTTP request',
      detail: () => 'The request does not follow HTTP/1.1 (RFC 9112) and was not read.',
    },
  },
  'headers-too-large': {
    nl: { title: 'Headers te groot', detail: (p) => `De headers van het verzoek zijn samen groter dan ${p.limit}.` },
    en: { title: 'Headers too large', detail: (p) => `The request's headers are larger than ${p.limit} together.` },
  },
  'request-timeout': {
    nl: { title: 'Verzoek te traag', detail: () => 'Het verzoek kwam niet op tijd helemaal binnen.' },
    en: { title: 'Request timeout', detail: () => 'The request did not arrive in full in time.' },
  },
  'payload-too-large': {
    nl: { title: 'Verzoek te groot', detail: (p) => `De body mag hoogstens ${p.limit} zijn.` },
    en: { title: 'Payload too large', detail: (p) => `The body may be at most ${p.limit}.` },
  },
  'hire-exists': {
    nl: {
      title: 'Medewerker bestaat al',
      detail: (p) =>
        `Voor nieuwe medewerker "${p.hireId}" loopt al een traject met andere gegevens; er is niets gewijzigd.`,
    },
    en: {
      title: 'Hire already exists',
      detail: (p) => `A journey for hire "${p.hireId}" already exists with different data; nothing was changed.`,
    },
  },
  'idempotency-key-reused': {
    nl: {
      title: 'Idempotency-Key al gebruikt',
      detail: () =>
        'Deze Idempotency-Key hoort bij een ander verzoek; kies een nieuwe sleutel voor een nieuwe medewerker.',
    },
    en: {
      title: 'Idempotency-Key reused',
      detail: () => 'This Idempotency-Key belongs to another request; choose a new key for a new hire.',
    },
  },
  'hire-not-found': {
    nl: {
      title: 'Medewerker niet gevonden',
      detail: (p) => `Er is geen traject voor nieuwe medewerker "${p.hireId}".`,
    },
    en: { title: 'Hire not found', detail: (p) => `There is no journey for hire "${p.hireId}".` },
  },
  'journey-command-rejected': {
    // The journey says why with a code and values (its validator knows the state the request ran into); the
    // words are the journey's rejection catalogue, workflows/domain/journey/journeyRejections.ts.
    nl: { title: 'Niet uitgevoerd', detail: (p) => rejectionDetail(p, 'nl') },
    en: { title: 'Command rejected', detail: (p) => rejectionDetail(p, 'en') },
  },
  'journey-command-unsupported': {
    nl: {
      title: 'Kan deze reis nog niet',
      detail: (p) =>
        `De reis van nieuwe medewerker "${p.hireId}" is begonnen vóór deze opdracht bestond en loopt door volgens de regels van toen; die regels kennen deze opdracht niet, dus er is niets vastgelegd.`,
    },
    en: {
      title: 'Not possible for this journey yet',
      detail: (p) =>
        `The journey of hire "${p.hireId}" began before this command existed and runs on the rules of that time; those rules do not know this command, so nothing was recorded.`,
    },
  },
  'journey-ended': {
    nl: {
      title: 'Reis afgesloten',
      detail: (p) => `De reis van nieuwe medewerker "${p.hireId}" is afgesloten; er valt niets meer te wijzigen.`,
    },
    en: {
      title: 'Journey ended',
      detail: (p) => `The journey of hire "${p.hireId}" has ended; nothing can be changed any more.`,
    },
  },
  'command-idempotency-key-reused': {
    nl: {
      title: 'Idempotency-Key al gebruikt',
      detail: () =>
        'Deze Idempotency-Key hoort bij een ander verzoek voor deze medewerker; kies een nieuwe sleutel per opdracht.',
    },
    en: {
      title: 'Idempotency-Key reused',
      detail: () => 'This Idempotency-Key belongs to another request for this hire; choose a new key per command.',
    },
  },
  'template-not-found': {
    nl: {
      title: 'Sjabloon niet gevonden',
      detail: (p) => `Er is geen reissjabloon "${p.templateId}" voor deze organisatie.`,
    },
    en: {
      title: 'Template not found',
      detail: (p) => `There is no journey template "${p.templateId}" for this organisation.`,
    },
  },
  'template-version-not-found': {
    nl: {
      title: 'Versie niet gevonden',
      detail: (p) => `Reissjabloon "${p.templateId}" heeft geen gepubliceerde versie ${p.version}.`,
    },
    en: {
      title: 'Version not found',
      detail: (p) => `Journey template "${p.templateId}" has no published version ${p.version}.`,
    },
  },
  'template-exists': {
    nl: {
      title: 'Sjabloon bestaat al',
      detail: (p) =>
        `Reissjabloon "${p.templateId}" bestaat al (versie ${p.version}); publiceer een nieuwe versie met PUT.`,
    },
    en: {
      title: 'Template exists',
      detail: (p) =>
        `Journey template "${p.templateId}" already exists (version ${p.version}); publish a new version with PUT.`,
    },
  },
  'template-version-conflict': {
    nl: {
      title: 'Verouderde versie',
      detail: (p) =>
        `De nieuwste gepubliceerde versie van "${p.templateId}" is ${p.latest}; de volgende is versie ${p.next}. Haal het sjabloon opnieuw op en pas het daarop aan.`,
    },
    en: {
      title: 'Stale version',
      detail: (p) =>
        `The newest published version of "${p.templateId}" is ${p.latest}; the next is version ${p.next}. Fetch the template again and edit that.`,
    },
  },
  'vacancy-profile-not-found': {
    nl: {
      title: 'Vacatureprofiel niet gevonden',
      detail: (p) => `Er is geen vacatureprofiel "${p.profileId}" voor deze organisatie.`,
    },
    en: {
      title: 'Vacancy profile not found',
      detail: (p) => `There is no vacancy profile "${p.profileId}" for this organisation.`,
    },
  },
  'vacancy-profile-version-conflict': {
    nl: {
      title: 'Verouderde versie',
      detail: (p) =>
        `De nieuwste versie van vacatureprofiel "${p.profileId}" is ${p.latest}; de volgende is versie ${p.next}. Haal het profiel opnieuw op en pas het daarop aan.`,
    },
    en: {
      title: 'Stale version',
      detail: (p) =>
        `The newest version of vacancy profile "${p.profileId}" is ${p.latest}; the next is version ${p.next}. Fetch the profile again and edit that.`,
    },
  },
  'cost-settings-version-conflict': {
    nl: {
      title: 'Verouderde versie',
      detail: (p) =>
        `De nieuwste versie van de kosteninstellingen is ${p.latest}; de volgende is versie ${p.next}. Haal de instellingen opnieuw op en pas die aan.`,
    },
    en: {
      title: 'Stale version',
      detail: (p) =>
        `The newest version of the cost settings is ${p.latest}; the next is version ${p.next}. Fetch the settings again and edit those.`,
    },
  },
  'team-nudge-thresholds-version-conflict': {
    nl: {
      title: 'Verouderde versie',
      detail: (p) =>
        `De nieuwste versie van de drempels voor teamsignalen is ${p.latest}; de volgende is versie ${p.next}. Haal de drempels opnieuw op en pas die aan.`,
    },
    en: {
      title: 'Stale version',
      detail: (p) =>
        `The newest version of the team nudge thresholds is ${p.latest}; the next is version ${p.next}. Fetch the thresholds again and edit those.`,
    },
  },
  'invalid-cost-settings': {
    nl: {
      title: 'Kosteninstellingen kloppen niet',
      detail: () => 'De kosteninstellingen zijn niet opgeslagen; zie "errors" voor wat er aangepast moet worden.',
    },
    en: {
      title: 'Invalid cost settings',
      detail: () => 'The cost settings were not saved; see "errors" for what needs to change.',
    },
  },
  'invalid-journey-template': {
    nl: {
      title: 'Sjabloon klopt niet',
      detail: () => 'Het reissjabloon is niet gepubliceerd; zie "errors" voor wat er aangepast moet worden.',
    },
    en: {
      title: 'Invalid template',
      detail: () => 'The journey template was not published; see "errors" for what needs to change.',
    },
  },
  'route-not-found': {
    nl: { title: 'Niet gevonden', detail: (p) => `${p.method} ${p.path} bestaat niet in deze API.` },
    en: { title: 'Not found', detail: (p) => `${p.method} ${p.path} does not exist in this API.` },
  },
  'read-only-role': {
    nl: { title: 'Alleen lezen', detail: (p) => `De rol "${p.role}" mag lezen en exporteren, maar niets wijzigen.` },
    en: { title: 'Read only', detail: (p) => `The role "${p.role}" may read and export, but change nothing.` },
  },
  unauthenticated: {
    nl: {
      title: 'Niet aangemeld',
      detail: () => 'Stuur een geldige API-sleutel of OIDC-token als "Authorization: Bearer …".',
    },
    en: {
      title: 'Not authenticated',
      detail: () => 'Send a valid API key or OIDC access token as "Authorization: Bearer …".',
    },
  },
  'too-many-failed-authentications': {
    nl: {
      title: 'Te vaak geweigerd',
      detail: (p) =>
        `Vanaf dit adres of met deze sleutel is te vaak een ongeldige aanmelding gestuurd. Wacht ${p.seconds} seconden en probeer het dan opnieuw met geldige gegevens.`,
    },
    en: {
      title: 'Refused too often',
      detail: (p) =>
        `Invalid credentials were sent too often from this address or with this key. Wait ${p.seconds} seconds, then try again with valid credentials.`,
    },
  },
  forbidden: {
    nl: { title: 'Geen toestemming', detail: (p) => `Met de rol ${p.roles} mag dit niet (${p.operation}).` },
    en: { title: 'Forbidden', detail: (p) => `The role ${p.roles} may not do this (${p.operation}).` },
  },
  'organisation-forbidden': {
    nl: {
      title: 'Andere organisatie',
      detail: (p) => `Deze aanmelding hoort niet bij organisatie "${p.organisationId}".`,
    },
    en: {
      title: 'Other organisation',
      detail: (p) => `These credentials do not belong to organisation "${p.organisationId}".`,
    },
  },
  'task-not-yours': {
    nl: { title: 'Niet uw taak', detail: (p) => `Taak "${p.itemId}" staat niet op uw naam.` },
    en: { title: 'Not your task', detail: (p) => `Task "${p.itemId}" is not yours.` },
  },
  'identity-provider-unavailable': {
    nl: {
      title: 'Aanmelddienst onbereikbaar',
      detail: () => 'De aanmelddienst (identiteitsprovider) is nu niet bereikbaar; probeer het zo opnieuw.',
    },
    en: {
      title: 'Identity provider unavailable',
      detail: () => 'The identity provider cannot be reached right now; try again shortly.',
    },
  },
  'key-store-unavailable': {
    nl: {
      title: 'Sleutelopslag onbereikbaar',
      detail: () => 'De opslag van API-sleutels (de database) antwoordt nu niet; probeer het zo opnieuw.',
    },
    en: {
      title: 'Key store unavailable',
      detail: () => 'The API key store (the database) does not answer right now; try again shortly.',
    },
  },
  'database-unavailable': {
    nl: {
      title: 'Database onbereikbaar',
      detail: () => 'De database antwoordt nu niet; probeer het zo opnieuw.',
    },
    en: {
      title: 'Database unavailable',
      detail: () => 'The database does not answer right now; try again shortly.',
    },
  },
  'magic-link-invalid': {
    nl: {
      title: 'Ongeldige link',
      detail: () =>
        'Deze link is niet (helemaal) goed overgenomen of niet van ons. Open de link uit de mail opnieuw, of vraag HR om een nieuwe.',
    },
    en: {
      title: 'Invalid link',
      detail: () =>
        'This link was not copied completely or is not ours. Open the link from the e-mail again, or ask HR for a new one.',
    },
  },
  'magic-link-expired': {
    nl: { title: 'Link verlopen', detail: () => 'Deze link is verlopen. Vraag HR om een nieuwe link.' },
    en: { title: 'Link expired', detail: () => 'This link has expired. Ask HR for a new link.' },
  },
  'magic-link-used': {
    nl: {
      title: 'Link al gebruikt',
      detail: () => 'Deze link is al eens gebruikt en werkt maar één keer. Vraag HR om een nieuwe link.',
    },
    en: {
      title: 'Link already used',
      detail: () => 'This link has been used before and works only once. Ask HR for a new link.',
    },
  },
  'survey-link-invalid': {
    nl: {
      title: 'Ongeldige vragenlijstlink',
      detail: () =>
        'Deze link is niet (helemaal) goed overgenomen of niet van ons. Open de link uit de uitnodiging opnieuw. Er is niets opgeslagen.',
    },
    en: {
      title: 'Invalid survey link',
      detail: () =>
        'This link was not copied completely or is not ours. Open the link from the invitation again. Nothing was stored.',
    },
  },
  'survey-link-expired': {
    nl: {
      title: 'Vragenlijst gesloten',
      detail: () =>
        'Deze vragenlijst kan niet meer worden ingevuld: de link is verlopen of de ronde is gesloten. Er is niets opgeslagen.',
    },
    en: {
      title: 'Survey closed',
      detail: () =>
        'This survey can no longer be answered: the link expired or the round was closed. Nothing was stored.',
    },
  },
  'survey-link-spent': {
    nl: {
      title: 'Al ingevuld',
      detail: () =>
        'Met deze link is de vragenlijst al ingevuld; hij werkt maar één keer. Je eerdere antwoorden zijn bewaard, deze niet.',
    },
    en: {
      title: 'Already answered',
      detail: () =>
        'The survey has already been answered with this link; it works only once. Your earlier answers are kept, these were not stored.',
    },
  },
  'invalid-survey-answers': {
    nl: {
      title: 'Antwoorden niet compleet of ongeldig',
      detail: () =>
        'Niet alle antwoorden kloppen; zie "errors" voor welke vragen. Er is niets opgeslagen en je link werkt nog.',
    },
    en: {
      title: 'Answers incomplete or invalid',
      detail: () =>
        'Some answers are not right; see "errors" for which questions. Nothing was stored and your link still works.',
    },
  },
  'questionnaire-not-found': {
    nl: {
      title: 'Vragenlijst niet gevonden',
      detail: (p) => `Er is geen vragenlijst "${p.questionnaireId}" voor deze organisatie.`,
    },
    en: {
      title: 'Questionnaire not found',
      detail: (p) => `There is no questionnaire "${p.questionnaireId}" for this organisation.`,
    },
  },
  'questionnaire-version-conflict': {
    nl: {
      title: 'Versieconflict',
      detail: (p) =>
        `De nieuwste versie van "${p.questionnaireId}" is ${p.latest}; de volgende is versie ${p.next}. Haal de vragenlijst opnieuw op en pas die aan.`,
    },
    en: {
      title: 'Version conflict',
      detail: (p) =>
        `The newest version of "${p.questionnaireId}" is ${p.latest}; the next is version ${p.next}. Fetch the questionnaire again and edit that.`,
    },
  },
  'invalid-questionnaire': {
    nl: {
      title: 'Ongeldige vragenlijst',
      detail: () => 'De vragenlijst is niet gepubliceerd; zie "errors" voor wat er anders moet.',
    },
    en: {
      title: 'Invalid questionnaire',
      detail: () => 'The questionnaire was not published; see "errors" for what needs to change.',
    },
  },
  'survey-wave-not-found': {
    nl: { title: 'Ronde niet gevonden', detail: (p) => `Deze organisatie heeft geen vragenlijstronde "${p.waveId}".` },
    en: { title: 'Round not found', detail: (p) => `This organisation has no survey round "${p.waveId}".` },
  },
  'survey-open-answer-not-found': {
    nl: {
      title: 'Open antwoord niet gevonden',
      detail: (p) => `In de ronde "${p.waveId}" is geen open antwoord "${p.answerId}" vrijgegeven.`,
    },
    en: {
      title: 'Open answer not found',
      detail: (p) => `In round "${p.waveId}", no open answer "${p.answerId}" was released.`,
    },
  },
  'invalid-survey-topic-owners': {
    nl: {
      title: 'Eigenaren van onderwerpen kloppen niet',
      detail: () => 'De eigenaren zijn niet opgeslagen; zie "errors" voor wat er aangepast moet worden.',
    },
    en: {
      title: 'Invalid topic owners',
      detail: () => 'The owners were not saved; see "errors" for what needs to change.',
    },
  },
  'survey-year-analysis-not-found': {
    nl: {
      title: 'Jaaranalyse niet gevonden',
      detail: (p) => `Voor "${p.questionnaireId}" is over ${p.year} nog geen jaaranalyse gemaakt.`,
    },
    en: {
      title: 'Yearly analysis not found',
      detail: (p) => `No yearly analysis of "${p.questionnaireId}" was made for ${p.year} yet.`,
    },
  },
  'survey-year-not-over': {
    nl: {
      title: 'Jaar nog niet voorbij',
      detail: (p) =>
        `${p.year} is nog niet voorbij. Een jaar wordt één keer geanalyseerd, als al zijn rondes binnen zijn: vanaf 1 januari ${p.next}. Er is niets opgeslagen.`,
    },
    en: {
      title: 'Year not over yet',
      detail: (p) =>
        `${p.year} is not over yet. A year is analysed once, when all its rounds are in: from 1 January ${p.next}. Nothing was stored.`,
    },
  },
  'survey-topic-task-not-found': {
    nl: { title: 'Taak niet gevonden', detail: (p) => `Er is geen vervolgtaak "${p.taskId}" voor u.` },
    en: { title: 'Task not found', detail: (p) => `There is no follow-up task "${p.taskId}" for you.` },
  },
  'mentor-not-found': {
    nl: {
      title: 'Mentor niet gevonden',
      detail: (p) => `"${p.mentorRef}" staat niet in de mentorpool van deze organisatie.`,
    },
    en: { title: 'Mentor not found', detail: (p) => `"${p.mentorRef}" is not in this organisation's mentor pool.` },
  },
  'api-key-not-found': {
    nl: { title: 'API-sleutel onbekend', detail: (p) => `Deze organisatie heeft geen API-sleutel "${p.keyId}".` },
    en: { title: 'API key not found', detail: (p) => `This organisation has no API key "${p.keyId}".` },
  },
  'api-key-already-issued': {
    nl: {
      title: 'Al uitgegeven',
      detail: (p) =>
        `Voor dit verzoek is al API-sleutel "${p.keyId}" uitgegeven; die wordt niet opnieuw getoond. Trek hem in en vraag een nieuwe aan als hij kwijt is.`,
    },
    en: {
      title: 'Already issued',
      detail: (p) =>
        `API key "${p.keyId}" was already issued for this request and is not shown again. Revoke it and issue a new one if it was lost.`,
    },
  },
  'hire-not-found-as-of': {
    nl: {
      title: 'Nog niet ingeschreven',
      detail: (p) => `Op ${p.asOf} was nieuwe medewerker "${p.hireId}" nog niet ingeschreven.`,
    },
    en: { title: 'Not yet registered', detail: (p) => `On ${p.asOf} hire "${p.hireId}" had not been registered yet.` },
  },
  'temporal-unavailable': {
    nl: {
      title: 'Tijdelijk niet beschikbaar',
      detail: () => 'De trajectmotor (Temporal) antwoordt niet; probeer het zo opnieuw.',
    },
    en: {
      title: 'Temporarily unavailable',
      detail: () => 'The journey engine (Temporal) does not answer; try again shortly.',
    },
  },
  'not-ready': {
    nl: { title: 'Niet gereed', detail: (p) => `Geen antwoord van: ${p.away}.` },
    en: { title: 'Not ready', detail: (p) => `No answer from: ${p.away}.` },
  },
  'webhook-not-found': {
    nl: { title: 'Webhook niet gevonden', detail: (p) => `Er is geen webhook-abonnement "${p.subscriptionId}".` },
    en: { title: 'Webhook not found', detail: (p) => `There is no webhook subscription "${p.subscriptionId}".` },
  },
  'webhook-url-not-allowed': {
    nl: {
      title: 'Webhook-adres niet toegestaan',
      detail: (p) =>
        `"${p.host}"${p.address && p.address !== p.host ? ` (${p.address})` : ''} ligt op het eigen netwerk van de server (loopback, link-local, privé of metadata); daar stuurt Soft Landing geen webhooks heen, tenzij de beheerder het in WEBHOOK_ALLOWED_HOSTS toestaat. Er is niets opgeslagen.`,
    },
    en: {
      title: 'Webhook address not allowed',
      detail: (p) =>
        `"${p.host}"${p.address && p.address !== p.host ? ` (${p.address})` : ''} is on the server's own network (loopback, link-local, private or metadata); Soft Landing sends no webhooks there unless the operator allows it in WEBHOOK_ALLOWED_HOSTS. Nothing was saved.`,
    },
  },
  'webhook-url-unresolvable': {
    nl: {
      title: 'Webhook-adres onbekend',
      detail: (p) => `De naam "${p.host}" is niet te vinden (DNS), dus niet te controleren; er is niets opgeslagen.`,
    },
    en: {
      title: 'Webhook host unknown',
      detail: (p) => `The name "${p.host}" does not resolve (DNS), so it cannot be checked; nothing was saved.`,
    },
  },
  'internal-error': {
    nl: { title: 'Interne fout', detail: () => 'Er ging iets mis aan onze kant; het is gelogd.' },
    en: { title: 'Internal error', detail: () => 'Something went wrong on our side; it has been logged.' },
  },
  'rehire-of-unknown-hire': {
    nl: {
      title: 'Eerdere medewerker niet gevonden',
      detail: (p) => `Er is geen eerdere medewerker "${p.rehireOf}" in deze organisatie om opnieuw in dienst te nemen.`,
    },
    en: {
      title: 'Earlier hire not found',
      detail: (p) => `There is no earlier hire "${p.rehireOf}" in this organisation to rehire.`,
    },
  },
  'rehire-of-current-hire': {
    nl: {
      title: 'Nog niet vertrokken',
      detail: (p) =>
        `Medewerker "${p.rehireOf}" is niet vertrokken of teruggetrokken; alleen wie is vertrokken kan opnieuw in dienst komen.`,
    },
    en: {
      title: 'Not left yet',
      detail: (p) => `Hire "${p.rehireOf}" has not left or withdrawn; only someone who left can be rehired.`,
    },
  },
  'invalid-exit-questionnaire-answer': {
    nl: {
      title: 'Antwoord niet compleet of ongeldig',
      detail: () =>
        'Het antwoord klopt nog niet; zie "errors" voor wat er mis is. Er is niets opgeslagen en je link werkt nog.',
    },
    en: {
      title: 'Answer incomplete or invalid',
      detail: () =>
        'The answer is not right yet; see "errors" for what is wrong. Nothing was stored and your link still works.',
    },
  },
  'coffee-moment-in-the-past': {
    nl: {
      title: 'Koffiemoment in het verleden',
      detail: (p) =>
        `Het koffiemoment op ${p.at} is al voorbij; kies een moment dat nog moet komen. Er is niets opgeslagen.`,
    },
    en: {
      title: 'Coffee moment in the past',
      detail: (p) => `The coffee moment at ${p.at} has already passed; choose one still to come. Nothing was stored.`,
    },
  },
  'coffee-moment-outside-working-hours': {
    nl: {
      title: 'Koffiemoment buiten werktijd',
      detail: (p) =>
        `Het koffiemoment op ${p.at} valt buiten werktijd: kies een werkdag (maandag tot en met vrijdag) tussen ${p.from} en ${p.until}, en laat het uiterlijk om ${p.until} eindigen. Er is niets opgeslagen.`,
    },
    en: {
      title: 'Coffee moment outside working hours',
      detail: (p) =>
        `The coffee moment at ${p.at} is outside working hours: choose a working day (Monday to Friday) between ${p.from} and ${p.until}, ending by ${p.until}. Nothing was stored.`,
    },
  },
  'team-welcome-link-invalid': {
    nl: {
      title: 'Ongeldige welkomstlink',
      detail: () =>
        'Deze link is niet (helemaal) goed overgenomen of niet van ons. Open de link uit de mail van je leidinggevende opnieuw. Er is niets opgeslagen.',
    },
    en: {
      title: 'Invalid welcome link',
      detail: () =>
        "This link was not copied completely or is not ours. Open the link from your manager's mail again. Nothing was stored.",
    },
  },
  'team-welcome-link-expired': {
    nl: {
      title: 'Welkomstlink verlopen',
      detail: () =>
        'Je nieuwe collega is al begonnen: berichtjes via deze link kunnen niet meer. Zeg gewoon hallo! Er is niets opgeslagen.',
    },
    en: {
      title: 'Welcome link expired',
      detail: () =>
        'Your new colleague has already started: this link no longer takes messages. Just say hello! Nothing was stored.',
    },
  },
  'plan-change-refused': {
    nl: {
      title: 'Wijziging van de planning niet mogelijk',
      detail: (p) => `${planChangeMessage(unpackRefusal(p), 'nl')} Er is niets opgeslagen.`,
    },
    en: {
      title: 'Plan change not possible',
      detail: (p) => `${planChangeMessage(unpackRefusal(p), 'en')} Nothing was stored.`,
    },
  },
  'hire-without-vacancy-profile': {
    nl: {
      title: 'Geen vacatureprofiel',
      detail: (p) => `Nieuwe medewerker "${p.hireId}" is aangenomen zonder vacatureprofiel.`,
    },
    en: {
      title: 'No vacancy profile',
      detail: (p) => `Hire "${p.hireId}" was registered without a vacancy profile.`,
    },
  },
};

/** The contract's Identifier and ItemId patterns (contracts/openapi.yaml), which most refusals of a pattern are about. */
const IDENTIFIER_PATTERN = '^[A-Za-z0-9][A-Za-z0-9_-]{0,63}$';
const ITEM_ID_PATTERN = '^[A-Za-z0-9][A-Za-z0-9_:-]{0,63}$';
const NOT_BLANK_PATTERN = '\\S';
/** A team may not be only asterisks: `*` names the exit questionnaire's group pooled across teams. */
const NOT_ONLY_ASTERISKS_PATTERN = '[^*]';

/** Ajv's keywords in words a person understands; the pointer says where. */
export function describeSchemaError(
  language: Language,
  error: { keyword: string; message?: string; params: Record<string, unknown> },
): string {
  const p = error.params;
  // Free text that must say something (a team's welcome): "\S" means "not only spaces", which a pattern does not tell a person.
  if (error.keyword === 'pattern' && String(p.pattern) === NOT_BLANK_PATTERN)
    return language === 'nl' ? 'mag niet leeg zijn of alleen uit spaties bestaan' : 'must not be empty or only spaces';
  if (error.keyword === 'pattern' && String(p.pattern) === NOT_ONLY_ASTERISKS_PATTERN)
    return language === 'nl'
      ? 'mag niet alleen uit sterretjes bestaan ("*" is de groep kleine teams samen)'
      : 'must not be only asterisks ("*" is the group of small teams together)';
  const nl: Record<string, () => string> = {
    required: () => `"${String(p.missingProperty)}" ontbreekt`,
    additionalProperties: () => `onbekend veld "${String(p.additionalProperty)}"`,
    type: () => `moet van het type ${String(p.type)} zijn`,
    format: () =>
      p.format === 'date'
        ? 'moet een datum zijn als JJJJ-MM-DD'
        : p.format === 'email'
          ? 'moet een e-mailadres zijn'
          : `moet het formaat ${String(p.format)} hebben`,
    pattern: () =>
      String(p.pattern) === IDENTIFIER_PATTERN
        ? 'alleen letters, cijfers, "_" en "-", beginnend met een letter of cijfer, hoogstens 64 tekens'
        : String(p.pattern) === ITEM_ID_PATTERN
          ? 'alleen letters, cijfers, "_", "-" en ":", beginnend met een letter of cijfer, hoogstens 64 tekens'
          : String(p.pattern).startsWith('^WyI')
            ? 'moet de "next" van de vorige pagina zijn, ongewijzigd'
            : `moet voldoen aan het patroon ${String(p.pattern)}`,
    minLength: () => `moet minstens ${String(p.limit)} teken(s) lang zijn`,
    maxLength: () => `mag hoogstens ${String(p.limit)} tekens lang zijn`,
    enum: () => `moet een van deze waarden zijn: ${(p.allowedValues as unknown[]).join(', ')}`,
    const: () => `moet "${String(p.allowedValue)}" zijn`,
    minimum: () => `moet minstens ${String(p.limit)} zijn`,
    maximum: () => `mag hoogstens ${String(p.limit)} zijn`,
    minItems: () => `moet minstens ${String(p.limit)} waarde(n) bevatten`,
    maxItems: () => `mag hoogstens ${String(p.limit)} waarden bevatten`,
    uniqueItems: () => `bevat een waarde twee keer (plaats ${String(p.j)} en ${String(p.i)})`,
    unevaluatedProperties: () => `onbekend veld "${String(p.unevaluatedProperty)}"`,
    dependentRequired: () => `"${String(p.missingProperty)}" ontbreekt; die hoort bij "${String(p.property)}"`,
    oneOf: () => 'past bij geen van de toegestane vormen',
  };
  if (language === 'nl' && nl[error.keyword]) return nl[error.keyword]!();
  return error.message ?? error.keyword;
}
