import { schema } from '@callmine/db';
import { TRPCError } from '@trpc/server';
import { and, eq } from 'drizzle-orm';
import type { AdminContext } from '../../procedure-context.ts';

/** Deletes the report and records who did it, in one transaction: there is no deletion without its audit row. */
export function deleteReport(ctx: AdminContext, id: string): void {
  const { db, now } = ctx.deps;
  const workspaceId = ctx.workspace.id;
  const at = now();
  const deleted = db.transaction((tx) => {
    const row = tx
      .select({ name: schema.report.name })
      .from(schema.report)
      .where(and(eq(schema.report.id, id), eq(schema.report.workspaceId, workspaceId)))
      .get();
    if (!row) return false;
    tx.delete(schema.report).where(eq(schema.report.id, id)).run();
    tx.insert(schema.auditEvent)
      .values({
        workspaceId,
        actorId: ctx.user.id,
        actorName: ctx.user.name,
        via: ctx.principal.kind,
        action: 'report.deleted',
        subjectId: id,
        detail: row.name,
        createdAt: at,
      })
      .run();
    return true;
  });
  if (!deleted)
    throw new TRPCError({ code: 'NOT_FOUND', message: 'That report does not exist in this workspace.' });
  ctx.deps.logger.info({ workspaceId, reportId: id, by: ctx.user.id }, 'report deleted');
}
