import { z } from 'zod';
import type { Send } from '../requester.ts';

// GET /v2/workspaces — the company's Gong workspaces (not paginated). Their ids name the Gong company a key belongs
// to: two keys of one company see the same workspace ids. Loose objects: Gong adds fields without notice.

export const gongWorkspaceSchema = z.looseObject({
  id: z.string(),
  name: z.string().nullish(),
});

export const workspacesSchema = z.looseObject({
  requestId: z.string().optional(),
  workspaces: z.array(gongWorkspaceSchema).default([]),
});

/** A Gong workspace as Callmine stores it: id and name only. */
export interface GongWorkspaceRef {
  readonly id: string;
  readonly name: string;
}

export interface WorkspacesEndpoint {
  list(): Promise<GongWorkspaceRef[]>;
}

export function workspacesEndpoint(send: Send): WorkspacesEndpoint {
  return {
    async list() {
      const body = await send({ method: 'GET', path: '/v2/workspaces' }, workspacesSchema);
      return body.workspaces.map((workspace) => ({ id: workspace.id, name: workspace.name ?? workspace.id }));
    },
  };
}
