import type { Pool } from 'pg';
import {
  FailedAuthentications,
  TooManyFailedAuthentications,
  postgresFailureCounts,
} from '../../services/auth/failedAuthentications';
import { openPostgresPool } from '../../services/shared/postgres/pool';
import { freshPostgresDatabase } from '../support/postgresDatabase';
import { describeWithServices } from '../support/serviceAvailability';

/**
 * Two API replicas behind one load balancer (two pools on one database, as two processes have): a client that
 * spreads its guesses over them meets one limit, not one per replica. In memory each process counts its own,
 * which the last case pins, so the difference is seen rather than assumed.
 */
const LIMITS = { failures: 3, windowSeconds: 60 };

async function refusal(limiter: FailedAuthentications, address: string, keyId?: string): Promise<string> {
  try {
    await limiter.recordRefusal(address, keyId);
    return '401';
  } catch (error) {
    if (error instanceof TooManyFailedAuthentications) return '429';
    throw error;
  }
}

async function blocked(limiter: FailedAuthentications, address: string): Promise<boolean> {
  try {
    await limiter.refuseWhileBlocked(address);
    return false;
  } catch (error) {
    if (error instanceof TooManyFailedAuthentications) return true;
    throw error;
  }
}

describeWithServices(['postgres'], 'refused credentials counted across replicas (PostgreSQL)', () => {
  let pools: Pool[];
  let replicas: [FailedAuthentications, FailedAuthentications];

  beforeEach(async () => {
    const url = await freshPostgresDatabase('auth_failures');
    pools = [openPostgresPool(url), openPostgresPool(url)];
    // Both replicas migrate at start-up, as two processes starting at once do.
    const counts = await Promise.all(pools.map((pool) => postgresFailureCounts(pool)));
    replicas = [new FailedAuthentications(LIMITS, counts[0]), new FailedAuthentications(LIMITS, counts[1])];
  });
  afterEach(async () => {
    await Promise.all(pools.map((pool) => pool.end()));
  });

  it('gives an address one limit over both replicas, and then both refuse it before looking at its credentials', async () => {
    const [a, b] = replicas;
    const answers = [
      await refusal(a, '203.0.113.7'),
      await refusal(b, '203.0.113.7'),
      await refusal(a, '203.0.113.7'),
      await refusal(b, '203.0.113.7'),
    ];
    expect(answers).toEqual(['401', '401', '401', '429']);
    expect([await blocked(a, '203.0.113.7'), await blocked(b, '203.0.113.7')]).toEqual([true, true]);
    // Another address is another count.
    expect(await blocked(a, '203.0.113.8')).toBe(false);
  });

  it('counts a key id over both replicas too, whatever addresses the guesses come from', async () => {
    const [a, b] = replicas;
    const answers = [
      await refusal(a, '198.51.100.1', 'k1'),
      await refusal(b, '198.51.100.2', 'k1'),
      await refusal(a, '198.51.100.3', 'k1'),
      await refusal(b, '198.51.100.4', 'k1'),
    ];
    expect(answers).toEqual(['401', '401', '401', '429']);
    // The key id's count does not block the addresses: each made one refusal only.
    expect(await blocked(b, '198.51.100.1')).toBe(false);
  });
});

describe('refused credentials counted in memory', () => {
  it('counts per process: two processes let an address make its guesses at each', async () => {
    const [a, b] = [new FailedAuthentications(LIMITS), new FailedAuthentications(LIMITS)];
    const answers = [];
    for (let guess = 0; guess < 4; guess++) answers.push(await refusal(guess % 2 === 0 ? a : b, '203.0.113.9'));
    expect(answers).toEqual(['401', '401', '401', '401']);
    expect(await refusal(a, '203.0.113.9')).toBe('401');
    expect(await refusal(a, '203.0.113.9')).toBe('429');
  });
});
