import type { DeleteWorkspaceInput, OperatorWorkspaceView, SetAllowanceInput } from '@callmine/contracts';
import { analysisRunJobKey, clearAllowanceOverride, type Db, setAllowanceOverride } from '@callmine/db';
import { TRPCError } from '@trpc/server';
import { and, eq, inArray, ne } from 'drizzle-orm';
import type { ApiDeps } from '../../context.ts';
import { type OperatorActor, operatorAuditRow, recordOperatorAction } from './audit.ts';
import { fieldError } from './field-error.ts';
import { operatorWorkspace } from './list-workspaces.ts';

async function findWorkspace(db: Db, id: string) {
  const t = db.tables;
  const [row] = await db
    .select({ id: t.organization.id, name: t.organization.name })
    .from(t.organization)
    .where(eq(t.organization.id, id))
    .limit(1);
  if (!row) throw new TRPCError({ code: 'NOT_FOUND', message: 'No workspace has this id.' });
  return row;
}

async function view(deps: ApiDeps, id: string): Promise<OperatorWorkspaceView> {
  const found = await operatorWorkspace(deps.db, id, deps.now(), deps.monthlyCallQuota);
  if (!found) throw new TRPCError({ code: 'NOT_FOUND', message: 'No workspace has this id.' });
  return found;
}

/** The same override `npm run quota -- set | reset` writes (packages/db's quota functions). */
export async function setAllowance(deps: ApiDeps, actor: OperatorActor, input: SetAllowanceInput) {
  const workspace = await findWorkspace(deps.db, input.id);
  const now = deps.now();
  if (input.monthlyCalls === null) {
    await clearAllowanceOverride(deps.db, workspace.id);
    await recordOperatorAction(deps.db, operatorAuditRow(actor, 'allowance-reset', workspace, now));
  } else {
    await setAllowanceOverride(deps.db, workspace.id, input.monthlyCalls, now);
    await recordOperatorAction(
      deps.db,
      operatorAuditRow(actor, 'allowance-set', workspace, now, `${input.monthlyCalls} calls/month`),
    );
  }
  return view(deps, workspace.id);
}

/**
 * Nobody signs in to it (sessions and tokens are refused by the procedure middleware), the worker leaves its runs
 * and schedules alone; its data stays. Idempotent.
 */
export async function suspendWorkspace(deps: ApiDeps, actor: OperatorActor, id: string) {
  const workspace = await findWorkspace(deps.db, id);
  const now = deps.now();
  const t = deps.db.tables;
  const inserted = await deps.db
    .insert(t.workspaceSuspension)
    .values({ workspaceId: workspace.id, suspendedAt: now, suspendedBy: actor.id })
    .onConflictDoNothing()
    .returning({ id: t.workspaceSuspension.workspaceId });
  if (inserted.length > 0) {
    await recordOperatorAction(deps.db, operatorAuditRow(actor, 'workspace-suspended', workspace, now));
  }
  return view(deps, workspace.id);
}

export async function resumeWorkspace(deps: ApiDeps, actor: OperatorActor, id: string) {
  const workspace = await findWorkspace(deps.db, id);
  const t = deps.db.tables;
  const removed = await deps.db
    .delete(t.workspaceSuspension)
    .where(eq(t.workspaceSuspension.workspaceId, workspace.id))
    .returning({ id: t.workspaceSuspension.workspaceId });
  if (removed.length > 0) {
    await recordOperatorAction(deps.db, operatorAuditRow(actor, 'workspace-resumed', workspace, deps.now()));
  }
  return view(deps, workspace.id);
}

/**
 * Everything of the workspace goes: the organization row cascades to members, invitations, the Gong credential
 * (its sealed secrets), analyses, runs, reports, schedules, quota, tokens, caches and its audit. What does not
 * hang off it is removed first: the runs' queued jobs and the credential's Gong request budget. People keep their
 * accounts; one whose last workspace this was lands on "You are in no workspace".
 */
export async function deleteWorkspace(deps: ApiDeps, actor: OperatorActor, input: DeleteWorkspaceInput) {
  const { db } = deps;
  const t = db.tables;
  const workspace = await findWorkspace(db, input.id);
  if (input.confirmName !== workspace.name) {
    throw fieldError('confirmName', `Type the workspace’s name exactly (${workspace.name}) to delete it.`);
  }
  const runIds = (
    await db
      .select({ id: t.analysisRun.id })
      .from(t.analysisRun)
      .where(eq(t.analysisRun.workspaceId, workspace.id))
  ).map((r) => r.id);
  // The budget rows its Gong credential counted in (keyed by the credential's limiter key).
  const limiterKeys = (
    await db
      .select({ key: t.gongCredential.limiterKey })
      .from(t.gongCredential)
      .where(eq(t.gongCredential.workspaceId, workspace.id))
  ).flatMap((r) => (r.key ? [r.key] : []));
  const now = deps.now();
  await db.transaction(async (tx) => {
    // The runs' jobs, wherever the queue keeps them (the job table, or pg-boss's), with the workspace.
    await deps.queues.on(tx).discard(runIds.map(analysisRunJobKey));
    if (limiterKeys.length > 0) {
      // Another workspace that pasted the same Gong key keeps counting in those rows: Gong's day is per company.
      const stillUsed = await tx
        .select({ key: t.gongCredential.limiterKey })
        .from(t.gongCredential)
        .where(
          and(
            inArray(t.gongCredential.limiterKey, limiterKeys),
            ne(t.gongCredential.workspaceId, workspace.id),
          ),
        );
      const own = limiterKeys.filter((key) => !stillUsed.some((r) => r.key === key));
      if (own.length > 0)
        await tx.delete(t.gongRequestBudget).where(inArray(t.gongRequestBudget.credentialKey, own));
    }
    await tx
      .update(t.session)
      .set({ activeOrganizationId: null })
      .where(eq(t.session.activeOrganizationId, workspace.id));
    // Schedules first: their analysis key restricts (no silent cascade), checked before the workspace's cascade
    // would reach them.
    await tx.delete(t.schedule).where(eq(t.schedule.workspaceId, workspace.id));
    await tx.delete(t.organization).where(eq(t.organization.id, workspace.id));
    await tx
      .insert(t.operatorAuditEvent)
      .values(operatorAuditRow(actor, 'workspace-deleted', workspace, now));
  });
  deps.logger.info({ workspaceId: workspace.id, by: actor.id }, 'operator deleted a workspace');
  return { id: workspace.id };
}
