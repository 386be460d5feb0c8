import { lookup as dnsLookup } from 'node:dns';
import { BlockList, isIP } from 'node:net';

/**
 * Where webhooks may not go: the server's own network. A subscription is an administrator of one organisation
 * asking the server to send requests for them, so without this an organisation could make the server call
 * its loopback services, the cloud's metadata endpoint (169.254.169.254, fd00:ec2::254) or anything on the
 * private network it sits in (SSRF). Everything that is not public unicast is refused.
 */
const FORBIDDEN_IPV4: readonly [string, number][] = [
  ['0.0.0.0', 8], // "this network"; 0.0.0.0 reaches the local host on Linux
  ['10.0.0.0', 8],
  ['100.64.0.0', 10], // carrier-grade NAT; also Alibaba's metadata address 100.100.100.200
  ['127.0.0.0', 8],
  ['169.254.0.0', 16], // link-local, the metadata endpoint of AWS, GCP and Azure
  ['172.16.0.0', 12],
  ['192.0.0.0', 24],
  ['192.0.2.0', 24],
  ['192.168.0.0', 16],
  ['198.18.0.0', 15],
  ['198.51.100.0', 24],
  ['203.0.113.0', 24],
  ['224.0.0.0', 4], // multicast
  ['240.0.0.0', 4], // reserved, and the broadcast address
];
const FORBIDDEN_IPV6: readonly [string, number][] = [
  ['::', 128],
  ['::1', 128],
  ['64:ff9b::', 96], // NAT64: would reach any IPv4 address, private ones included
  ['64:ff9b:1::', 48],
  ['100::', 64],
  ['2001:db8::', 32],
  ['2002::', 16], // 6to4 embeds an IPv4 address too
  ['fc00::', 7], // unique local, e.g. fd00:ec2::254
  ['fe80::', 10],
  ['ff00::', 8],
];

const forbidden = new BlockList();
for (const [network, prefix] of FORBIDDEN_IPV4) forbidden.addSubnet(network, prefix, 'ipv4');
for (const [network, prefix] of FORBIDDEN_IPV6) forbidden.addSubnet(network, prefix, 'ipv6');

/** Why a URL or address was refused; `address` is what the name resolved to, when it did. */
export class WebhookAddressRefused extends Error {
  constructor(
    readonly reason: 'not-allowed' | 'unresolvable',
    readonly host: string,
    readonly address?: string,
  ) {
    super(
      reason === 'not-allowed'
        ? `webhook address not allowed: ${host}${address && address !== host ? ` (${address})` : ''}`
        : `webhook host does not resolve: ${host}`,
    );
    this.name = 'WebhookAddressRefused';
  }
}

export type LookupAll = (hostname: string) => Promise<readonly { address: string; family: number }[]>;

const systemLookupAll: LookupAll = (hostname) =>
  new Promise((resolve, reject) =>
    dnsLookup(hostname, { all: true }, (error, addresses) => (error ? reject(error) : resolve(addresses))),
  );

const RESOLVE_TIMEOUT_MS = 5_000;

/**
 * The operator's exceptions (WEBHOOK_ALLOWED_HOSTS): host names, matched exactly (case-insensitive), whatever
 * they resolve to; and IP addresses or CIDR ranges, matched against the address a name resolves to.
 */
export class WebhookAddressPolicy {
  private readonly hosts: ReadonlySet<string>;
  private readonly allowed = new BlockList();

  constructor(
    entries: readonly string[] = [],
    private readonly lookupAll: LookupAll = systemLookupAll,
  ) {
    const hosts = new Set<string>();
    for (const entry of entries.map((e) => e.trim()).filter(Boolean)) {
      const [network, prefix, ...rest] = entry.split('/');
      const family = isIP(network!);
      if (family === 0) {
        if (prefix !== undefined)
          throw new Error(`WEBHOOK_ALLOWED_HOSTS: "${entry}" is neither a host name nor an address range`);
        hosts.add(entry.toLowerCase());
        continue;
      }
      const bits = prefix === undefined ? (family === 4 ? 32 : 128) : Number(prefix);
      if (rest.length > 0 || !Number.isInteger(bits) || bits < 0 || bits > (family === 4 ? 32 : 128)) {
        throw new Error(`WEBHOOK_ALLOWED_HOSTS: "${entry}" is not a valid address range`);
      }
      this.allowed.addSubnet(network!, bits, family === 4 ? 'ipv4' : 'ipv6');
    }
    this.hosts = hosts;
  }

  /** True for a host name the operator listed: it is trusted whatever it resolves to. */
  allowsHostName(hostname: string): boolean {
    return this.hosts.has(unbracketed(hostname).toLowerCase());
  }

  /** True for a public unicast address, or one in an operator's range. */
  allowsAddress(address: string): boolean {
    const plain = unbracketed(address);
    const v4 = mappedIpv4(plain);
    if (v4) return this.allowsAddress(v4);
    const family = isIP(plain);
    if (family === 0) return false;
    const type = family === 4 ? 'ipv4' : 'ipv6';
    return this.allowed.check(plain, type) || !forbidden.check(plain, type);
  }

  /**
   * At save time: the URL's host is listed, or is an allowed address, or resolves only to allowed addresses
   * (one forbidden answer among several refuses the whole name: a rebinding trick needs only one).
   * Throws WebhookAddressRefused.
   */
  async check(url: string): Promise<void> {
    const hostname = unbracketed(new URL(url).hostname);
    if (this.allowsHostName(hostname)) return;
    if (isIP(hostname) || mappedIpv4(hostname)) {
      if (!this.allowsAddress(hostname)) throw new WebhookAddressRefused('not-allowed', hostname, hostname);
      return;
    }
    const addresses = await this.resolve(hostname);
    const refused = addresses.find(({ address }) => !this.allowsAddress(address));
    if (refused) throw new WebhookAddressRefused('not-allowed', hostname, refused.address);
  }

  /**
   * For the connection itself (node:net's `lookup` option): the addresses are checked as they are handed to
   * the socket, so what was checked is what is connected to — a name that resolved to a public address when
   * the subscription was saved and to 127.0.0.1 now (DNS rebinding) is refused here.
   */
  readonly lookup = (
    hostname: string,
    options: { all?: boolean; family?: number | string },
    callback: (
      error: NodeJS.ErrnoException | null,
      address: string | { address: string; family: number }[],
      family?: number,
    ) => void,
  ): void => {
    const trusted = this.allowsHostName(hostname);
    this.resolve(hostname).then(
      (addresses) => {
        const refused = trusted ? undefined : addresses.find(({ address }) => !this.allowsAddress(address));
        if (refused) return callback(new WebhookAddressRefused('not-allowed', hostname, refused.address), '');
        const wanted =
          options.family === 6 || options.family === 'IPv6'
            ? 6
            : options.family === 4 || options.family === 'IPv4'
              ? 4
              : 0;
        const usable = addresses
          .filter(({ family }) => wanted === 0 || family === wanted)
          .map(({ address, family }) => ({ address, family }));
        if (usable.length === 0) return callback(new WebhookAddressRefused('unresolvable', hostname), '');
        if (options.all) return callback(null, usable);
        callback(null, usable[0]!.address, usable[0]!.family);
      },
      (error: NodeJS.ErrnoException) => callback(error, ''),
    );
  };

  private async resolve(hostname: string): Promise<readonly { address: string; family: number }[]> {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new WebhookAddressRefused('unresolvable', hostname)), RESOLVE_TIMEOUT_MS);
    });
    try {
      const addresses = await Promise.race([this.lookupAll(hostname), timeout]);
      if (addresses.length === 0) throw new WebhookAddressRefused('unresolvable', hostname);
      return addresses;
    } catch (error) {
      if (error instanceof WebhookAddressRefused) throw error;
      throw new WebhookAddressRefused('unresolvable', hostname);
    } finally {
      clearTimeout(timer);
    }
  }
}

function unbracketed(host: string): string {
  return host.startsWith('[') && host.endsWith(']') ? host.slice(1, -1) : host;
}

const IPV4_MAPPED = new BlockList();
IPV4_MAPPED.addSubnet('::ffff:0:0', 96, 'ipv6');

/** `::ffff:a.b.c.d`, however written, is the IPv4 address it carries, and is judged as one. */
function mappedIpv4(address: string): string | undefined {
  if (isIP(address) !== 6 || !IPV4_MAPPED.check(address, 'ipv6')) return undefined;
  // The URL parser writes every IPv6 address one canonical way: `[::ffff:7f00:1]`.
  const match = /^\[::ffff:([0-9a-f]{1,4}):([0-9a-f]{1,4})\]$/.exec(new URL(`http://[${address}]/`).hostname);
  if (!match) return undefined;
  const high = parseInt(match[1]!, 16);
  const low = parseInt(match[2]!, 16);
  return `${high >> 8}.${high & 0xff}.${low >> 8}.${low & 0xff}`;
}
