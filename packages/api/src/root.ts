import { analysesRouter } from './routers/analyses/router.ts';
import { apiTokensRouter } from './routers/api-tokens/router.ts';
import { authRouter } from './routers/auth/router.ts';
import { gongRouter } from './routers/integrations/gong/router.ts';
import { invitationsRouter } from './routers/invitations/router.ts';
import { membersRouter } from './routers/members/router.ts';
import { operatorRouter } from './routers/operator/router.ts';
import { reportsRouter } from './routers/reports/router.ts';
import { runsRouter } from './routers/runs/router.ts';
import { schedulesRouter } from './routers/schedules/router.ts';
import { setupRouter } from './routers/setup/router.ts';
import { usageRouter } from './routers/usage/router.ts';
import { webhooksRouter } from './routers/webhooks/router.ts';
import { workspaceRouter } from './routers/workspace/router.ts';
import { workspacesRouter } from './routers/workspaces/router.ts';
import { router } from './trpc.ts';

/** One router per domain; this file is the table of contents of Callmine's API. */
export const appRouter = router({
  setup: setupRouter,
  auth: authRouter,
  invitations: invitationsRouter,
  members: membersRouter,
  workspace: workspaceRouter,
  workspaces: workspacesRouter,
  operator: operatorRouter,
  integrations: router({ gong: gongRouter }),
  analyses: analysesRouter,
  runs: runsRouter,
  reports: reportsRouter,
  schedules: schedulesRouter,
  apiTokens: apiTokensRouter,
  usage: usageRouter,
  webhooks: webhooksRouter,
});

export type AppRouter = typeof appRouter;
