import type { Clock } from '../clock';
import { HrisRequestError } from '../hrisConnector';

/** Renew this long before the hour is up, so a token never expires between being handed out and being used. */
const RENEW_MARGIN_MS = 60_000;

interface TokenSettings {
  readonly tokenUrl: string;
  readonly clientId: string;
  readonly clientSecret: string;
  readonly tenantId: string;
  readonly scope?: string;
}

/**
 * OAuth2 client credentials for Visma Connect, one token per tenant cached for its whole lifetime (`expires_in`
 * 3600): the vendor allows 400 token calls a month per app, which one call per call would use up in minutes.
 * Concurrent callers share one request in flight.
 */
export class YouForceTokens {
  private cached: { token: string; renewAt: number } | undefined;
  private pending: Promise<string> | undefined;
  requests = 0;

  constructor(
    private readonly settings: TokenSettings,
    private readonly clock: Clock,
  ) {}

  current(): Promise<string> {
    if (this.cached && this.clock.now() < this.cached.renewAt) return Promise.resolve(this.cached.token);
    this.pending ??= this.request().finally(() => {
      this.pending = undefined;
    });
    return this.pending;
  }

  /** The API refused this token (401): the next caller fetches a new one. */
  forget(token: string): void {
    if (this.cached?.token === token) this.cached = undefined;
  }

  private async request(): Promise<string> {
    this.requests += 1;
    const form = new URLSearchParams({
      grant_type: 'client_credentials',
      client_id: this.settings.clientId,
      client_secret: this.settings.clientSecret,
      // The tenant is fixed at token time (community.visma.com …/ta-p/427792).
      tenant_id: this.settings.tenantId,
      ...(this.settings.scope ? { scope: this.settings.scope } : {}),
    });
    const response = await fetch(this.settings.tokenUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' },
      body: form,
    });
    if (!response.ok) {
      await response.body?.cancel();
      throw new HrisRequestError('youforce', response.status, `token request answered ${response.status}`);
    }
    const body = (await response.json()) as { access_token?: string; expires_in?: number };
    if (!body.access_token)
      throw new HrisRequestError('youforce', response.status, 'token response without access_token');
    const lifetimeMs = (body.expires_in ?? 3600) * 1000;
    this.cached = { token: body.access_token, renewAt: this.clock.now() + Math.max(0, lifetimeMs - RENEW_MARGIN_MS) };
    return body.access_token;
  }
}
