import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';

export interface ContractOperation {
  readonly operationId: string;
  readonly method: string;
  readonly path: string;
  readonly pathParameters: readonly string[];
  /** Header parameters, lower case. */
  readonly headers: readonly string[];
}

export const OPENAPI_FILE = join(__dirname, '../../contracts/openapi.yaml');

/**
 * Every operation of contracts/openapi.yaml, read afresh, so an endpoint added tomorrow is covered by the suites
 * that walk them (tenant isolation, log redaction).
 */
export function contractOperations(): ContractOperation[] {
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- the parts of the document read here are checked as they are used
  const document = parse(readFileSync(OPENAPI_FILE, 'utf8')) as any;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  const resolve = (parameter: any) =>
    parameter.$ref ? document.components.parameters[parameter.$ref.split('/').pop()] : parameter;
  const operations: ContractOperation[] = [];
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  for (const [path, item] of Object.entries<Record<string, any>>(document.paths)) {
    for (const method of ['get', 'put', 'post', 'delete', 'patch']) {
      const operation = item[method];
      if (!operation) continue;
      const parameters = [...(item.parameters ?? []), ...(operation.parameters ?? [])].map(resolve);
      operations.push({
        operationId: operation.operationId,
        method: method.toUpperCase(),
        path,
        pathParameters: [...path.matchAll(/\{(\w+)\}/g)].map((match) => match[1]!),
        // eslint-disable-next-line @typescript-eslint/no-explicit-any
        headers: parameters
          .filter((parameter: any) => parameter.in === 'header')
          .map((parameter: any) => parameter.name.toLowerCase()),
      });
    }
  }
  return operations;
}
