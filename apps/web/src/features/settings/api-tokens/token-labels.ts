import type { ApiTokenRole, ApiTokenView } from '@callmine/contracts';

/** What each role lets a script do, said plainly in the form: the server's rule is in packages/api's trpc.ts. */
export const roleChoices: ReadonlyArray<{ value: ApiTokenRole; label: string }> = [
  { value: 'read', label: 'Read only: queries only — lists, reports, usage; no runs, no changes' },
  { value: 'member', label: 'Member: read, run analyses, manage analyses and schedules' },
  {
    value: 'admin',
    label: 'Admin: member rights, plus renaming the workspace, deleting reports and the Gong audit log',
  },
];

export const roleName: Record<ApiTokenRole, string> = {
  read: 'Read only',
  member: 'Member',
  admin: 'Admin',
};

/** Why the token does less than its role says, from the list's `limitedBy` (the token check's own rule). */
export function limitNote(token: ApiTokenView): string | null {
  if (token.limitedBy === 'creator-demoted') {
    return `acts as ${roleName[token.actsAs ?? 'member'].toLowerCase()} (creator is now a member)`;
  }
  return null;
}

export function statusText(token: ApiTokenView): string {
  switch (token.status) {
    case 'active':
      return 'Active';
    case 'inactive':
      return 'Inactive: creator removed';
    case 'revoked':
      return 'Revoked';
    case 'expired':
      return 'Expired';
  }
}
