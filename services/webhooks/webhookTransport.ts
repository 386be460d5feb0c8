import { request as httpRequest } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { isIP } from 'node:net';
import { type WebhookAddressPolicy, WebhookAddressRefused } from './webhookAddressPolicy';

/**
 * One POST to a receiver, over node:http(s) rather than fetch so that the address check sits in the
 * connection's own DNS lookup (see WebhookAddressPolicy.lookup). Redirects are never followed: a 3xx is an
 * answer like any other non-2xx, so a receiver cannot send the server on to an address it may not call.
 * Resolves with the status code; rejects when no answer came (refused address, network, timeout, abort).
 */
export function postWebhook(
  url: string,
  headers: Readonly<Record<string, string>>,
  body: string,
  options: { readonly policy: WebhookAddressPolicy; readonly signal: AbortSignal },
): Promise<number> {
  const target = new URL(url);
  const hostname = target.hostname.replace(/^\[(.*)\]$/, '$1');
  // An address in the URL is never looked up, so it is judged here.
  if (isIP(hostname) && !options.policy.allowsHostName(hostname) && !options.policy.allowsAddress(hostname)) {
    return Promise.reject(new WebhookAddressRefused('not-allowed', hostname, hostname));
  }
  const send = target.protocol === 'https:' ? httpsRequest : httpRequest;
  return new Promise((resolve, reject) => {
    const req = send(
      target,
      {
        method: 'POST',
        headers: { ...headers, 'content-length': Buffer.byteLength(body).toString() },
        lookup: options.policy.lookup,
        // A connection of its own each time: every delivery's address is looked up and checked anew.
        agent: false,
        signal: options.signal,
      },
      (response) => {
        response.resume();
        response.on('error', () => undefined);
        resolve(response.statusCode ?? 0);
      },
    );
    req.on('error', (error) => reject(error));
    req.end(body);
  });
}
