import { z } from 'zod';
import { workspaceNameField } from './fields.ts';

export const renameWorkspaceInput = z.strictObject({ name: workspaceNameField });
export type RenameWorkspaceInput = z.infer<typeof renameWorkspaceInput>;

export const workspaceView = z.object({
  id: z.string(),
  name: z.string(),
  createdAt: z.iso.datetime(),
  memberCount: z.number().int(),
});
export type WorkspaceView = z.infer<typeof workspaceView>;
