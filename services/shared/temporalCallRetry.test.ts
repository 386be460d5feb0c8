import { createServer } from 'node:net';
import { Connection } from '@temporalio/client';
import { RETRY_WINDOW_MS, deadlineBoundRetryInterceptor } from './temporalCallRetry';
import { CLIENT_CHANNEL_ARGS } from './temporalConnection';

/** A port nobody listens on: every call fails UNAVAILABLE, which the SDK alone retries for about 20 s. */
async function deadPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

describe('retries of a call with a deadline', () => {
  let connection: Connection;

  beforeAll(async () => {
    connection = Connection.lazy({
      address: `127.0.0.1:${await deadPort()}`,
      interceptors: [deadlineBoundRetryInterceptor()],
      channelArgs: CLIENT_CHANNEL_ARGS,
    });
  });
  afterAll(async () => {
    await connection.close();
  });

  async function failure(deadlineMs: number): Promise<{ ms: number; code: unknown }> {
    const startedAt = Date.now();
    try {
      await connection.withDeadline(Date.now() + deadlineMs, () => connection.workflowService.getSystemInfo({}));
    } catch (error) {
      return { ms: Date.now() - startedAt, code: (error as { code?: unknown }).code };
    }
    throw new Error('an unreachable Temporal answered');
  }

  it('give up on an unreachable Temporal within the retry window, long before the deadline', async () => {
    const { ms, code } = await failure(10_000);
    expect(code).toBe(14); // UNAVAILABLE: the API answers 503
    expect(ms).toBeLessThan(RETRY_WINDOW_MS + 500);
  });

  it('never wait past a deadline shorter than the window', async () => {
    const { ms } = await failure(300);
    expect(ms).toBeLessThan(800);
  });
});
