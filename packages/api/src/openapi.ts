// The OpenAPI 3.1 document (/docs/openapi.json), built from the same reference as /docs/api, so a procedure added
// to the router appears here with no edit. It describes tRPC's real HTTP shapes: a query is GET /trpc/<path> with
// the input as URL-encoded JSON in `input`, a mutation is POST /trpc/<path> with a JSON body, every answer is
// { result: { data } } and every failure { error: { message, code, data } }.
import { type TRPC_ERROR_CODE_KEY, TRPCError } from '@trpc/server';
import { getHTTPStatusCodeFromError } from '@trpc/server/http';
import { supportedClientVersions } from './client-version.ts';
import type { DocumentedError } from './meta.ts';
import type { ApiReference, ProcedureReference } from './reference.ts';

type Json = Record<string, unknown>;

const errorRef = { $ref: '#/components/schemas/Error' };
const retryAfter = { $ref: '#/components/headers/Retry-After' };

/** A JSON Schema from zod, fit to embed: the dialect is the document's (3.1 schemas are 2020-12). */
function embed(schema: unknown): Json {
  if (schema === null || typeof schema !== 'object') return {};
  const { $schema: _dialect, ...rest } = schema as Json;
  return rest;
}

function statusOf(code: TRPC_ERROR_CODE_KEY): number {
  return getHTTPStatusCodeFromError(new TRPCError({ code }));
}

/** One response per HTTP status, its description listing every documented case (code, reason, when). */
function errorResponses(errors: readonly DocumentedError[]): Json {
  const byStatus = new Map<number, DocumentedError[]>();
  for (const error of errors) {
    const status = statusOf(error.code);
    byStatus.set(status, [...(byStatus.get(status) ?? []), error]);
  }
  const responses: Json = {};
  for (const [status, cases] of [...byStatus].sort(([a], [b]) => a - b)) {
    const description = cases
      .map((e) => `\`${e.code}\`${e.reason ? ` (reason \`${e.reason}\`)` : ''}: ${e.when}`)
      .join('\n\n');
    responses[String(status)] = {
      description,
      ...(status === 429 ? { headers: { 'Retry-After': retryAfter } } : {}),
      content: { 'application/json': { schema: errorRef } },
    };
  }
  return responses;
}

function tokenText(p: ProcedureReference): string {
  if (p.tokenRoles.length === 0) return 'Session only: API tokens are refused.';
  return `API token roles: ${p.tokenRoles.join(', ')}.`;
}

function operation(p: ProcedureReference, commonErrors: readonly DocumentedError[]): Json {
  const input = embed(p.input);
  const transport =
    p.type === 'query'
      ? p.input === null
        ? {}
        : {
            parameters: [
              {
                name: 'input',
                in: 'query',
                required: p.inputRequired,
                description: 'The input as JSON, URL-encoded.',
                content: { 'application/json': { schema: input } },
              },
            ],
          }
      : p.input === null
        ? {}
        : { requestBody: { required: p.inputRequired, content: { 'application/json': { schema: input } } } };
  return {
    operationId: p.path.replaceAll('.', '_'),
    summary: p.summary,
    description: `${p.summary}\n\nAccess: ${p.access}. ${tokenText(p)}`,
    tags: [p.path.split('.').slice(0, -1).join('.')],
    // Which token roles the server lets through (the same rule the middleware applies).
    'x-callmine-token-roles': p.tokenRoles,
    // Public procedures answer without a token too ({} = no authentication); a bad token is still refused.
    security: p.access === 'public' ? [{}, { bearerToken: [] }] : [{ bearerToken: [] }],
    ...transport,
    responses: {
      '200': {
        description: 'The procedure’s output in tRPC’s envelope.',
        content: {
          'application/json': {
            schema: {
              type: 'object',
              required: ['result'],
              properties: {
                result: {
                  type: 'object',
                  required: ['data'],
                  properties: { data: embed(p.output) },
                },
              },
            },
          },
        },
      },
      ...errorResponses([...commonErrors, ...p.errors]),
    },
  };
}

export interface OpenApiOptions {
  /** The server's public URL (`CALLMINE_PUBLIC_URL`). */
  publicUrl: string;
}

/**
 * Every procedure an API token may call, as OpenAPI 3.1. Session-only procedures (members, tokens, sign-in, Gong
 * credentials) are left out: a generated client authenticates with a token, and /docs/api lists them.
 */
export function buildOpenApiDocument(reference: ApiReference, options: OpenApiOptions): Json {
  const paths: Json = {};
  for (const p of reference.procedures) {
    if (p.tokenRoles.length === 0) continue;
    paths[`/trpc/${p.path}`] = {
      [p.type === 'query' ? 'get' : 'post']: operation(p, reference.commonErrors),
    };
  }
  return {
    openapi: '3.1.0',
    info: {
      title: 'Callmine API',
      version: `${supportedClientVersions.major}.0.0`,
      description:
        'Callmine’s API is tRPC over plain HTTP. Queries are GET /trpc/<procedure>?input=<URL-encoded JSON>; mutations are POST /trpc/<procedure> with a JSON body (Content-Type: application/json). Answers are {"result":{"data":…}}; failures {"error":{message, code, data:{code, httpStatus, fieldErrors?, reason?}}} with the HTTP status of data.code. Authenticate with an API token (Authorization: Bearer cm_…). The HTML reference, with session-only procedures too, is /docs/api.',
    },
    servers: [{ url: options.publicUrl.replace(/\/+$/, '') }],
    security: [{ bearerToken: [] }],
    paths,
    components: {
      securitySchemes: {
        bearerToken: {
          type: 'http',
          scheme: 'bearer',
          bearerFormat: 'cm_…',
          description:
            'An API token from Settings → API tokens (read, member or admin). Tokens start with cm_ and are shown once.',
        },
      },
      headers: {
        'Retry-After': {
          description: 'Seconds to wait before calling again (429 token-rate-limited).',
          schema: { type: 'integer', minimum: 0 },
        },
      },
      schemas: {
        Error: {
          type: 'object',
          required: ['error'],
          properties: { error: embed(reference.errorShape) },
        },
      },
    },
  };
}
