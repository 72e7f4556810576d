import { TRPCError } from '@trpc/server';
import { ReasonedCause } from '../../../errors.ts';
import type { GongCompany } from '../../../ports.ts';

type Workspaces = GongCompany['workspaces'];

/**
 * Is a new key the same Gong company as the stored one? Two keys of one company see the same Gong workspace ids,
 * so "different" means the new key's workspaces share no id with the stored ones. A connection stored before
 * Callmine read workspaces (null), or a company with none, can't be compared: it is not held.
 */
export function isDifferentCompany(stored: Workspaces | null | undefined, fresh: Workspaces): boolean {
  if (!stored || stored.length === 0 || fresh.length === 0) return false;
  const ids = new Set(stored.map((workspace) => workspace.id));
  return !fresh.some((workspace) => ids.has(workspace.id));
}

/** How the card and the audit log name a company: its workspace names, e.g. "Acme Sales, Acme Customer Success". */
export function companyName(workspaces: Workspaces | null | undefined): string {
  if (!workspaces || workspaces.length === 0) return 'an unnamed Gong company';
  const names = workspaces.map((workspace) => workspace.name).slice(0, 5);
  const more = workspaces.length - names.length;
  return more > 0 ? `${names.join(', ')} and ${more} more` : names.join(', ');
}

/** The audit row's detail for a confirmed change of company: from which workspaces to which. */
export function companyChangeDetail(stored: Workspaces | null | undefined, fresh: Workspaces): string {
  return `from ${companyName(stored)} to ${companyName(fresh)}`.slice(0, 500);
}

/** The save is held until the admin confirms: mixing two companies' calls in one workspace's reports. */
export function differentCompanyError(stored: Workspaces | null | undefined, fresh: Workspaces): TRPCError {
  return new TRPCError({
    code: 'CONFLICT',
    message:
      `This key belongs to a different Gong company (${companyName(fresh)}) than the one connected now ` +
      `(${companyName(stored)}). Nothing was saved. If you go on, new runs and scheduled runs read the other ` +
      'company’s calls, so reports made from now on are not comparable with earlier ones. Earlier reports keep ' +
      'their calls. Confirm the change of company to save this key.',
    cause: new ReasonedCause('gong-different-company'),
  });
}
