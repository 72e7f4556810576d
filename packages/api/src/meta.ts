import type { TRPC_ERROR_CODE_KEY } from '@trpc/server';

/** Who may call a procedure. Set by the procedure builders in trpc.ts, never by hand. */
/** account: any signed-in person, in a workspace or not; operator: the instance's operator. */
export type Access = 'public' | 'member' | 'admin' | 'account' | 'operator';

export interface DocumentedError {
  code: TRPC_ERROR_CODE_KEY;
  /** `data.reason`, when the error carries one a client can branch on. */
  reason?: string;
  when: string;
}

/**
 * Per-procedure metadata: the middleware enforces `access` and `tokens`, and the API reference prints all of
 * it, so what the reference says is what the server does.
 */
export interface ProcedureMeta {
  access?: Access;
  /** false: only a person's session may call this (managing members or tokens); an API token is refused. */
  tokens?: boolean;
  summary?: string;
  errors?: readonly DocumentedError[];
}
