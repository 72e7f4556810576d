// Compile-time proof that the client is typed by the router: `tsc` checks this file (typecheck runs over tests),
// so a wrong input that compiled would fail the build at the unused @ts-expect-error.
import { describe, expectTypeOf, it } from 'vitest';
import { type CallmineInputs, type CallmineOutputs, createCallmineClient } from './index.ts';

describe('client types', () => {
  it('types inputs and outputs from the router', () => {
    expectTypeOf<CallmineInputs['workspace']['rename']>().toEqualTypeOf<{ name: string }>();
    expectTypeOf<CallmineOutputs['workspace']['get']>().toEqualTypeOf<{
      id: string;
      name: string;
      createdAt: string;
      memberCount: number;
    }>();
    expectTypeOf<CallmineInputs['apiTokens']['create']['role']>().toEqualTypeOf<
      'admin' | 'member' | 'read'
    >();

    const callmine = createCallmineClient({ url: 'http://localhost:1', token: 'cm_example' });
    expectTypeOf(callmine.workspace.rename.mutate).parameter(0).toEqualTypeOf<{ name: string }>();
    expectTypeOf(callmine.workspace.get.query).returns.resolves.toEqualTypeOf<
      CallmineOutputs['workspace']['get']
    >();
    expectTypeOf(callmine.workspace.rename.mutate).parameter(0).not.toEqualTypeOf<{ name: number }>();
  });

  it('rejects wrong inputs at compile time', () => {
    const callmine = createCallmineClient({ url: 'http://localhost:1', token: 'cm_example' });
    // Never sent: these calls exist for the compiler; the lambdas are not invoked.
    const wrong = [
      // @ts-expect-error a number is not a workspace name
      () => callmine.workspace.rename.mutate({ name: 42 }),
      // @ts-expect-error 'owner' is not a role a token can have
      () => callmine.apiTokens.create.mutate({ name: 'x', role: 'owner' }),
      // @ts-expect-error the required name is missing
      () => callmine.apiTokens.create.mutate({ role: 'admin' }),
      // @ts-expect-error no such procedure
      () => callmine.workspace.delete.mutate(),
      // @ts-expect-error a query is not a mutation
      () => callmine.workspace.get.mutate(),
    ];
    expectTypeOf(wrong).toBeArray();
  });
});
