import Ajv2020, { type ValidateFunction } from 'ajv/dist/2020';
import addFormats from 'ajv-formats';
import type { Request, RequestHandler } from 'express';
import type { OpenApiDocument, OpenApiOperation, OpenApiParameter } from './openapiDocument';
import { type FieldError, Problem, preferredLanguage } from '../problems/problem';
import { hasBody } from './jsonBodies';
import { type Language, describeSchemaError } from '../problems/problemMessages';

const HTTP_METHODS = ['get', 'put', 'post', 'delete', 'patch', 'head', 'options', 'trace'];
const COMPONENTS_ID = 'openapi-components';

interface CompiledParameter {
  readonly parameter: OpenApiParameter;
  readonly validate: ValidateFunction;
}

interface CompiledOperation {
  readonly parameters: readonly CompiledParameter[];
  readonly body?: { readonly required: boolean; readonly validate: ValidateFunction };
}

/**
 * Validates requests against the OpenAPI 3.1 document (JSON Schema 2020-12) by operationId, so a route
 * cannot drift from the contract: an operation missing from the document fails at start-up.
 */
export class RequestValidator {
  private readonly operations = new Map<string, CompiledOperation>();
  private readonly ajv: Ajv2020;

  constructor(private readonly document: OpenApiDocument) {
    const ajv = new Ajv2020({ allErrors: true, strict: false });
    this.ajv = ajv;
    addFormats(ajv);
    ajv.addSchema({ $id: COMPONENTS_ID, components: rebaseRefs(document.components) });
    for (const pathItem of Object.values(document.paths)) {
      for (const method of HTTP_METHODS) {
        const operation = pathItem[method] as OpenApiOperation | undefined;
        if (!operation) continue;
        this.operations.set(
          operation.operationId,
          this.compile(ajv, [...(pathItem.parameters ?? []), ...(operation.parameters ?? [])], operation),
        );
      }
    }
  }

  private compile(
    ajv: Ajv2020,
    parameters: OpenApiOperation['parameters'] & object,
    operation: OpenApiOperation,
  ): CompiledOperation {
    const bodySchema = operation.requestBody?.content['application/json']?.schema;
    return {
      parameters: parameters.map((entry) => {
        const parameter = '$ref' in entry ? this.resolveParameter(entry.$ref) : entry;
        return { parameter, validate: ajv.compile(rebaseRefs(parameter.schema) as object) };
      }),
      body: bodySchema
        ? {
            required: operation.requestBody?.required ?? false,
            validate: ajv.compile(rebaseRefs(bodySchema) as object),
          }
        : undefined,
    };
  }

  private resolveParameter(ref: string): OpenApiParameter {
    const name = ref.replace('#/components/parameters/', '');
    const parameter = this.document.components.parameters?.[name] as OpenApiParameter | undefined;
    if (!parameter) throw new Error(`OpenAPI: unresolved parameter ${ref}`);
    return parameter;
  }

  /** A value against one of the document's component schemas, outside HTTP (e.g. the inbound hire-request topic). */
  schemaErrors(schemaName: string, value: unknown, language: 'nl' | 'en' = 'nl'): FieldError[] {
    const validate = this.ajv.getSchema(`${COMPONENTS_ID}#/components/schemas/${schemaName}`);
    if (!validate) throw new Error(`OpenAPI: no schema "${schemaName}" in contracts/openapi.yaml`);
    if (validate(value)) return [];
    return (validate.errors ?? []).map((error) => ({
      pointer: error.instancePath,
      detail: describeSchemaError(language, error),
    }));
  }

  /** Express middleware for one operation; refuses with one 400 that lists every problem at once. */
  middleware(operationId: string): RequestHandler {
    const operation = this.operations.get(operationId);
    if (!operation) throw new Error(`OpenAPI: no operation "${operationId}" in contracts/openapi.yaml`);
    return (req, _res, next) => {
      // Negotiated only for a refusal: nearly every request is valid, and this runs before each of them.
      let negotiated: Language | undefined;
      const language = () => (negotiated ??= preferredLanguage(req));
      const errors: FieldError[] = [];
      for (const { parameter, validate } of operation.parameters) {
        const value = parameterValue(req, parameter);
        const pointer = `${parameter.in}:${parameter.name}`;
        if (value === undefined) {
          if (parameter.required) {
            errors.push({ pointer, detail: language() === 'nl' ? 'ontbreekt' : 'is required' });
          }
        } else if (!validate(value)) {
          errors.push(
            ...(validate.errors ?? []).map((error) => ({ pointer, detail: describeSchemaError(language(), error) })),
          );
        }
      }
      if (operation.body) {
        if (hasBody(req) && !req.is('application/json')) return next(new Problem(415, 'unsupported-media-type'));
        if (req.body === undefined) {
          if (operation.body.required) {
            errors.push({ pointer: '', detail: language() === 'nl' ? 'de body ontbreekt' : 'the body is missing' });
          }
        } else if (!operation.body.validate(req.body)) {
          errors.push(
            ...(operation.body.validate.errors ?? []).map((error) => ({
              pointer: error.instancePath,
              detail: describeSchemaError(language(), error),
            })),
          );
        }
      }
      next(errors.length > 0 ? new Problem(400, 'invalid-request', {}, errors) : undefined);
    };
  }
}

function parameterValue(req: Request, parameter: OpenApiParameter): unknown {
  switch (parameter.in) {
    case 'header':
      return req.header(parameter.name);
    case 'path':
      return fromText(req.params[parameter.name], parameter.schema);
    case 'query':
      return fromText(req.query[parameter.name], parameter.schema);
    default:
      return req.cookies?.[parameter.name];
  }
}

/**
 * A query string or a path segment carries only text: `limit=20` (or `/versions/2`) is the number when the contract
 * asks for a number, and `groupBy=team,role` the list [team, role] when it asks for a list (style form, not exploded).
 */
function fromText(value: unknown, schema: object): unknown {
  const type = (schema as { type?: unknown }).type;
  if (type === 'array' && typeof value === 'string') return value === '' ? [] : value.split(',');
  if (typeof value !== 'string' || (type !== 'integer' && type !== 'number')) return value;
  return value.trim() !== '' && Number.isFinite(Number(value)) ? Number(value) : value;
}

/** Points the document's local refs (#/components/…) at the components schema registered with Ajv. */
function rebaseRefs(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(rebaseRefs);
  if (node === null || typeof node !== 'object') return node;
  return Object.fromEntries(
    Object.entries(node).map(([key, value]) => [
      key,
      key === '$ref' && typeof value === 'string' && value.startsWith('#/')
        ? `${COMPONENTS_ID}${value}`
        : rebaseRefs(value),
    ]),
  );
}
