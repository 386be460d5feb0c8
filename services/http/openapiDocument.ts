import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';

/** The contract is the source of truth: the API validates against the very file other systems read. */
export const OPENAPI_PATH = join(__dirname, '../../contracts/openapi.yaml');

export interface OpenApiParameter {
  readonly name: string;
  readonly in: 'header' | 'path' | 'query' | 'cookie';
  readonly required?: boolean;
  readonly schema: object;
}

export interface OpenApiOperation {
  readonly operationId: string;
  readonly parameters?: readonly (OpenApiParameter | { $ref: string })[];
  readonly requestBody?: { required?: boolean; content: Record<string, { schema: object }> };
}

export interface OpenApiDocument {
  readonly paths: Record<string, Record<string, OpenApiOperation> & { parameters?: OpenApiOperation['parameters'] }>;
  readonly components: Record<string, Record<string, unknown>>;
}

export function loadOpenApiDocument(path = OPENAPI_PATH): OpenApiDocument {
  return parse(readFileSync(path, 'utf8')) as OpenApiDocument;
}
