import { Router } from 'express';
import type { components } from '../../contracts/generated/openapi';
import { ApiKeyAlreadyIssued, type ApiKeyInfo } from '../auth/apiKeyStore';
import type { ApiKeys } from '../auth/apiKeys';
import { organisationOf } from '../auth/principal';
import { actorOf } from './actor';
import type { OperationGuard } from './operationGuard';
import { Problem } from '../problems/problem';

type Schemas = components['schemas'];

/** An administrator's hand on the organisation's machine clients: issue, list and revoke their API keys. */
export function apiKeysRouter(deps: { guard: OperationGuard; apiKeys: ApiKeys }): Router {
  const router = Router();
  const { guard, apiKeys } = deps;

  router.get('/api-keys', guard.middleware('listApiKeys'), async (req, res) => {
    res.json({ apiKeys: (await apiKeys.list(organisationOf(req))).map(view) } satisfies Schemas['ApiKeyList']);
  });

  router.post('/api-keys', guard.middleware('issueApiKey'), async (req, res) => {
    const body = req.body as Schemas['ApiKeyRequest'];
    try {
      const issued = await apiKeys.issue({
        organisationId: organisationOf(req),
        roles: body.roles,
        label: body.label,
        ...(body.personRef === undefined ? {} : { personRef: body.personRef }),
        createdBy: actorOf(req),
        idempotencyKey: req.header('Idempotency-Key')!,
      });
      res
        .status(201)
        .location(`/api-keys/${issued.keyId}`)
        .json({ ...view(issued), token: issued.token } satisfies Schemas['IssuedApiKey']);
    } catch (error) {
      if (error instanceof ApiKeyAlreadyIssued)
        throw new Problem(409, 'api-key-already-issued', { keyId: error.keyId });
      throw error;
    }
  });

  router.delete('/api-keys/:keyId', guard.middleware('revokeApiKey'), async (req, res) => {
    const { keyId } = req.params as { keyId: string };
    if (!(await apiKeys.revoke(organisationOf(req), keyId, actorOf(req))))
      throw new Problem(404, 'api-key-not-found', { keyId });
    res.status(204).end();
  });

  return router;
}

function view(key: ApiKeyInfo): Schemas['ApiKey'] {
  return {
    keyId: key.keyId,
    organisationId: key.organisationId,
    roles: [...key.roles],
    ...(key.personRef === undefined ? {} : { personRef: key.personRef }),
    label: key.label,
    createdAt: key.createdAt,
    createdBy: key.createdBy,
    ...(key.revokedAt === undefined ? {} : { revokedAt: key.revokedAt }),
    ...(key.revokedBy === undefined ? {} : { revokedBy: key.revokedBy }),
  };
}
