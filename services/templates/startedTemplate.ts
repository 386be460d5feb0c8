import type { TemplateLookup } from '../../workflows/domain/journey';
import { type JourneyTemplateStore, builtInTemplate } from './journeyTemplateStore';

/**
 * The template a hire's journey started on, looked up once for a fold of its events (a fold is synchronous, the
 * store is not); a built-in default when nobody published it.
 */
export async function startedTemplate(
  templates: JourneyTemplateStore,
  events: readonly { readonly type: string; readonly data: Readonly<Record<string, unknown>> }[],
): Promise<TemplateLookup> {
  const started = events.find((event) => event.type === 'JourneyStarted')?.data;
  const { organisationId, templateId, templateVersion } = started ?? {};
  if (typeof organisationId !== 'string' || typeof templateId !== 'string' || typeof templateVersion !== 'number')
    return builtInTemplate;
  const template = await templates.version(organisationId, templateId, templateVersion);
  return (org, id, version) =>
    template && template.organisationId === org && template.id === id && template.version === version
      ? template
      : builtInTemplate(org, id, version);
}
