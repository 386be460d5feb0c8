import { loadConfig } from '../config';

describe('lease settings', () => {
  it('default to a 15 s lease renewed every 5 s, in the data folder', () => {
    expect(loadConfig({ DATA_DIR: '/srv/data' }).lease).toEqual({
      ttlSeconds: 15,
      renewSeconds: 5,
      dbPath: '/srv/data/leases.sqlite',
    });
    expect(loadConfig({ LEASE_TTL_SECONDS: '4', LEASE_RENEW_SECONDS: '2', LEASE_DB_PATH: '/l.sqlite' }).lease).toEqual({
      ttlSeconds: 4,
      renewSeconds: 2,
      dbPath: '/l.sqlite',
    });
  });

  it('refuse a renewal that does not fit twice in the lease, or none at all', () => {
    expect(() => loadConfig({ LEASE_TTL_SECONDS: '5', LEASE_RENEW_SECONDS: '3' })).toThrow(
      /LEASE_TTL_SECONDS \(5\) must be at least twice LEASE_RENEW_SECONDS \(3\)/,
    );
    expect(() => loadConfig({ LEASE_RENEW_SECONDS: '0' })).toThrow(/LEASE_RENEW_SECONDS must be at least 1/);
    expect(() => loadConfig({ LEASE_TTL_SECONDS: 'soon' })).toThrow(/LEASE_TTL_SECONDS must be a whole number/);
  });
});
