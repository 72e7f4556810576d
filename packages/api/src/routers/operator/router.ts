import {
  createdWorkspaceView,
  createWorkspaceInput,
  deleteWorkspaceInput,
  operatorAuditView,
  operatorWorkspaceInput,
  operatorWorkspaceView,
  setAllowanceInput,
} from '@callmine/contracts';
import { z } from 'zod';
import { operatorProcedure, router } from '../../trpc.ts';
import { operatorAuditLog } from './audit.ts';
import { createWorkspace } from './create-workspace.ts';
import { deleteWorkspace, resumeWorkspace, setAllowance, suspendWorkspace } from './lifecycle.ts';
import { listWorkspaces } from './list-workspaces.ts';

const notFound = { code: 'NOT_FOUND', when: 'No workspace has this id.' } as const;

/** The instance operator's procedures: workspaces as a whole, never their contents. Each action is audited. */
export const operatorRouter = router({
  workspaces: operatorProcedure
    .meta({
      summary: 'Every workspace: name, id, members, Gong status, the month’s use against its allowance.',
    })
    .output(z.array(operatorWorkspaceView))
    .query(({ ctx }) => listWorkspaces(ctx.deps.db, ctx.deps.now(), ctx.deps.monthlyCallQuota)),
  createWorkspace: operatorProcedure
    .meta({
      summary: 'Creates a workspace and an invitation link for its first admin (no mail is sent).',
      errors: [
        { code: 'BAD_REQUEST', when: 'The name is empty, too long or taken (data.fieldErrors.name).' },
      ],
    })
    .input(createWorkspaceInput)
    .output(createdWorkspaceView)
    .mutation(({ ctx, input }) => createWorkspace(ctx.deps, ctx.user, input)),
  setAllowance: operatorProcedure
    .meta({
      summary: 'Sets a workspace’s monthly call allowance, or (null) returns it to the instance default.',
      errors: [notFound],
    })
    .input(setAllowanceInput)
    .output(operatorWorkspaceView)
    .mutation(({ ctx, input }) => setAllowance(ctx.deps, ctx.user, input)),
  suspend: operatorProcedure
    .meta({
      summary:
        'Suspends a workspace: nobody signs in, its tokens get 403, its runs and schedules stop; data stays.',
      errors: [notFound],
    })
    .input(operatorWorkspaceInput)
    .output(operatorWorkspaceView)
    .mutation(({ ctx, input }) => suspendWorkspace(ctx.deps, ctx.user, input.id)),
  resume: operatorProcedure
    .meta({ summary: 'Lifts a suspension.', errors: [notFound] })
    .input(operatorWorkspaceInput)
    .output(operatorWorkspaceView)
    .mutation(({ ctx, input }) => resumeWorkspace(ctx.deps, ctx.user, input.id)),
  delete: operatorProcedure
    .meta({
      summary:
        'Deletes a workspace and everything of it (sealed Gong credentials included). Type its name to confirm.',
      errors: [
        notFound,
        { code: 'BAD_REQUEST', when: 'The typed name does not match (data.fieldErrors.confirmName).' },
      ],
    })
    .input(deleteWorkspaceInput)
    .output(z.object({ id: z.string() }))
    .mutation(({ ctx, input }) => deleteWorkspace(ctx.deps, ctx.user, input)),
  auditLog: operatorProcedure
    .meta({ summary: 'The operator actions, newest first.' })
    .output(z.array(operatorAuditView))
    .query(({ ctx }) => operatorAuditLog(ctx.deps.db)),
});
