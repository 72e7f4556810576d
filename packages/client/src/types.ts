// The router's type is all a client needs from the server: tRPC derives every procedure's input and output from
// it. Inside this repository it points at packages/api; a published build would bundle these declarations
// (see README).
import type { AppRouter } from '@callmine/api';
import type { inferRouterInputs, inferRouterOutputs } from '@trpc/server';

export type { AppRouter };
/** Inputs of every procedure, e.g. `CallmineInputs['apiTokens']['create']`. */
export type CallmineInputs = inferRouterInputs<AppRouter>;
/** Outputs of every procedure, e.g. `CallmineOutputs['workspace']['get']`. */
export type CallmineOutputs = inferRouterOutputs<AppRouter>;
