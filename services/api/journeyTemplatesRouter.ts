import { Router } from 'express';
import type { components } from '../../contracts/generated/openapi';
import { DEFAULT_TEMPLATES } from '../../workflows/domain/defaultTemplates';
import { type JourneyTemplate, validateJourneyTemplate } from '../../workflows/domain/journeyTemplate';
import { WrongExpectedRevisionError } from '../event-store/eventStore';
import { type JourneyTemplateStore, TemplateNotFoundError } from '../templates/journeyTemplateStore';
import { organisationOf } from '../auth/principal';
import { actorOf } from './actor';
import { canonicalFingerprint } from '../registration/idempotencyClaims';
import { type FieldError, Problem, versionConflict } from '../problems/problem';
import type { OperationGuard } from './operationGuard';

type Schemas = components['schemas'];
type TemplateSummary = Schemas['JourneyTemplateList']['templates'][number];

/** Journey templates: the contract checks the shape, the domain's validator the rules between the numbers. */
export function journeyTemplatesRouter(deps: { guard: OperationGuard; templates: JourneyTemplateStore }): Router {
  const router = Router();
  const { guard, templates } = deps;

  router.get('/journey-templates', guard.middleware('listJourneyTemplates'), async (req, res) => {
    const organisationId = organisationOf(req);
    res.json({ templates: await listTemplates(templates, organisationId) });
  });

  router.get('/journey-templates/:templateId', guard.middleware('getJourneyTemplate'), async (req, res) => {
    const { templateId } = req.params as { templateId: string };
    res.json(await latestOrNotFound(templates, organisationOf(req), templateId));
  });

  router.get(
    '/journey-templates/:templateId/versions/:version',
    guard.middleware('getJourneyTemplateVersion'),
    async (req, res) => {
      const { templateId, version } = req.params as { templateId: string; version: string };
      const template = await templates.published(organisationOf(req), templateId, Number(version));
      if (!template) throw new Problem(404, 'template-version-not-found', { templateId, version });
      res.json(template);
    },
  );

  router.post('/journey-templates', guard.middleware('createJourneyTemplate'), async (req, res) => {
    const organisationId = organisationOf(req);
    const template = { ...(req.body as Schemas['NewJourneyTemplate']), organisationId, version: 1 } as JourneyTemplate;
    const published = await templates.publishedVersion(organisationId, template.id);
    if (published > 0)
      throw new Problem(409, 'template-exists', { templateId: template.id, version: String(published) });
    await publish(
      templates,
      template,
      actorOf(req),
      () => new Problem(409, 'template-exists', { templateId: template.id, version: '1' }),
    );
    res
      .status(201)
      .location(`/journey-templates/${encodeURIComponent(template.id)}`)
      .json(template);
  });

  router.put('/journey-templates/:templateId', guard.middleware('publishJourneyTemplateVersion'), async (req, res) => {
    const organisationId = organisationOf(req);
    const { templateId } = req.params as { templateId: string };
    const template = {
      ...(req.body as Schemas['JourneyTemplateVersion']),
      id: templateId,
      organisationId,
    } as JourneyTemplate;
    const stale = async () =>
      versionConflict('template-version-conflict', await templates.publishedVersion(organisationId, templateId), {
        templateId,
      });
    if ((await templates.publishedVersion(organisationId, templateId)) !== template.version - 1) throw await stale();
    await publish(templates, template, actorOf(req), stale);
    res.json(template);
  });

  return router;
}

/**
 * Validates, then publishes; `conflict` says why when another editor published this version first. The store
 * names a version's event after the version alone, so a second append of it is taken for a retry and dropped:
 * reading the version back is what tells a lost race from a won one.
 */
async function publish(
  templates: JourneyTemplateStore,
  template: JourneyTemplate,
  actor: string,
  conflict: () => Problem | Promise<Problem>,
): Promise<void> {
  const problems = validateJourneyTemplate(template);
  if (problems.length > 0) {
    const errors: FieldError[] = problems.map((problem) => ({
      pointer: jsonPointer(problem.path),
      detail: problem.message,
    }));
    throw new Problem(400, 'invalid-journey-template', {}, errors);
  }
  try {
    await templates.publish(template, actor);
  } catch (error) {
    if (error instanceof WrongExpectedRevisionError) throw await conflict();
    throw error;
  }
  const stored = await templates.published(template.organisationId, template.id, template.version);
  if (!stored || canonicalFingerprint({ ...stored }) !== canonicalFingerprint({ ...template })) throw await conflict();
}

async function latestOrNotFound(
  templates: JourneyTemplateStore,
  organisationId: string,
  templateId: string,
): Promise<JourneyTemplate> {
  try {
    return await templates.latest(organisationId, templateId);
  } catch (error) {
    if (error instanceof TemplateNotFoundError) throw new Problem(404, 'template-not-found', { templateId });
    throw error;
  }
}

/** The newest published version of each of the organisation's templates, then the defaults it has not published. */
async function listTemplates(templates: JourneyTemplateStore, organisationId: string): Promise<TemplateSummary[]> {
  const published = new Map<string, TemplateSummary>();
  for (const template of (await templates.newestPublished(organisationId)).values()) {
    published.set(template.id, {
      templateId: template.id,
      version: template.version,
      name: template.name,
      source: 'published',
    });
  }
  const builtIn: TemplateSummary[] = DEFAULT_TEMPLATES.filter((template) => !published.has(template.id)).map(
    (template) => ({
      templateId: template.id,
      version: template.version,
      name: template.name,
      source: 'built-in',
    }),
  );
  return [...published.values(), ...builtIn];
}

/** `milestones[2].dueOffsetDays` → `/milestones/2/dueOffsetDays`, like the contract's own errors. */
function jsonPointer(path: string): string {
  return `/${path
    .replace(/\[(\d+)\]/g, '.$1')
    .split('.')
    .join('/')}`;
}
