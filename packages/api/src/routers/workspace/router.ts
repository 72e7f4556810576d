import { renameWorkspaceInput, workspaceView } from '@callmine/contracts';
import { schema } from '@callmine/db';
import { TRPCError } from '@trpc/server';
import { count, eq } from 'drizzle-orm';
import type { SignedInContext } from '../../procedure-context.ts';
import { adminProcedure, router, signedInProcedure } from '../../trpc.ts';

function getWorkspace(ctx: SignedInContext) {
  const { db } = ctx.deps;
  const ws = db.select().from(schema.organization).where(eq(schema.organization.id, ctx.workspace.id)).get();
  if (!ws) throw new TRPCError({ code: 'NOT_FOUND', message: 'This workspace no longer exists.' });
  const members = db
    .select({ n: count() })
    .from(schema.member)
    .where(eq(schema.member.organizationId, ws.id))
    .get();
  return { id: ws.id, name: ws.name, createdAt: ws.createdAt.toISOString(), memberCount: members?.n ?? 0 };
}

export const workspaceRouter = router({
  get: signedInProcedure
    .meta({ summary: 'The workspace: name, creation time and member count.' })
    .output(workspaceView)
    .query(({ ctx }) => getWorkspace(ctx)),
  rename: adminProcedure
    .meta({ summary: 'Renames the workspace.' })
    .input(renameWorkspaceInput)
    .output(workspaceView)
    .mutation(({ ctx, input }) => {
      ctx.deps.db
        .update(schema.organization)
        .set({ name: input.name })
        .where(eq(schema.organization.id, ctx.workspace.id))
        .run();
      ctx.deps.logger.info({ workspaceId: ctx.workspace.id, by: ctx.user.id }, 'workspace renamed');
      return getWorkspace(ctx);
    }),
});
