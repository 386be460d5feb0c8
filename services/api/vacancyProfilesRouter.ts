import { Router } from 'express';
import type { components } from '../../contracts/generated/openapi';
import { type JourneyTemplateStore, TemplateNotFoundError } from '../templates/journeyTemplateStore';
import {
  type VacancyProfile,
  VacancyProfileNotFoundError,
  type VacancyProfileStore,
  VacancyProfileVersionConflictError,
} from '../vacancies/vacancyProfileStore';
import { organisationOf } from '../auth/principal';
import { actorOf } from './actor';
import { Problem, versionConflict } from '../problems/problem';
import type { OperationGuard } from './operationGuard';

type Schemas = components['schemas'];

/** Vacancy profiles (stage 1, profielbepaling): versioned like journey templates; a stale version is a 409. */
export function vacancyProfilesRouter(deps: {
  guard: OperationGuard;
  profiles: VacancyProfileStore;
  templates: JourneyTemplateStore;
}): Router {
  const router = Router();
  const { guard, profiles, templates } = deps;

  router.get('/vacancy-profiles', guard.middleware('listVacancyProfiles'), async (req, res) => {
    res.json({ profiles: await profiles.list(organisationOf(req)) });
  });

  router.get('/vacancy-profiles/:profileId', guard.middleware('getVacancyProfile'), async (req, res) => {
    const { profileId } = req.params as { profileId: string };
    try {
      res.json(await profiles.latest(organisationOf(req), profileId));
    } catch (error) {
      if (error instanceof VacancyProfileNotFoundError)
        throw new Problem(404, 'vacancy-profile-not-found', { profileId });
      throw error;
    }
  });

  router.put('/vacancy-profiles/:profileId', guard.middleware('defineVacancyProfile'), async (req, res) => {
    const organisationId = organisationOf(req);
    const { profileId } = req.params as { profileId: string };
    const profile: VacancyProfile = {
      ...(req.body as Schemas['VacancyProfileVersion']),
      id: profileId,
      organisationId,
    };
    // The learning line must exist: a profile naming an unknown template would fail every hire registered on it.
    try {
      await templates.latest(organisationId, profile.templateId);
    } catch (error) {
      if (error instanceof TemplateNotFoundError)
        throw new Problem(422, 'template-not-found', { templateId: profile.templateId });
      throw error;
    }
    try {
      res.json(await profiles.define(profile, actorOf(req)));
    } catch (error) {
      if (error instanceof VacancyProfileVersionConflictError) {
        throw versionConflict('vacancy-profile-version-conflict', error.latest, { profileId });
      }
      throw error;
    }
  });

  return router;
}
