import { Router } from 'express';
import type { components } from '../../contracts/generated/openapi';
import { organisationOf } from '../auth/principal';
import type { EventStore } from '../event-store/eventStore';
import { hireStreamName } from '../event-store/streamNames';
import type { VacancyProfileStore } from '../vacancies/vacancyProfileStore';
import type { OperationGuard } from './operationGuard';
import { Problem } from '../problems/problem';

type Schemas = components['schemas'];

/**
 * `GET /hires/{hireId}/vacancy-profile`: what the profile the hire was registered on expects of them and which talents
 * it asks (stage 1, profielbepaling), for HR and for the manager and mentor who guide them (services/auth/permissions.ts
 * decides who). The version is the registration's, so a profile published later does not rewrite what was asked.
 */
export function hireVacancyProfileRouter(deps: {
  guard: OperationGuard;
  profiles: VacancyProfileStore;
  store: EventStore;
}): Router {
  const router = Router();
  router.get('/hires/:hireId/vacancy-profile', deps.guard.middleware('getHireVacancyProfile'), async (req, res) => {
    const organisationId = organisationOf(req);
    const { hireId } = req.params as { hireId: string };
    const registration = await firstEventOf(deps.store, { organisationId, hireId });
    // A hire of no journey (or of another organisation) is not found, as on every hire operation.
    if (!registration) throw new Problem(404, 'hire-not-found', { hireId });
    const { vacancyProfileId, vacancyProfileVersion } = registration.type === 'HireRegistered' ? registration.data : {};
    if (typeof vacancyProfileId !== 'string' || typeof vacancyProfileVersion !== 'number')
      throw new Problem(404, 'hire-without-vacancy-profile', { hireId });
    const profile = await deps.profiles.version(organisationId, vacancyProfileId, vacancyProfileVersion);
    if (!profile) throw new Problem(404, 'vacancy-profile-not-found', { profileId: vacancyProfileId });
    res.json({
      hireId,
      profileId: profile.id,
      version: profile.version,
      role: profile.role,
      expectations: [...profile.expectations],
      talents: [...profile.talents],
    } satisfies Schemas['HireVacancyProfile']);
  });
  return router;
}

/** HireRegistered opens a hire's stream. */
async function firstEventOf(store: EventStore, hire: { organisationId: string; hireId: string }) {
  for await (const event of store.readStream(hireStreamName(hire), { maxCount: 1 })) return event;
  return undefined;
}
