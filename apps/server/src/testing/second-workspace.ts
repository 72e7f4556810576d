// A second workspace for tests that need two, made the way an operator makes one: operator.createWorkspace, its
// first admin accepts the invitation link in their own browser, then creates an API token there. No raw rows.
import type { AppRouter } from '@callmine/api';
import type { ApiTokenRole } from '@callmine/contracts';
import { createTRPCClient, httpBatchLink } from '@trpc/client';
import { apiClient } from './api-client.ts';

/** A typed client calling as a script with a Bearer token. */
export function tokenClient(url: string, token: string) {
  return createTRPCClient<AppRouter>({
    links: [httpBatchLink({ url: `${url}/trpc`, headers: { authorization: `Bearer ${token}` } })],
  });
}

export interface SecondWorkspace {
  workspaceId: string;
  /** The first admin's browser session, signed in to the new workspace. */
  session: ReturnType<typeof apiClient>;
  token: string;
  tokenId: string;
  /** A script holding `token`. */
  script: ReturnType<typeof tokenClient>;
}

export async function aSecondWorkspace(
  url: string,
  /** A session of the instance operator (the owner made by setup). */
  operator: ReturnType<typeof apiClient>,
  options: { name?: string; adminName?: string; adminEmail?: string; tokenRole?: ApiTokenRole } = {},
): Promise<SecondWorkspace> {
  const adminEmail = options.adminEmail ?? 'bea@b.example';
  const created = await operator.operator.createWorkspace.mutate({
    name: options.name ?? 'Beta Corp',
    adminEmail,
  });
  const session = apiClient(url);
  await session.invitations.accept.mutate({
    invitationId: created.invitation.id,
    name: options.adminName ?? 'Bea B',
    password: 'bea long password',
  });
  const madeToken = await session.apiTokens.create.mutate({ name: 'B', role: options.tokenRole ?? 'admin' });
  return {
    workspaceId: created.workspace.id,
    session,
    token: madeToken.token,
    tokenId: madeToken.view.id,
    script: tokenClient(url, madeToken.token),
  };
}
