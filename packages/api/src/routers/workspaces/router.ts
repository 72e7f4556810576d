import { accountView, sessionView, switchWorkspaceInput } from '@callmine/contracts';
import { accountProcedure, router } from '../../trpc.ts';
import { myWorkspaces, switchWorkspace } from './switch.ts';

/** The workspaces a person belongs to, and which one they act in (the session's active workspace). */
export const workspacesRouter = router({
  mine: accountProcedure
    .meta({
      summary:
        'Your account: every workspace you belong to (with your role there), the active one, operator or not.',
    })
    .output(accountView)
    .query(({ ctx }) => myWorkspaces(ctx)),
  switch: accountProcedure
    .meta({
      summary: 'Makes one of your workspaces the active one for this session.',
      errors: [
        { code: 'NOT_FOUND', when: 'You are not a member of that workspace (or it does not exist).' },
        { code: 'FORBIDDEN', reason: 'workspace-suspended', when: 'The workspace is suspended.' },
      ],
    })
    .input(switchWorkspaceInput)
    .output(sessionView)
    .mutation(({ ctx, input }) => switchWorkspace(ctx, input.id)),
});
