import { TRPCError } from '@trpc/server';
import { and, eq } from 'drizzle-orm';
import type { AdminContext } from '../../procedure-context.ts';

/** Deletes the report and records who did it, in one transaction: there is no deletion without its audit row. */
export async function deleteReport(ctx: AdminContext, id: string): Promise<void> {
  const { db, now } = ctx.deps;
  const t = db.tables;
  const workspaceId = ctx.workspace.id;
  const at = now();
  const deleted = await db.transaction(async (tx) => {
    const [row] = await tx
      .select({ name: t.report.name })
      .from(t.report)
      .where(and(eq(t.report.id, id), eq(t.report.workspaceId, workspaceId)))
      .limit(1);
    if (!row) return false;
    await tx.delete(t.report).where(eq(t.report.id, id));
    await tx.insert(t.auditEvent).values({
      workspaceId,
      actorId: ctx.user.id,
      actorName: ctx.user.name,
      via: ctx.principal.kind,
      action: 'report.deleted',
      subjectId: id,
      detail: row.name,
      createdAt: at,
    });
    return true;
  });
  if (!deleted)
    throw new TRPCError({ code: 'NOT_FOUND', message: 'That report does not exist in this workspace.' });
  ctx.deps.logger.info({ workspaceId, reportId: id, by: ctx.user.id }, 'report deleted');
}
