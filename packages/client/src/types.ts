// The router's type is all a client needs from the server: tRPC derives every procedure's input and output from
// it. Inside this repository it points at packages/api; the tarball's index.d.ts prints the same types without the
// server's internals (scripts/router-types.ts, README "How the tarball is built").
import type { AppRouter } from '@callmine/api';
import type { inferRouterInputs, inferRouterOutputs } from '@trpc/server';

export type { AppRouter };
/** Inputs of every procedure, e.g. `CallmineInputs['apiTokens']['create']`. */
export type CallmineInputs = inferRouterInputs<AppRouter>;
/** Outputs of every procedure, e.g. `CallmineOutputs['workspace']['get']`. */
export type CallmineOutputs = inferRouterOutputs<AppRouter>;
