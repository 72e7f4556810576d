import type { Principal } from '@callmine/api';
import type { RequestIdVariables } from 'hono/request-id';

/** Typed `c.var` for what middleware and routes add. */
export type AppEnv = {
  Variables: RequestIdVariables & {
    userId?: string;
    /** Who called: a session's user or a token's id (never the token itself). */
    principal?: Principal;
    /** The tRPC answer's size in bytes as JSON, when the route knew it before the body was built (compression). */
    answerBytes?: number;
    /** Every answer's fixed headers (security headers, X-Request-Id), from the request envelope. */
    envelopeHeaders?: Readonly<Record<string, string>>;
    /**
     * Set by a route whose answer already carries `envelopeHeaders` and its final Vary (a small GET of queries,
     * built with plain headers): the envelope and compressAnswers then leave its headers untouched.
     */
    headersComplete?: boolean;
  };
};
