import { DEFAULT_TEMPLATES } from '../../workflows/domain/defaultTemplates';
import { type JourneyTemplate, validateJourneyTemplate } from '../../workflows/domain/journeyTemplate';
import type { EventStore } from '../event-store/eventStore';
import { appendVersion } from './versionedStreams';
import { eventAt, lastEvent } from '../event-store/lastEvent';

export const templateStreamName = (organisationId: string, templateId: string): string =>
  `journeytemplate-${organisationId}.${templateId}`;

/** Used when a hire names no template and the organisation published none of its own. */
export const FALLBACK_TEMPLATE_ID = 'rivierenland-team';

export class TemplateNotFoundError extends Error {
  constructor(
    readonly organisationId: string,
    readonly templateId: string,
  ) {
    super(`Organisation ${organisationId} has no journey template "${templateId}"`);
    this.name = 'TemplateNotFoundError';
  }
}

/** A built-in default of that id and version, adopted under the organisation's id. */
export function builtInTemplate(
  organisationId: string,
  templateId: string,
  version: number,
): JourneyTemplate | undefined {
  const builtIn = DEFAULT_TEMPLATES.find((template) => template.id === templateId && template.version === version);
  return builtIn && { ...builtIn, organisationId };
}

/**
 * Journey templates, versioned as events: each published version is kept, and a running journey holds its own
 * copy, so publishing version 3 never changes a journey that started on version 2.
 */
export class JourneyTemplateStore {
  constructor(private readonly store: EventStore) {}

  async publish(template: JourneyTemplate, actor: string): Promise<JourneyTemplate> {
    const problems = validateJourneyTemplate(template);
    if (problems.length > 0)
      throw new Error(problems.map((problem) => `${problem.path}: ${problem.message}`).join(' '));
    const stream = templateStreamName(template.organisationId, template.id);
    // A retry of the same version is a no-op, another text for it a conflict (WrongExpectedRevisionError).
    await appendVersion(this.store, stream, {
      version: template.version,
      type: 'JourneyTemplatePublished',
      data: { ...template },
      content: template,
      organisationId: template.organisationId,
      actor,
    });
    return template;
  }

  /** The newest version, or a built-in default (adopted under the organisation's id) when none was published. */
  async latest(organisationId: string, templateId: string = FALLBACK_TEMPLATE_ID): Promise<JourneyTemplate> {
    const event = await lastEvent(this.store, templateStreamName(organisationId, templateId));
    if (event) {
      return event.data as unknown as JourneyTemplate;
    }
    const builtIn = DEFAULT_TEMPLATES.find((template) => template.id === templateId);
    if (!builtIn) throw new TemplateNotFoundError(organisationId, templateId);
    return { ...builtIn, organisationId };
  }

  /** One version as it was published, or the built-in default it was adopted from; undefined when neither exists. */
  async version(organisationId: string, templateId: string, version: number): Promise<JourneyTemplate | undefined> {
    return (
      (await this.published(organisationId, templateId, version)) ??
      builtInTemplate(organisationId, templateId, version)
    );
  }

  /** One version as the organisation published it; undefined when it did not. */
  async published(organisationId: string, templateId: string, version: number): Promise<JourneyTemplate | undefined> {
    if (!Number.isInteger(version) || version < 1) return undefined;
    // Version n is revision n-1 (see publish).
    const event = await eventAt(this.store, templateStreamName(organisationId, templateId), BigInt(version - 1));
    return event?.data as unknown as JourneyTemplate | undefined;
  }

  /** The newest version the organisation published; 0 when it published none. */
  async publishedVersion(organisationId: string, templateId: string): Promise<number> {
    const event = await lastEvent(this.store, templateStreamName(organisationId, templateId));
    if (event) {
      return Number(event.data.version);
    }
    return 0;
  }

  /** The newest published version of each of the organisation's templates, by template id. */
  async newestPublished(organisationId: string): Promise<Map<string, JourneyTemplate>> {
    const newest = new Map<string, JourneyTemplate>();
    for await (const event of this.store.readAll({ streamPrefixes: [templateStreamName(organisationId, '')] })) {
      if (event.type !== 'JourneyTemplatePublished') continue;
      const template = event.data as unknown as JourneyTemplate;
      newest.set(template.id, template);
    }
    return newest;
  }
}
