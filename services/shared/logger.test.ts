import { Writable } from 'node:stream';
import { REDACTED, createLogger } from './logger';
import { inRequest } from './requestContext';

/** A logger writing into memory: the lines exactly as a log collector would get them. */
function capture() {
  const lines: string[] = [];
  const destination = new Writable({
    write(chunk: Buffer, _encoding, done) {
      lines.push(...chunk.toString('utf8').split('\n').filter(Boolean));
      done();
    },
  });
  return {
    logger: createLogger('test', 'debug', destination),
    text: () => lines.join('\n'),
    parsed: () => lines.map((line) => JSON.parse(line) as Record<string, unknown>),
  };
}

const API_KEY = `slk_0123456789abcdef_${'S'.repeat(43)}`;
const JWT = 'eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJhbm5la2UifQ.c2lnbmF0dXJl';
const EMAIL = 'anneke.geheim@example.org';

describe('the logger keeps credentials and contact details out of every line', () => {
  it('redacts credential and contact fields at any of the first four levels, keeping the key and the other fields', () => {
    const { logger, parsed } = capture();
    logger.info(
      {
        authorization: `Bearer ${API_KEY}`,
        req: {
          headers: { authorization: `Bearer ${JWT}`, cookie: 'session=1', 'set-cookie': 'a=b', host: 'localhost' },
        },
        person: { email: EMAIL, displayName: 'Anneke Geheim', phone: '+31612345678', role: 'mentor' },
        deep: { a: { b: { token: 'sml_abc', secret: 'whsec_x', password: 'p' } } },
        hireId: 'h-1',
      },
      'iets',
    );
    const [line] = parsed();
    expect(line).toMatchObject({
      authorization: REDACTED,
      req: { headers: { authorization: REDACTED, cookie: REDACTED, 'set-cookie': REDACTED, host: 'localhost' } },
      person: { email: REDACTED, displayName: REDACTED, phone: REDACTED, role: 'mentor' },
      deep: { a: { b: { token: REDACTED, secret: REDACTED, password: REDACTED } } },
      hireId: 'h-1',
      msg: 'iets',
    });
  });

  it('logs an error by kind, code, scrubbed message, stack and cause — never its other properties such as a request body', () => {
    const { logger, parsed, text } = capture();
    const refused = Object.assign(new Error(`Can't send mail - all recipients were rejected: 550 <${EMAIL}>`), {
      code: 'EENVELOPE',
      response: `550 5.1.1 <${EMAIL}> unknown`,
      body: `{"email":"${EMAIL}"}`,
      cause: new Error(`upstream said Bearer ${JWT}`),
    });
    logger.error({ err: refused, method: 'POST', path: '/hires' }, 'verzoek mislukt');
    const [line] = parsed();
    expect(line!.err).toMatchObject({
      type: 'Error',
      code: 'EENVELOPE',
      message: `Can't send mail - all recipients were rejected: 550 <${REDACTED}>`,
      cause: { message: `upstream said ${REDACTED}` },
    });
    expect(Object.keys(line!.err as object).sort()).toEqual(['cause', 'code', 'message', 'stack', 'type']);
    expect(text()).not.toContain(EMAIL);
    expect(text()).not.toContain(JWT);
  });

  it('scrubs mail addresses and tokens from messages and from the Temporal SDK metadata', () => {
    const { logger, text, parsed } = capture();
    logger.warn(`sleutel ${API_KEY} van ${EMAIL} geweigerd`);
    logger.warn({ temporal: { activityType: 'sendMail', error: new Error(`rejected ${EMAIL}`) } }, 'Activity failed');
    expect(text()).not.toContain(EMAIL);
    expect(text()).not.toContain(API_KEY);
    expect(parsed()[0]!.msg).toBe(`sleutel ${REDACTED} van ${REDACTED} geweigerd`);
    expect(parsed()[1]!.temporal).toMatchObject({
      activityType: 'sendMail',
      error: { message: `rejected ${REDACTED}` },
    });
  });
});

describe('the logger names the request a line was written for', () => {
  it('adds the requestId of the request being handled, across awaits, and nothing outside a request', async () => {
    const { logger, parsed } = capture();
    logger.info('voor');
    await inRequest({ requestId: 'req-1' }, async () => {
      logger.info('begin');
      await new Promise((resolve) => setTimeout(resolve, 5));
      logger.child({ hireId: 'h-1' }).warn('na een await');
    });
    await Promise.all([
      inRequest({ requestId: 'req-2' }, async () => {
        await new Promise((resolve) => setTimeout(resolve, 5));
        logger.info('tweede');
      }),
      inRequest({ requestId: 'req-3' }, async () => logger.info('derde')),
    ]);
    logger.info('na');
    expect(parsed().map(({ msg, requestId, hireId }) => ({ msg, requestId, hireId }))).toEqual([
      { msg: 'voor', requestId: undefined, hireId: undefined },
      { msg: 'begin', requestId: 'req-1', hireId: undefined },
      { msg: 'na een await', requestId: 'req-1', hireId: 'h-1' },
      { msg: 'derde', requestId: 'req-3', hireId: undefined },
      { msg: 'tweede', requestId: 'req-2', hireId: undefined },
      { msg: 'na', requestId: undefined, hireId: undefined },
    ]);
  });
});
