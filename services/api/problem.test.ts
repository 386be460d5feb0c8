import type { AddressInfo } from 'node:net';
import { ServiceError } from '@temporalio/client';
import express from 'express';
import { closeServer, listen } from '../http/listen';
import { createLogger } from '../shared/logger';
import { problemHandler } from '../problems/problem';

describe('problemHandler', () => {
  async function answerTo(
    error: Error,
    language = 'nl',
  ): Promise<{ status: number; retryAfter: string | null; body: any }> {
    const app = express();
    app.get('/', () => {
      throw error;
    });
    app.use(problemHandler(createLogger('test', 'silent')));
    const server = await listen(app, 0);
    try {
      const response = await fetch(`http://127.0.0.1:${(server.address() as AddressInfo).port}/`, {
        headers: { 'accept-language': language },
      });
      return { status: response.status, retryAfter: response.headers.get('retry-after'), body: await response.json() };
    } finally {
      await closeServer(server);
    }
  }

  it('answers 503 with Retry-After when Temporal cannot be reached', async () => {
    const unavailable = new ServiceError('Failed to query Workflow', {
      cause: Object.assign(new Error('14 UNAVAILABLE'), { code: 14 }),
    });
    const answer = await answerTo(unavailable);
    expect(answer).toMatchObject({
      status: 503,
      retryAfter: '5',
      body: { type: '/problems/temporal-unavailable', title: 'Tijdelijk niet beschikbaar' },
    });
  });

  it('keeps other failures a 500 that says nothing of the inside', async () => {
    const invalid = new ServiceError('bad request', {
      cause: Object.assign(new Error('3 INVALID_ARGUMENT'), { code: 3 }),
    });
    const answer = await answerTo(invalid, 'en');
    expect(answer).toMatchObject({ status: 500, retryAfter: null, body: { title: 'Internal error' } });
    expect(JSON.stringify(answer.body)).not.toContain('INVALID_ARGUMENT');
  });
});
