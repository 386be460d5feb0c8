import type { RequestHandler } from 'express';
import type { OpenApiDocument } from '../http/openapiDocument';
import { Problem } from '../problems/problem';

/** The methods a path template takes, lower case as in an OpenAPI path item (`get`, `post`, …). */
export type PathMethods = Readonly<Record<string, readonly string[]>>;

/** Methods in the order an `Allow` header lists them. */
const ALLOW_ORDER = ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS'] as const;
const OPERATION_METHODS = ['get', 'put', 'post', 'delete', 'patch'];

interface Resource {
  /** Lower case, as requests are matched; a `{parameter}` segment as it stands. */
  readonly segments: readonly string[];
  /** Literal segments count for more than `{parameters}` (OpenAPI: `/hires/mine` before `/hires/{hireId}`). */
  readonly literals: number;
  readonly allow: string;
}

/**
 * What each path of the API allows, from the contract's path items (plus the few paths served outside it, such as
 * the docs): GET brings HEAD, and every resource answers OPTIONS. The one place `Allow` headers come from.
 */
export class ResourceMethods {
  /**
   * By number of segments, each list most literal first: every request asks, so it compares against the few
   * templates of its own length, not all of them.
   */
  private readonly resources = new Map<number, Resource[]>();

  constructor(paths: PathMethods) {
    const resources = Object.entries(paths)
      .map(([template, methods]) => {
        const segments = splitPath(template).map((segment) => (isParameter(segment) ? segment : segment.toLowerCase()));
        const upper = new Set(methods.map((method) => method.toUpperCase()));
        if (upper.has('GET')) upper.add('HEAD');
        upper.add('OPTIONS');
        return {
          segments,
          literals: segments.filter((segment) => !isParameter(segment)).length,
          allow: ALLOW_ORDER.filter((method) => upper.has(method)).join(', '),
        };
      })
      .sort((a, b) => b.literals - a.literals);
    for (const resource of resources) {
      const ofLength = this.resources.get(resource.segments.length) ?? [];
      ofLength.push(resource);
      this.resources.set(resource.segments.length, ofLength);
    }
  }

  static fromContract(document: OpenApiDocument, outside: PathMethods = {}): ResourceMethods {
    const contract = Object.fromEntries(
      Object.entries(document.paths).map(([template, item]) => [
        template,
        OPERATION_METHODS.filter((method) => method in item),
      ]),
    );
    return new ResourceMethods({ ...contract, ...outside });
  }

  /** The `Allow` value of the resource at this path, or undefined when the API has no such resource. */
  allowFor(path: string): string | undefined {
    // Express routes case-insensitively and ignores one trailing slash; so does this.
    const segments = splitPath(path).map((segment) => segment.toLowerCase());
    return this.resources
      .get(segments.length)
      ?.find((resource) =>
        resource.segments.every((segment, i) => (isParameter(segment) ? segments[i] !== '' : segment === segments[i])),
      )?.allow;
  }
}

/**
 * Before any router: OPTIONS on a resource is 204 with `Allow`; a method the resource does not take is 405
 * problem+json with `Allow`; TRACE and CONNECT are 405 everywhere (nothing here echoes or tunnels). Paths the API does
 * not have go on to the routers and end as 404.
 */
export function methodGuard(resources: ResourceMethods): RequestHandler {
  return (req, res, next) => {
    const allow = resources.allowFor(req.path);
    const refuse = (allowed: string) =>
      next(
        new Problem(405, 'method-not-allowed', { method: req.method, path: req.path, allow: allowed }, undefined, {
          Allow: allowed,
        }),
      );
    if (req.method === 'TRACE' || req.method === 'CONNECT') return refuse(allow ?? '');
    if (allow === undefined) return next();
    if (req.method === 'OPTIONS') {
      res.setHeader('Allow', allow);
      res.status(204).end();
      return;
    }
    if (!allow.split(', ').includes(req.method)) return refuse(allow);
    next();
  };
}

function splitPath(path: string): string[] {
  const trimmed = path.length > 1 && path.endsWith('/') ? path.slice(0, -1) : path;
  return trimmed.split('/').slice(1);
}

function isParameter(segment: string): boolean {
  return segment.startsWith('{') && segment.endsWith('}');
}
