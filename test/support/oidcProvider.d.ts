/**
 * The parts of the npm `oidc-provider` that test/support/certifiedOpProcess.ts uses (the package ships no types).
 * Its configuration is its own documented object; only the callbacks used are typed here.
 */
declare module 'oidc-provider' {
  import type { IncomingMessage, ServerResponse } from 'node:http';

  interface Token {
    readonly kind: string;
    readonly accountId?: string;
  }
  interface Configuration {
    readonly clients?: readonly Record<string, unknown>[];
    readonly jwks?: { readonly keys: readonly Record<string, unknown>[] };
    readonly cookies?: { readonly keys: readonly string[] };
    readonly pkce?: { readonly required: () => boolean };
    readonly scopes?: readonly string[];
    readonly features?: Record<string, unknown> & {
      readonly resourceIndicators?: {
        readonly enabled: boolean;
        readonly defaultResource?: () => string;
        readonly useGrantedResource?: () => boolean;
        readonly getResourceServerInfo?: (ctx: unknown, resource: string) => Record<string, unknown>;
      };
    };
    readonly findAccount?: (
      ctx: unknown,
      id: string,
    ) => { accountId: string; claims: () => Record<string, unknown> } | undefined;
    readonly extraTokenClaims?: (ctx: unknown, token: Token) => Record<string, unknown> | undefined;
  }

  export default class Provider {
    constructor(issuer: string, configuration: Configuration);
    on(event: 'server_error', listener: (ctx: unknown, error: Error) => void): this;
    callback(): (req: IncomingMessage, res: ServerResponse) => void;
  }
}
