import { randomBytes, randomUUID } from 'node:crypto';
import type { CreatedWorkspaceView, CreateWorkspaceInput } from '@callmine/contracts';
import type { Db } from '@callmine/db';
import { TRPCError } from '@trpc/server';
import { sql } from 'drizzle-orm';
import type { ApiDeps } from '../../context.ts';
import { invitationLink } from '../members/queries.ts';
import { type OperatorActor, operatorAuditRow } from './audit.ts';
import { fieldError } from './field-error.ts';
import { operatorWorkspace } from './list-workspaces.ts';

// As long as a member's invitation (create-auth.ts): a week to accept.
const invitationTtlMs = 7 * 24 * 3600 * 1000;

/** Whether another workspace already has this name (ignoring case): names are how people tell them apart. */
export async function workspaceNameTaken(db: Db, name: string): Promise<boolean> {
  const t = db.tables;
  const [row] = await db
    .select({ id: t.organization.id })
    .from(t.organization)
    .where(sql`lower(${t.organization.name}) = lower(${name})`)
    .limit(1);
  return row !== undefined;
}

/**
 * A new workspace and its first admin's invitation (role owner; the link is copied, no mail is sent). The operator
 * does not become a member: running the instance gives no sight of a workspace's calls or reports.
 */
export async function createWorkspace(
  deps: ApiDeps,
  actor: OperatorActor,
  input: CreateWorkspaceInput,
): Promise<CreatedWorkspaceView> {
  const { db } = deps;
  if (await workspaceNameTaken(db, input.name)) {
    throw fieldError('name', 'A workspace with this name already exists. Choose another name.');
  }
  const now = deps.now();
  const id = randomUUID();
  const invitation = {
    id: randomBytes(16).toString('base64url'),
    organizationId: id,
    email: input.adminEmail,
    role: 'owner',
    status: 'pending',
    expiresAt: new Date(now.getTime() + invitationTtlMs),
    createdAt: now,
    inviterId: actor.id,
  };
  await db.transaction(async (tx) => {
    const t = tx.tables;
    await tx.insert(t.organization).values({ id, name: input.name, slug: `ws-${id}`, createdAt: now });
    await tx.insert(t.invitation).values(invitation);
    await tx
      .insert(t.operatorAuditEvent)
      .values(
        operatorAuditRow(actor, 'workspace-created', { id, name: input.name }, now, 'first admin invited'),
      );
  });
  const workspace = await operatorWorkspace(db, id, now, deps.monthlyCallQuota);
  if (!workspace)
    throw new TRPCError({ code: 'INTERNAL_SERVER_ERROR', message: 'Could not create the workspace.' });
  deps.logger.info({ workspaceId: id, by: actor.id }, 'operator created a workspace');
  return {
    workspace,
    invitation: {
      id: invitation.id,
      email: invitation.email,
      expiresAt: invitation.expiresAt.toISOString(),
      link: invitationLink(deps.publicUrl, invitation.id),
    },
  };
}
