import type { ApiTokenRole } from '@callmine/contracts';
import type { AnyProcedure, AnyRouter } from '@trpc/server';
import { type ZodType, z } from 'zod';
import type { Access, DocumentedError, ProcedureMeta } from './meta.ts';
import { appRouter } from './root.ts';

export interface ProcedureReference {
  /** Dotted path, as a client calls it: `workspace.get`. */
  path: string;
  type: 'query' | 'mutation' | 'subscription';
  access: Access;
  /** Whether an API token may call it (with a role at least `access`). */
  tokens: boolean;
  /**
   * Which token roles may call it, as the middleware in trpc.ts decides: none when `tokens` is false; admin
   * procedures need an admin token; a read token may call queries only.
   */
  tokenRoles: ApiTokenRole[];
  summary: string;
  /** JSON Schema of the input; null when the procedure takes none. */
  input: unknown;
  /** Whether a call must send an input (false when the procedure takes none or accepts it left out). */
  inputRequired: boolean;
  output: unknown;
  errors: readonly DocumentedError[];
}

export interface ApiReference {
  procedures: ProcedureReference[];
  /** Errors every procedure may return besides its own. */
  commonErrors: DocumentedError[];
  errorShape: unknown;
}

/** The error body every failed call carries (tRPC's `error` object), as produced by trpc.ts's errorFormatter. */
const errorShape = z.object({
  message: z.string().describe('A sentence fit to show a person. Never contains a secret.'),
  code: z.number().int().describe('JSON-RPC error code.'),
  data: z.object({
    code: z.string().describe('tRPC error code, e.g. FORBIDDEN. Branch on this.'),
    httpStatus: z.number().int(),
    fieldErrors: z
      .record(z.string(), z.array(z.string()))
      .optional()
      .describe('For invalid input: messages per input field.'),
    reason: z.string().optional().describe('A finer machine-readable reason, e.g. invalid-token.'),
  }),
});

const commonErrors: DocumentedError[] = [
  { code: 'BAD_REQUEST', when: 'The input is invalid; data.fieldErrors says which fields and why.' },
  { code: 'UNAUTHORIZED', when: 'Not signed in (procedures that need a member).' },
  {
    code: 'UNAUTHORIZED',
    reason: 'invalid-token',
    when: 'The Bearer token is unknown, revoked or expired (every procedure).',
  },
  { code: 'FORBIDDEN', when: 'The caller lacks the required role.' },
  {
    code: 'FORBIDDEN',
    reason: 'session-required',
    when: 'An API token called a procedure tokens may not call.',
  },
  {
    code: 'FORBIDDEN',
    reason: 'read-only-token',
    when: 'A read-only API token called a mutation (read tokens may call queries only).',
  },
  {
    code: 'TOO_MANY_REQUESTS',
    reason: 'token-rate-limited',
    when: 'The token made too many calls; wait for the Retry-After header (seconds).',
  },
  {
    code: 'PRECONDITION_FAILED',
    reason: 'client-version-unsupported',
    when: 'The x-callmine-client header names a @callmine/client version this server does not serve; the message says which do.',
  },
  {
    code: 'FORBIDDEN',
    reason: 'cross-origin',
    when: 'A mutation from a browser page of another origin (API-token calls without cookies are not checked).',
  },
  {
    code: 'PAYLOAD_TOO_LARGE',
    reason: 'body-too-large',
    when: 'A mutation’s body is over the server’s limit (CALLMINE_BODY_LIMIT_KB).',
  },
  {
    code: 'UNSUPPORTED_MEDIA_TYPE',
    reason: 'not-json',
    when: 'A mutation’s body is not sent as Content-Type: application/json.',
  },
  { code: 'INTERNAL_SERVER_ERROR', when: 'Something failed on our side; the message is generic.' },
];

function jsonSchema(schema: ZodType | undefined, io: 'input' | 'output'): unknown {
  if (!schema) return null;
  // 'any' for what JSON Schema cannot say (transforms): the reference shows the rest rather than failing.
  return z.toJSONSchema(schema, { io, unrepresentable: 'any' });
}

function isZod(value: unknown): value is ZodType {
  return value instanceof z.ZodType;
}

/** The token roles the middleware lets through; kept beside it in spirit, checked against it by a test. */
function tokenRolesFor(access: Access, tokens: boolean, type: ProcedureReference['type']): ApiTokenRole[] {
  if (!tokens) return [];
  if (access === 'admin') return ['admin'];
  return type === 'query' ? ['admin', 'member', 'read'] : ['admin', 'member'];
}

function describe(path: string, procedure: AnyProcedure): ProcedureReference {
  const def = procedure._def as unknown as {
    type: ProcedureReference['type'];
    meta?: ProcedureMeta;
    inputs: unknown[];
    output?: unknown;
  };
  const meta = def.meta ?? {};
  const [input] = def.inputs;
  const access = meta.access ?? 'public';
  const tokens = meta.tokens !== false;
  return {
    path,
    type: def.type,
    access,
    tokens,
    tokenRoles: tokenRolesFor(access, tokens, def.type),
    summary: meta.summary ?? '',
    input: jsonSchema(isZod(input) ? input : undefined, 'input'),
    inputRequired: isZod(input) && !input.safeParse(undefined).success,
    output: jsonSchema(isZod(def.output) ? def.output : undefined, 'output'),
    errors: meta.errors ?? [],
  };
}

/** Every procedure in a router, sorted by path, read from the router itself so the reference cannot drift. */
export function buildApiReference(source: AnyRouter = appRouter): ApiReference {
  const procedures = Object.entries(source._def.procedures as Record<string, AnyProcedure>)
    .map(([path, procedure]) => describe(path, procedure))
    .sort((a, b) => a.path.localeCompare(b.path));
  return { procedures, commonErrors, errorShape: z.toJSONSchema(errorShape) };
}
