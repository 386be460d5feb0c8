import { execFile } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { apiKeyToken } from '../support/apiRequest';
import { type RunningSystem, runningSystemForBlock } from '../support/runningSystem';
import { describeWithServices, serviceAddress } from '../support/serviceAvailability';
import { waitFor } from '../support/waitFor';

const CONTRACT = join(__dirname, '../../contracts/openapi.yaml');

/** Fixed, so a failure here is a failure on the next run too (and `st replay` can show it). */
const SEED = 20_240_601;
/** Per operation and phase; with the coverage phase's own boundary cases about 5,000 requests, ~80 s on 2 cores. */
const MAX_EXAMPLES = 25;
/** A ceiling, not a budget (schemathesis's --max-time would repeat fuzzing until it is spent). */
const MAX_SECONDS = 200;

/**
 * Schemathesis (infra/schemathesis/provision.sh) fuzzes every operation of contracts/openapi.yaml against the real
 * system, with schema-valid and deliberately invalid input: no request may make the API answer 5xx, and every
 * answer — errors included, which are problem+json — must match the status codes, content types and schemas the
 * contract documents for it. Authentication is on, as in production: the fuzzer holds an administrator's API key
 * (so every operation is reachable) and `ignored_auth` checks that each operation refuses the request without it.
 */
describeWithServices(['temporal', 'schemathesis'], 'API fuzzing: Schemathesis against contracts/openapi.yaml', () => {
  let system: RunningSystem;
  const organisationId = `fuzz-${randomUUID().slice(0, 8)}`;
  let adminKey: string;

  runningSystemForBlock({ kafka: false, auth: 'required' }, (started) => {
    system = started;
    adminKey = apiKeyToken(system, organisationId, 'admin', 'schemathesis', 'apiFuzzing.e2e');
  });

  it(
    'finds no server error and no response that departs from the contract',
    async () => {
      const scratch = mkdtempSync(join(tmpdir(), 'soft-landing-fuzz-'));
      const args = [
        'run',
        CONTRACT,
        '--url',
        system.baseUrl,
        '--header',
        `X-Organisation-Id: ${organisationId}`,
        '--header',
        `Authorization: Bearer ${adminKey}`,
        '--seed',
        String(SEED),
        '--max-examples',
        String(MAX_EXAMPLES),
        // One worker: with two, Hypothesis 6's lambda-description cache sometimes races between threads and
        // schemathesis reports a "Runtime Error" of its own (AST constructor recursion depth mismatch).
        '--workers',
        '1',
        '--request-timeout',
        '20',
        '--checks',
        [
          'not_a_server_error',
          'response_schema_conformance',
          'status_code_conformance',
          'content_type_conformance',
          // Each operation again without the key and with a made-up one: anything but 401/403 is a finding.
          'ignored_auth',
        ].join(','),
        // Informative only, and about the fuzzer's own reach (e.g. ids it could not guess): not findings.
        '--warnings',
        'off',
      ];
      const outcome = await new Promise<{ code: number | null; output: string }>((resolve) => {
        execFile(
          serviceAddress('schemathesis'),
          args,
          // Its cache (.schemathesis/) and reports land in a scratch directory, not in the clone.
          {
            cwd: scratch,
            timeout: MAX_SECONDS * 1000,
            maxBuffer: 64 * 1024 * 1024,
            env: { ...process.env, NO_COLOR: '1', COLUMNS: '120' },
          },
          (error, stdout, stderr) => {
            const code = error ? (typeof error.code === 'number' ? error.code : null) : 0;
            resolve({ code, output: `${stdout}${stderr}${error && code === null ? `\n${error.message}` : ''}` });
          },
        );
      });
      if (outcome.code !== 0) {
        console.error(`schemathesis ${args.join(' ')}\nexited with ${outcome.code}:\n${outcome.output}`);
      }
      expect(outcome.code).toBe(0);
    },
    (MAX_SECONDS + 60) * 1000,
  );

  it('answers an `after` past any revision with an empty page, not a 500 (found by the fuzzer)', async () => {
    const other = `fuzz-${randomUUID().slice(0, 8)}`;
    const as = (role: 'hr-advisor' | 'auditor') => ({
      'X-Organisation-Id': other,
      Authorization: `Bearer ${apiKeyToken(system, other, role, role, 'apiFuzzing.e2e')}`,
    });
    const registered = await fetch(`${system.baseUrl}/hires`, {
      method: 'POST',
      headers: { ...as('hr-advisor'), 'Content-Type': 'application/json', 'Idempotency-Key': randomUUID() },
      body: JSON.stringify({ hireId: 'h-after', managerRef: 'm-1', role: 'begeleider', startDate: '2030-01-07' }),
    });
    expect(registered.status).toBe(201);
    const auditor = as('auditor');
    const history = (after: string) =>
      fetch(`${system.baseUrl}/hires/h-after/history?after=${after}`, { headers: auditor });
    // The journey writes the hire's first event itself, shortly after the 201.
    await waitFor(
      () => history('0').then((response) => response.status),
      (status) => status === 200,
    );
    const page = await history('12691170586473435136');
    expect(page.status).toBe(200);
    expect(await page.json()).toMatchObject({ hireId: 'h-after', events: [] });
    const unknown = await fetch(`${system.baseUrl}/hires/never-registered/history?after=12691170586473435136`, {
      headers: auditor,
    });
    expect(unknown.status).toBe(404);
    expect(unknown.headers.get('content-type')).toMatch(/^application\/problem\+json/);
  });
});
