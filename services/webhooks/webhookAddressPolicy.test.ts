import { WebhookAddressPolicy, WebhookAddressRefused } from './webhookAddressPolicy';

describe('where webhooks may go', () => {
  const closed = new WebhookAddressPolicy();

  it('refuses loopback, link-local, private, metadata and other non-public addresses, however they are written', () => {
    const inside = [
      '127.0.0.1',
      '127.9.9.9',
      '0.0.0.0',
      '10.1.2.3',
      '172.16.0.1',
      '172.31.255.255',
      '192.168.0.10',
      '100.64.0.1',
      '169.254.169.254',
      '100.100.100.200',
      '224.0.0.1',
      '255.255.255.255',
      '198.18.0.1',
      '::',
      '::1',
      'fe80::1',
      'fd00:ec2::254',
      'fc00::1',
      'ff02::1',
      '64:ff9b::7f00:1',
      '2002:7f00:1::',
      '::ffff:127.0.0.1',
      '::ffff:7f00:1',
      '0:0:0:0:0:ffff:a9fe:a9fe',
      '[::1]',
    ];
    expect(inside.filter((address) => closed.allowsAddress(address))).toEqual([]);
    expect(
      ['93.184.215.14', '8.8.8.8', '172.32.0.1', '2606:4700::1111', '::ffff:8.8.8.8'].filter(
        (a) => !closed.allowsAddress(a),
      ),
    ).toEqual([]);
    expect(closed.allowsAddress('not-an-address')).toBe(false);
  });

  it('lets the operator allow host names (whatever they resolve to), addresses and ranges', () => {
    const open = new WebhookAddressPolicy(['127.0.0.1', '10.20.0.0/16', 'fd12::/16', 'Hooks.Internal']);
    expect(open.allowsAddress('127.0.0.1')).toBe(true);
    expect(open.allowsAddress('::ffff:127.0.0.1')).toBe(true);
    expect(open.allowsAddress('127.0.0.2')).toBe(false);
    expect(open.allowsAddress('10.20.3.4')).toBe(true);
    expect(open.allowsAddress('10.21.0.1')).toBe(false);
    expect(open.allowsAddress('fd12::9')).toBe(true);
    expect(open.allowsHostName('hooks.internal')).toBe(true);
    expect(open.allowsHostName('other.internal')).toBe(false);
    expect(() => new WebhookAddressPolicy(['10.0.0.0/33'])).toThrow(/WEBHOOK_ALLOWED_HOSTS/);
    expect(() => new WebhookAddressPolicy(['hooks.internal/8'])).toThrow(/WEBHOOK_ALLOWED_HOSTS/);
  });

  it('checks a URL after resolving its name, with the system resolver', async () => {
    // localhost resolves (from /etc/hosts) to loopback: the name does not hide the address.
    await expect(closed.check('http://localhost:8080/hooks')).rejects.toMatchObject({
      reason: 'not-allowed',
      host: 'localhost',
    });
    await expect(closed.check('http://169.254.169.254/latest/meta-data/')).rejects.toBeInstanceOf(
      WebhookAddressRefused,
    );
    await expect(closed.check('http://[::ffff:7f00:1]/')).rejects.toMatchObject({ reason: 'not-allowed' });
    await expect(closed.check('http://nergens.invalid/')).rejects.toMatchObject({ reason: 'unresolvable' });
    await expect(new WebhookAddressPolicy(['localhost']).check('http://localhost:8080/hooks')).resolves.toBeUndefined();
    await expect(
      new WebhookAddressPolicy(['127.0.0.0/8', '::1']).check('http://localhost:8080/hooks'),
    ).resolves.toBeUndefined();
  });

  it('refuses a name when any one of its addresses is inside, and checks again at connection time (rebinding)', async () => {
    const answers: { address: string; family: number }[][] = [
      [{ address: '93.184.215.14', family: 4 }],
      [
        { address: '93.184.215.14', family: 4 },
        { address: '10.0.0.5', family: 4 },
      ],
    ];
    let call = 0;
    const rebinding = new WebhookAddressPolicy([], async () => answers[Math.min(call++, answers.length - 1)]!);
    await expect(rebinding.check('https://hooks.example/')).resolves.toBeUndefined();
    const connected = await new Promise<unknown>((resolve) =>
      rebinding.lookup('hooks.example', { all: true }, (error, address) => resolve(error ?? address)),
    );
    expect(connected).toMatchObject({ reason: 'not-allowed', address: '10.0.0.5' });
  });
});
