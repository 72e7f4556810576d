import { renameWorkspaceInput, workspaceView } from '@callmine/contracts';
import { TRPCError } from '@trpc/server';
import { count, eq } from 'drizzle-orm';
import type { SignedInContext } from '../../procedure-context.ts';
import { adminProcedure, router, signedInProcedure } from '../../trpc.ts';

async function getWorkspace(ctx: SignedInContext) {
  const { db } = ctx.deps;
  const t = db.tables;
  const [ws] = await db.select().from(t.organization).where(eq(t.organization.id, ctx.workspace.id)).limit(1);
  if (!ws) throw new TRPCError({ code: 'NOT_FOUND', message: 'This workspace no longer exists.' });
  const [members] = await db
    .select({ n: count() })
    .from(t.member)
    .where(eq(t.member.organizationId, ws.id))
    .limit(1);
  return { id: ws.id, name: ws.name, createdAt: ws.createdAt.toISOString(), memberCount: members?.n ?? 0 };
}

export const workspaceRouter = router({
  get: signedInProcedure
    .meta({ summary: 'The workspace: name, creation time and member count.' })
    .output(workspaceView)
    .query(async ({ ctx }) => getWorkspace(ctx)),
  rename: adminProcedure
    .meta({ summary: 'Renames the workspace.' })
    .input(renameWorkspaceInput)
    .output(workspaceView)
    .mutation(async ({ ctx, input }) => {
      const t = ctx.deps.db.tables;
      await ctx.deps.db
        .update(t.organization)
        .set({ name: input.name })
        .where(eq(t.organization.id, ctx.workspace.id));
      ctx.deps.logger.info({ workspaceId: ctx.workspace.id, by: ctx.user.id }, 'workspace renamed');
      return getWorkspace(ctx);
    }),
});
