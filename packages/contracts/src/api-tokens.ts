import { z } from 'zod';
import { idField } from './fields.ts';

/**
 * A token acts with admin or member rights, or read-only ('read': queries with member rights, never a mutation, so
 * it can't start runs or change anything). 'owner' is a person, never a token.
 */
export const apiTokenRole = z.enum(['admin', 'member', 'read']);
export type ApiTokenRole = z.infer<typeof apiTokenRole>;

/**
 * What a listed token does on its next call, from the same rule the token check applies (`tokenState` in the api):
 * `creator-demoted`: an admin token whose creator is no longer an admin acts as a member;
 * `creator-removed`: the creator left the workspace, so the token is refused (status `inactive`).
 */
export const apiTokenLimit = z.enum(['creator-demoted', 'creator-removed']);
export type ApiTokenLimit = z.infer<typeof apiTokenLimit>;

export const createApiTokenInput = z.strictObject({
  name: z
    .string({ error: 'Name the token after the script that uses it.' })
    .trim()
    .min(1, 'Name the token after the script that uses it.')
    .max(80, 'Use at most 80 characters.'),
  role: apiTokenRole,
  /** Days until the token stops working; omitted or null means it never expires. */
  expiresInDays: z
    .number({ error: 'Choose how many days the token lasts.' })
    .int('Use whole days.')
    .min(1, 'A token lasts at least one day.')
    .max(365, 'A token lasts at most 365 days.')
    .nullish(),
});
export type CreateApiTokenInput = z.input<typeof createApiTokenInput>;

export const revokeApiTokenInput = z.strictObject({ tokenId: idField });

export const apiTokenView = z.object({
  id: z.string(),
  name: z.string(),
  role: apiTokenRole,
  /** `cm_` plus the first characters of the token, so a person can tell tokens apart. */
  hint: z.string(),
  /** The creator's name: calls made with the token are attributed to them, and it never has more rights. */
  createdBy: z.string(),
  createdAt: z.iso.datetime(),
  expiresAt: z.iso.datetime().nullable(),
  lastUsedAt: z.iso.datetime().nullable(),
  /** `inactive`: not revoked or expired, but refused because its creator left the workspace (see `limitedBy`). */
  status: z.enum(['active', 'expired', 'revoked', 'inactive']),
  /** The rights it acts with now (null unless active): lower than `role` when its creator was demoted. */
  actsAs: apiTokenRole.nullable(),
  limitedBy: apiTokenLimit.nullable(),
});
export type ApiTokenView = z.infer<typeof apiTokenView>;

/** The only response that ever holds the token itself. */
export const createdApiToken = z.object({ token: z.string(), view: apiTokenView });
export type CreatedApiToken = z.infer<typeof createdApiToken>;

/** The expiry choices the settings form offers ('' = never); the procedure takes any 1–365 days. */
export const apiTokenExpiryChoices = ['', '7', '30', '90', '365'] as const;

/** The settings form: the same name and role rules, with the expiry as one of the choices above. */
export const createApiTokenForm = createApiTokenInput.extend({
  expiresInDays: z.enum(apiTokenExpiryChoices),
});
