import { type ChildProcessWithoutNullStreams, spawn } from 'node:child_process';
import { join } from 'node:path';
import { createInterface } from 'node:readline';

const repo = join(__dirname, '../..');

export interface CertifiedOpSetup {
  readonly clients: readonly { readonly clientId: string; readonly redirectUri: string }[];
  /** Login name → the claims its access tokens carry (roles, person_ref…); any password signs in. */
  readonly accounts: Readonly<Record<string, Record<string, unknown>>>;
  /** The API's audience: access tokens are issued for it (RFC 8707 resource indicator) as signed JWTs. */
  readonly audience: string;
}

/**
 * The npm `oidc-provider` (a certified OpenID provider) in a process of its own (test/support/certifiedOpProcess.ts),
 * with its development login and consent pages: a browser goes through the real authorization code flow with PKCE.
 * Unlike test/support/oidcIssuer.ts, which only publishes keys and signs tokens a test asks for, nothing here hands
 * out a token but the provider's own token endpoint.
 */
export class CertifiedOp {
  private readonly replies: AsyncIterator<string>;

  private constructor(
    private readonly child: ChildProcessWithoutNullStreams,
    readonly issuer: string,
    replies: AsyncIterator<string>,
  ) {
    this.replies = replies;
  }

  /** Listening, with its issuer known; `configure` before a browser signs in. */
  static async start(): Promise<CertifiedOp> {
    const child = spawn(join(repo, 'node_modules/.bin/tsx'), [join(__dirname, 'certifiedOpProcess.ts')], {
      cwd: repo,
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    const stderr: string[] = [];
    child.stderr.on('data', (chunk: Buffer) => {
      const text = chunk.toString();
      // Its warnings about development-only features are expected here; anything else is worth seeing.
      if (!/WARNING/.test(text)) stderr.push(text);
    });
    const replies = createInterface({ input: child.stdout })[Symbol.asyncIterator]();
    const first = await Promise.race([
      replies.next(),
      new Promise<never>((_resolve, reject) =>
        child.once('exit', (code) => reject(new Error(`oidc-provider exited (${code}): ${stderr.join('')}`))),
      ),
    ]);
    const { issuer } = JSON.parse(String(first.value)) as { issuer: string };
    return new CertifiedOp(child, issuer, replies);
  }

  async configure(setup: CertifiedOpSetup): Promise<void> {
    this.child.stdin.write(`${JSON.stringify(setup)}\n`);
    const reply = await this.replies.next();
    if (reply.done || !(JSON.parse(reply.value) as { ready?: boolean }).ready)
      throw new Error('oidc-provider did not take its configuration');
  }

  async stop(): Promise<void> {
    if (this.child.exitCode !== null) return;
    const exited = new Promise((resolve) => this.child.once('exit', resolve));
    this.child.stdin.end();
    await exited;
  }
}
