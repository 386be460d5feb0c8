import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { type RunningSystem, runningSystemForBlock } from '../support/runningSystem';
import { describeWithServices } from '../support/serviceAvailability';

const repo = join(__dirname, '../..');

interface CurlRequest {
  readonly method: string;
  readonly url: string;
  readonly headers: Record<string, string>;
  readonly body?: string;
}

/** Shell words of one command line: single and double quotes, `$KEY` expanded; enough for the README's curl lines. */
function shellWords(line: string, variables: Record<string, string>): string[] {
  const words: string[] = [];
  let word = '';
  let inWord = false;
  for (let i = 0; i < line.length; i++) {
    const c = line[i]!;
    if (c === "'") {
      const end = line.indexOf("'", i + 1);
      word += line.slice(i + 1, end);
      i = end;
      inWord = true;
    } else if (c === '"') {
      const end = line.indexOf('"', i + 1);
      word += line.slice(i + 1, end).replace(/\$([A-Z_]+)/g, (_, name: string) => variables[name] ?? '');
      i = end;
      inWord = true;
    } else if (c === ' ') {
      if (inWord) words.push(word);
      word = '';
      inWord = false;
    } else {
      word += c;
      inWord = true;
    }
  }
  if (inWord) words.push(word);
  return words;
}

/** The curl commands of the README's first walk-through, in order, as a newcomer would paste them. */
function walkthroughRequests(readme: string, authorization: string, baseUrl: string): CurlRequest[] {
  const block = /```sh\n(KEY=[\s\S]*?)```/.exec(readme)?.[1];
  if (!block) throw new Error('README has no walk-through block starting with KEY=');
  const commands = block
    .replace(/\\\n/g, ' ')
    .split('\n')
    .map((line) => line.replace(/\s+# .*$/, '').trim())
    .filter((line) => line.startsWith('curl '));
  return commands.map((command) => {
    const words = shellWords(command, { KEY: authorization }).slice(1);
    let method = 'GET';
    let url = '';
    let body: string | undefined;
    const headers: Record<string, string> = {};
    for (let i = 0; i < words.length; i++) {
      const word = words[i]!;
      if (word === '-s') continue;
      else if (word === '-X') method = words[++i]!;
      else if (word === '-H') {
        const [name, ...value] = words[++i]!.split(':');
        headers[name!.trim()] = value.join(':').trim();
      } else if (word === '-d') {
        body = words[++i]!;
        if (method === 'GET') method = 'POST';
      } else url = word.replace(/^localhost:8080/, baseUrl);
    }
    return { method, url, headers, ...(body === undefined ? {} : { body }) };
  });
}

describeWithServices(['temporal'], "the README's walk-through", () => {
  let system: RunningSystem;
  runningSystemForBlock({ kafka: false, auth: 'required' }, (started) => {
    system = started;
  });

  it('answers every request as written with a success, one right after the other', async () => {
    // The README's organisation `demo`, made unique: the Temporal server outlives this run and keeps its journeys.
    const organisationId = `demo-${randomUUID().slice(0, 8)}`;
    const key = system.apiKeys.issue({
      organisationId,
      roles: ['admin'],
      label: 'README',
      createdBy: 'readmeWalkthrough.e2e',
    });
    const readme = readFileSync(join(repo, 'README.md'), 'utf8').replace(
      /X-Organisation-Id: demo'/g,
      `X-Organisation-Id: ${organisationId}'`,
    );
    const requests = walkthroughRequests(readme, `Authorization: Bearer ${key.token}`, system.baseUrl);
    expect(requests.map((request) => `${request.method} ${new URL(request.url).pathname}`)).toEqual(
      expect.arrayContaining(['POST /hires', 'GET /hires/h-1001', 'GET /hires/h-1001/history', 'GET /tasks']),
    );
    for (const request of requests) {
      const answer = await fetch(request.url, {
        method: request.method,
        headers: request.headers,
        ...(request.body ? { body: request.body } : {}),
      });
      const text = await answer.text();
      expect(`${request.method} ${request.url} → ${answer.status}`).toBe(
        `${request.method} ${request.url} → ${answer.ok ? answer.status : 'a success'}`,
      );
      expect(text.length).toBeGreaterThan(0);
    }
  });
});
