// Sign-up as the operator chooses (CALLMINE_SIGNUP): closed by default; open, a person creates their own
// workspace and owns it, an existing email never learns it exists (and with its password gets a workspace added),
// and one address can't mass-create accounts.
import { request } from 'node:http';
import type { AppRouter } from '@callmine/api';
import { sharedResource } from '@callmine/testing';
import { createTRPCClient, httpLink, TRPCClientError } from '@trpc/client';
import { beforeAll, describe, expect, it } from 'vitest';
import { apiClient } from '../testing/api-client.ts';
import { startTestServer } from '../testing/test-server.ts';

const operator = {
  name: 'Olivia Operator',
  email: 'olivia@example.com',
  password: 'correct horse battery',
  workspaceName: 'Host Co',
};
const person = (n: number) => ({
  name: `Person ${n}`,
  email: `p${n}@open${n}.example`,
  password: 'a long enough password',
  workspaceName: `Company ${n}`,
});

async function failure(promise: Promise<unknown>) {
  try {
    await promise;
  } catch (error) {
    if (error instanceof TRPCClientError) {
      const data = error.data as { code?: string; reason?: string; fieldErrors?: Record<string, string[]> };
      return { ...data, message: error.message };
    }
    throw error;
  }
  throw new Error('expected the call to fail');
}

/**
 * A client whose connections leave from `localAddress` (any 127.x.y.z reaches the loopback server on Linux), so
 * the server sees a distinct client address: a browser tab on another machine.
 */
function clientFrom(url: string, localAddress: string) {
  const fetchFrom = (input: Parameters<typeof fetch>[0], init: RequestInit = {}) =>
    new Promise<Response>((resolve, reject) => {
      const method = (init.method ?? 'GET').toUpperCase();
      const headers: Record<string, string> = Object.fromEntries(new Headers(init.headers));
      if (method !== 'GET') headers.origin = url;
      const target = input instanceof Request ? input.url : String(input);
      const req = request(target, { method, headers, localAddress }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('error', reject);
        res.on('end', () => {
          const answer = new Headers();
          for (const [name, value] of Object.entries(res.headers)) {
            for (const v of Array.isArray(value) ? value : [value ?? '']) answer.append(name, v);
          }
          resolve(new Response(Buffer.concat(chunks), { status: res.statusCode ?? 500, headers: answer }));
        });
      });
      req.on('error', reject);
      if (typeof init.body === 'string') req.write(init.body);
      req.end();
    });
  return createTRPCClient<AppRouter>({ links: [httpLink({ url: `${url}/trpc`, fetch: fetchFrom })] });
}

describe('sign-up by invitation (the default)', () => {
  it('refuses sign-up and says so', async () => {
    await using server = await startTestServer();
    const browser = apiClient(server.url);
    await browser.setup.createOwner.mutate(operator);
    expect((await browser.setup.status.query()).signupOpen).toBe(false);
    expect(await failure(apiClient(server.url).auth.signUp.mutate(person(1)))).toMatchObject({
      code: 'FORBIDDEN',
      reason: 'signup-closed',
    });
  });
});

describe('open sign-up', () => {
  const server = sharedResource(() => startTestServer({ CALLMINE_SIGNUP: 'open' }));
  beforeAll(async () => {
    await apiClient(server.url).setup.createOwner.mutate(operator);
  });

  it('creates an account and a workspace it owns, limited per address, never saying an email exists', {
    timeout: 60_000,
  }, async () => {
    let attempts = 0;
    const browser = apiClient(server.url);
    expect((await browser.setup.status.query()).signupOpen).toBe(true);
    attempts += 1;
    expect(await browser.auth.signUp.mutate(person(1))).toMatchObject({
      role: 'owner',
      workspace: { name: 'Company 1' },
      user: { email: 'p1@open1.example' },
    });
    expect(await browser.workspaces.mine.query()).toMatchObject({
      operator: false,
      workspaces: [{ name: 'Company 1', role: 'owner' }],
    });

    // An existing email with a wrong password gets the answer any wrong email/password pair gets.
    attempts += 1;
    const existing = await failure(
      apiClient(server.url).auth.signUp.mutate({ ...person(2), email: operator.email }),
    );
    const unknown = await failure(
      apiClient(server.url).auth.signIn.mutate({
        email: 'nobody@nowhere.example',
        password: 'whatever pass',
      }),
    );
    expect(existing).toMatchObject({ code: unknown.code, message: unknown.message });

    // With its password, the account gets the new workspace: one person, one account.
    const again = apiClient(server.url);
    attempts += 1;
    await again.auth.signUp.mutate({ ...person(3), email: operator.email, password: operator.password });
    expect((await again.workspaces.mine.query()).workspaces.map((w) => [w.name, w.role])).toEqual([
      ['Host Co', 'owner'],
      ['Company 3', 'owner'],
    ]);

    attempts += 1;
    const taken = await failure(
      apiClient(server.url).auth.signUp.mutate({ ...person(4), workspaceName: 'host co' }),
    );
    expect(taken.fieldErrors?.workspaceName?.[0]).toMatch(/already exists/);
    const tooLong = await failure(
      apiClient(server.url).auth.signUp.mutate({ ...person(5), workspaceName: 'x'.repeat(81) }),
    );
    expect(tooLong.fieldErrors?.workspaceName?.[0]).toBe('Use at most 80 characters.');

    // Ten attempts an hour per address (the schema refusal above never reached the limiter).
    for (let n = 10; attempts < 10; n += 1) {
      attempts += 1;
      await apiClient(server.url).auth.signUp.mutate(person(n));
    }
    const limited = await failure(apiClient(server.url).auth.signUp.mutate(person(99)));
    expect(limited).toMatchObject({ code: 'TOO_MANY_REQUESTS', reason: 'sign-up-rate-limited' });
  });

  it('limits attempts per email domain too, whichever addresses they come from', {
    timeout: 60_000,
  }, async () => {
    // 20 an hour per domain: three client addresses, each under its own limit of 10, together reach it.
    const sameDomain = (n: number) => ({
      name: `Worker ${n}`,
      email: `w${n}@bulk.example`,
      password: 'a long enough password',
      workspaceName: `Bulk ${n}`,
    });
    const addresses = ['127.0.0.2', '127.0.0.3', '127.0.0.4'];
    for (let n = 0; n < 20; n += 1) {
      const from = clientFrom(server.url, addresses[n % addresses.length]!);
      expect((await from.auth.signUp.mutate(sameDomain(n))).user.email).toBe(`w${n}@bulk.example`);
    }
    // A fresh address still can't add a 21st account on that domain, and the answer names no email or domain.
    const fresh = clientFrom(server.url, '127.0.0.5');
    const limited = await failure(fresh.auth.signUp.mutate(sameDomain(20)));
    expect(limited).toMatchObject({ code: 'TOO_MANY_REQUESTS', reason: 'sign-up-rate-limited' });
    expect(limited.message).not.toMatch(/bulk\.example|w20@/);
    // The same address signs up on another domain: it was the domain's limit, not the address's.
    expect(await fresh.auth.signUp.mutate(person(21))).toMatchObject({ workspace: { name: 'Company 21' } });
  });
});
