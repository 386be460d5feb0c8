import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import { connect } from 'node:net';
import { join } from 'node:path';
import { brotliCompressSync, gzipSync } from 'node:zlib';
import { parse } from 'yaml';
import { encodeCursor } from '../../services/projections/eventFacts';
import { type RunningSystem, startSystem } from '../support/runningSystem';
import { describeWithServices } from '../support/serviceAvailability';
import { expectProblem, readJson } from '../support/httpAnswers';
import { waitFor } from '../support/waitFor';

const CONTRACT = parse(readFileSync(join(__dirname, '../../contracts/openapi.yaml'), 'utf8')) as {
  paths: Record<string, Record<string, unknown>>;
  components: { parameters: Record<string, { schema: { pattern?: string } }> };
};

interface RawAnswer {
  readonly status: number;
  readonly headers: Record<string, string>;
  readonly body: string;
  /** The server closed the connection after answering. */
  readonly closed: boolean;
}

/** Bytes as they go on the wire, for requests no HTTP client would send; the answer as it came back. */
function sendRaw(baseUrl: string, bytes: string): Promise<RawAnswer> {
  const { hostname, port } = new URL(baseUrl);
  return new Promise((resolve, reject) => {
    const socket = connect(Number(port), hostname);
    const chunks: Buffer[] = [];
    const timer = setTimeout(() => {
      socket.destroy();
      reject(new Error(`no answer closed the connection within 5 s; got: ${Buffer.concat(chunks).toString('latin1')}`));
    }, 5_000);
    socket.on('data', (chunk) => chunks.push(chunk));
    socket.on('error', () => undefined); // a reset after the answer still leaves the answer to read
    socket.on('close', () => {
      clearTimeout(timer);
      const text = Buffer.concat(chunks).toString('utf8');
      const [head = '', ...rest] = text.split('\r\n\r\n');
      const [statusLine = '', ...lines] = head.split('\r\n');
      const headers = Object.fromEntries(
        lines.map((line) => [line.slice(0, line.indexOf(':')).toLowerCase(), line.slice(line.indexOf(':') + 1).trim()]),
      );
      resolve({ status: Number(statusLine.split(' ')[1]), headers, body: rest.join('\r\n\r\n'), closed: true });
    });
    socket.write(bytes, 'latin1');
  });
}

/** fetch refuses TRACE; node:http sends it. */
function send(
  baseUrl: string,
  method: string,
  path: string,
  headers: Record<string, string> = {},
): Promise<{ status: number; headers: Record<string, string | string[] | undefined>; body: string }> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(`${baseUrl}${path}`, { method, headers }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (body += chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
    });
    req.on('error', reject);
    req.end();
  });
}

/**
 * The edges of HTTP itself, against the running system with authentication on as in production: bodies in another
 * charset or content coding, paths that are not UTF-8, requests Node's parser refuses before Express sees them, and
 * methods — each answered as RFC 9457 problem+json, never as a 500 or an empty answer.
 */
describeWithServices(['temporal'], 'HTTP protocol edges answered as problem+json', () => {
  let system: RunningSystem;
  const organisationId = `http-${randomUUID().slice(0, 8)}`;
  let auth: Record<string, string>;

  beforeAll(async () => {
    system = await startSystem({ kafka: false, auth: 'required' });
    const key = system.apiKeys.issue({
      organisationId,
      roles: ['admin'],
      label: 'http edges',
      createdBy: 'httpProtocol.e2e',
    }).token;
    auth = { authorization: `Bearer ${key}`, 'x-organisation-id': organisationId };
  });
  afterAll(async () => {
    await system?.stop();
  });

  const registration = (hireId: string) => JSON.stringify({ hireId, startDate: '2031-03-01', role: 'Jeugdzorgwerker' });
  const register = (body: string | Buffer, headers: Record<string, string>) =>
    fetch(`${system.baseUrl}/hires`, {
      method: 'POST',
      headers: { ...auth, 'idempotency-key': randomUUID(), ...headers },
      body,
    });
  const expectNoHire = async (hireId: string) =>
    expect((await fetch(`${system.baseUrl}/hires/${hireId}`, { headers: auth })).status).toBe(404);

  describe('bodies and URLs', () => {
    it('refuses a body in another charset than UTF-8 with 415, and stores nothing', async () => {
      const response = await register(registration('h-latin1'), {
        'content-type': 'application/json; charset=latin1',
        'accept-language': 'en',
      });
      await expectProblem(response, 415, {
        type: '/problems/unsupported-charset',
        detail: 'The body is in latin1; send it in UTF-8.',
      });
      await expectNoHire('h-latin1');
    });

    it('answers a path whose %-encoding is not UTF-8 with 400', async () => {
      const response = await fetch(`${system.baseUrl}/hires/%C0%AF`, { headers: auth });
      await expectProblem(response, 400, { type: '/problems/malformed-url', instance: '/hires/%C0%AF' });
    });

    it.each([['gzip'], ['br'], ['deflate']])(
      'answers Content-Encoding: %s over a body that is not encoded so with 400',
      async (coding) => {
        const response = await register(registration(`h-plain-${coding}`), {
          'content-type': 'application/json',
          'content-encoding': coding,
        });
        await expectProblem(response, 400, { type: '/problems/unreadable-body' });
        await expectNoHire(`h-plain-${coding}`);
      },
    );

    it('refuses a content coding it does not decode with 415 and says which it does (Accept-Encoding)', async () => {
      const response = await register(registration('h-zstd'), {
        'content-type': 'application/json',
        'content-encoding': 'zstd',
      });
      await expectProblem(response, 415, { type: '/problems/unsupported-content-encoding' });
      expect(response.headers.get('accept-encoding')).toBe('gzip, deflate, br');
      await expectNoHire('h-zstd');
    });

    it('accepts a body that really is gzip or br, as the contract says', async () => {
      const gzipped = await register(gzipSync(registration('h-gzip')), {
        'content-type': 'application/json',
        'content-encoding': 'gzip',
      });
      expect(gzipped.status).toBe(201);
      const brotli = await register(brotliCompressSync(registration('h-br')), {
        'content-type': 'application/json',
        'content-encoding': 'br',
      });
      expect(brotli.status).toBe(201);
      expect(await readJson(brotli)).toMatchObject({ hireId: 'h-br' });
    });

    it('limits the decoded size of a compressed body, not the compressed one', async () => {
      const bomb = gzipSync(JSON.stringify({ hireId: 'h-bomb', startDate: '2031-03-01', role: 'x'.repeat(1_000_000) }));
      expect(bomb.length).toBeLessThan(64 * 1024);
      await expectProblem(
        await register(bomb, { 'content-type': 'application/json', 'content-encoding': 'gzip' }),
        413,
        { type: '/problems/payload-too-large' },
      );
    });
  });

  describe("requests Node's HTTP parser refuses", () => {
    const expectParserProblem = (answer: RawAnswer, status: number, type: string) => {
      expect(answer.status).toBe(status);
      expect(answer.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(answer.headers.connection).toBe('close');
      expect(Number(answer.headers['content-length'])).toBe(Buffer.byteLength(answer.body));
      expect(JSON.parse(answer.body)).toMatchObject({ type, status });
      expect(answer.closed).toBe(true);
    };

    it('a bare CR in the header section', async () => {
      expectParserProblem(
        await sendRaw(system.baseUrl, 'GET /healthz HTTP/1.1\r\nHost: localhost\rX-Sneaky: 1\r\n\r\n'),
        400,
        '/problems/malformed-http',
      );
    });

    it('a NUL in a header value', async () => {
      expectParserProblem(
        await sendRaw(system.baseUrl, 'GET /healthz HTTP/1.1\r\nHost: localhost\r\nX-Sneaky: a\u0000b\r\n\r\n'),
        400,
        '/problems/malformed-http',
      );
    });

    it('both Content-Length and Transfer-Encoding (request smuggling)', async () => {
      const bytes =
        'POST /hires HTTP/1.1\r\nHost: localhost\r\nContent-Length: 5\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n';
      expectParserProblem(await sendRaw(system.baseUrl, bytes), 400, '/problems/malformed-http');
    });

    it('20 KB of headers', async () => {
      const answer = await sendRaw(
        system.baseUrl,
        `GET /healthz HTTP/1.1\r\nHost: localhost\r\nX-Big: ${'a'.repeat(20_000)}\r\n\r\n`,
      );
      expectParserProblem(answer, 431, '/problems/headers-too-large');
      expect(JSON.parse(answer.body).detail).toBe('De headers van het verzoek zijn samen groter dan 16 KB.');
    });

    it('CONNECT, which Node never hands to the app, is 405', async () => {
      const answer = await sendRaw(
        system.baseUrl,
        'CONNECT upstream.invalid:443 HTTP/1.1\r\nHost: upstream.invalid:443\r\n\r\n',
      );
      expectParserProblem(answer, 405, '/problems/method-not-allowed');
      expect(answer.headers).toHaveProperty('allow', '');
    });

    it('still answers well-formed requests on the same server', async () => {
      expect((await fetch(`${system.baseUrl}/healthz`)).status).toBe(200);
    });
  });

  describe('methods, from the contract', () => {
    /** The contract's methods per path, as Allow lists them: GET brings HEAD, OPTIONS always. */
    function allowOf(item: Record<string, unknown>): string {
      const methods = new Set(
        ['get', 'post', 'put', 'patch', 'delete']
          .filter((method) => method in item)
          .map((method) => method.toUpperCase()),
      );
      if (methods.has('GET')) methods.add('HEAD');
      methods.add('OPTIONS');
      return ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS']
        .filter((method) => methods.has(method))
        .join(', ');
    }
    const examplePath = (template: string) => template.replace(/\{[^}]+\}/g, 'x-1');

    it('answers OPTIONS on every path of the contract with 204 and the methods the contract gives it, without credentials', async () => {
      const answers: [string, number, string | null][] = [];
      for (const template of Object.keys(CONTRACT.paths)) {
        const response = await fetch(`${system.baseUrl}${examplePath(template)}`, { method: 'OPTIONS' });
        answers.push([template, response.status, response.headers.get('allow')]);
      }
      expect(answers).toEqual(Object.entries(CONTRACT.paths).map(([template, item]) => [template, 204, allowOf(item)]));
      expect(answers).toContainEqual(['/hires', 204, 'GET, HEAD, POST, OPTIONS']);
    });

    it('answers a method a path does not take with 405 problem+json and Allow', async () => {
      const patch = await fetch(`${system.baseUrl}/hires`, { method: 'PATCH', headers: { 'accept-language': 'en' } });
      await expectProblem(patch, 405, {
        type: '/problems/method-not-allowed',
        detail: 'PATCH is not allowed on /hires; allowed: GET, HEAD, POST, OPTIONS.',
      });
      expect(patch.headers.get('allow')).toBe('GET, HEAD, POST, OPTIONS');
      const remove = await fetch(`${system.baseUrl}/hires/h-1`, { method: 'DELETE', headers: auth });
      await expectProblem(remove, 405, { type: '/problems/method-not-allowed' });
      expect(remove.headers.get('allow')).toBe('GET, HEAD, OPTIONS');
      const head = await fetch(`${system.baseUrl}/hires/h-1/withdrawal`, { method: 'HEAD', headers: auth });
      expect([head.status, head.headers.get('allow')]).toEqual([405, 'POST, OPTIONS']);
    });

    it('answers TRACE with 405 on every path, known or not', async () => {
      for (const path of ['/hires', '/healthz', '/docs/api', '/nothing/here']) {
        const answer = await send(system.baseUrl, 'TRACE', path, auth);
        expect([path, answer.status, answer.headers['content-type']]).toEqual([
          path,
          405,
          expect.stringMatching(/^application\/problem\+json/),
        ]);
        expect(JSON.parse(answer.body)).toMatchObject({ type: '/problems/method-not-allowed' });
        expect(answer.body).not.toContain(auth.authorization!.slice(7)); // nothing is echoed
      }
      expect((await send(system.baseUrl, 'TRACE', '/hires')).headers.allow).toBe('GET, HEAD, POST, OPTIONS');
    });

    it('still serves the methods the contract gives a path', async () => {
      expect((await fetch(`${system.baseUrl}/healthz`, { method: 'HEAD' })).status).toBe(200);
      expect((await fetch(`${system.baseUrl}/hires`, { headers: auth })).status).toBe(200);
    });
  });

  describe('conditional reads of a hire', () => {
    it('answers GET /hires/{id} with an ETag, 304 while it stands, and a new one once the journey changed', async () => {
      const hireId = `h-etag-${randomUUID().slice(0, 8)}`;
      expect((await register(registration(hireId), { 'content-type': 'application/json' })).status).toBe(201);
      const read = async (headers: Record<string, string> = {}) => {
        const response = await fetch(`${system.baseUrl}/hires/${hireId}`, { headers: { ...auth, ...headers } });
        return { response, etag: response.headers.get('etag'), text: await response.text() };
      };
      // From its events once the journey started and recorded its first steps (before that, the workflow answers):
      // two reads in a row alike.
      let previous = '';
      const started = await waitFor(read, ({ text }) => {
        const settled = JSON.parse(text).stage !== 'registered' && text === previous;
        previous = text;
        return settled;
      });
      const { etag } = started;
      expect(etag).toMatch(/^W\/"/);
      const unchanged = await read({ 'if-none-match': etag! });
      expect(unchanged.response.status).toBe(304);
      expect(unchanged.text).toBe('');
      // fetch adds Cache-Control: no-cache to a request whose If-None-Match the page set: still a 304.
      const polled = await read({ 'if-none-match': etag!, 'cache-control': 'no-cache', pragma: 'no-cache' });
      expect(polled.response.status).toBe(304);
      // The same body again, byte for byte, and its ETag, however often it is asked for.
      const again = await read();
      expect(again.etag).toBe(etag);
      expect(again.text).toBe(started.text);

      const moved = await fetch(`${system.baseUrl}/hires/${hireId}/start-date`, {
        method: 'PUT',
        headers: { ...auth, 'content-type': 'application/json', 'idempotency-key': randomUUID() },
        body: JSON.stringify({ startDate: '2031-03-15' }),
      });
      expect(moved.status).toBe(200);
      const changed = await read({ 'if-none-match': etag! });
      expect(changed.response.status).toBe(200);
      expect(changed.etag).not.toBe(etag);
      expect(JSON.parse(changed.text).startDate).toBe('2031-03-15');
    });
  });

  describe('the `after` cursor of lists', () => {
    const pattern = new RegExp(CONTRACT.components.parameters.After!.schema.pattern ?? '');

    it("is described by a pattern in the contract that the lists' own cursors match and `0` does not", () => {
      expect(CONTRACT.components.parameters.After!.schema.pattern).toBeDefined();
      // The keys the hire list and the task list page by (services/projections): start or due date first.
      expect(encodeCursor(['2031-03-01', 'h-1'])).toMatch(pattern);
      expect(encodeCursor(['2031-03-01', 'h-zz_9', 'task:accounts-ready'])).toMatch(pattern);
      expect('0').not.toMatch(pattern);
    });

    it('pages GET /hires with the next the API handed out, and refuses `after=0` as the contract says', async () => {
      for (const hireId of ['h-page-1', 'h-page-2']) {
        expect((await register(registration(hireId), { 'content-type': 'application/json' })).status).toBe(201);
      }
      const first = await waitFor(
        async () => readJson(await fetch(`${system.baseUrl}/hires?limit=1`, { headers: auth })),
        (page) => typeof page.next === 'string',
      );
      expect(first.next).toMatch(pattern);
      expect((await fetch(`${system.baseUrl}/hires?limit=1&after=${first.next}`, { headers: auth })).status).toBe(200);
      const refused = await fetch(`${system.baseUrl}/hires?after=0`, { headers: { ...auth, 'accept-language': 'en' } });
      const problem = await expectProblem(refused, 400, { type: '/problems/invalid-request' });
      expect(problem.errors).toEqual([expect.objectContaining({ pointer: 'query:after' })]);
    });
  });
});
