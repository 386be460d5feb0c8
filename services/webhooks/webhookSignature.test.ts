import { Webhook } from 'standardwebhooks';
import { standardWebhookHeaders } from './webhookSignature';

describe('Standard Webhooks signatures', () => {
  it('match the example of the Standard Webhooks specification', () => {
    // github.com/standard-webhooks/standard-webhooks, spec/standard-webhooks.md ("Signature scheme").
    const headers = standardWebhookHeaders(
      'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw',
      'msg_p5jXN8AQM9LWM0D4loKWxJek',
      '{"test": 2432232314}',
      new Date(1614265330_000),
    );
    expect(headers).toEqual({
      'webhook-id': 'msg_p5jXN8AQM9LWM0D4loKWxJek',
      'webhook-timestamp': '1614265330',
      'webhook-signature': 'v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=',
    });
  });

  it('verify with the standardwebhooks package, and only for this body, id, secret and a recent timestamp', () => {
    const secret = 'whsec_C2FVsBQIhrscChlQIMV+b5sSYspob7oD';
    const body = '{"specversion":"1.0","id":"e-1","type":"nl.softlanding.HireRegistered.v1","data":{"hireId":"h-1"}}';
    const headers = standardWebhookHeaders(secret, 'e-1', body);
    expect(new Webhook(secret).verify(body, { ...headers })).toMatchObject({ id: 'e-1' });
    expect(() =>
      new Webhook(secret).verify(body.replace('HireRegistered', 'TerminationRegistered'), { ...headers }),
    ).toThrow('No matching signature found');
    expect(() => new Webhook(secret).verify(body, { ...headers, 'webhook-id': 'e-2' })).toThrow(
      'No matching signature found',
    );
    expect(() => new Webhook('whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw').verify(body, { ...headers })).toThrow(
      'No matching signature found',
    );
    const old = standardWebhookHeaders(secret, 'e-1', body, new Date(Date.now() - 600_000));
    expect(() => new Webhook(secret).verify(body, { ...old })).toThrow(/too old/);
  });

  it('sign with a secret saved before secrets were whsec_ by its own bytes, which receivers verify as "raw"', () => {
    const legacy = 'een-geheim-van-minstens-16-tekens';
    const headers = standardWebhookHeaders(legacy, 'e-1', '{}');
    expect(new Webhook(legacy, { format: 'raw' }).verify('{}', { ...headers })).toEqual({});
  });
});
