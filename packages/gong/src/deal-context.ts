import type { CallDeal, DealOutcome } from '@callmine/contracts';
import type { GongCrmObject, GongExtensiveCall } from './endpoints/calls.ts';

// A call's CRM deal from Gong's call context. Salesforce names (Name, StageName, Amount, CloseDate, IsWon, IsClosed)
// and HubSpot's deal names (dealname, dealstage, amount, closedate, hs_is_closed_won, hs_is_closed) are read; field
// values arrive as strings, numbers or booleans. Rule for several opportunities on one call: the first open one,
// else the first. Outcome: IsClosed + IsWon when the CRM sends them, else the stage name ("Closed Won" / "Closed
// Lost"), else open.

const OPPORTUNITY_TYPES = new Set(['opportunity', 'deal']);
const ACCOUNT_TYPES = new Set(['account', 'company']);

function field(object: GongCrmObject, ...names: string[]): unknown {
  const wanted = new Set(names.map((n) => n.toLowerCase()));
  return object.fields?.find((f) => wanted.has(f.name.toLowerCase()))?.value;
}

function text(value: unknown): string | null {
  if (typeof value === 'string') return value.trim() === '' ? null : value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return null;
}

function number(value: unknown): number | null {
  const n = typeof value === 'number' ? value : typeof value === 'string' ? Number(value) : Number.NaN;
  return Number.isFinite(n) ? n : null;
}

function flag(value: unknown): boolean | null {
  if (typeof value === 'boolean') return value;
  if (typeof value === 'string' && /^(true|false)$/i.test(value)) return value.toLowerCase() === 'true';
  return null;
}

function outcomeOf(object: GongCrmObject, stage: string | null): DealOutcome {
  const closed = flag(field(object, 'IsClosed', 'hs_is_closed'));
  const won = flag(field(object, 'IsWon', 'hs_is_closed_won'));
  if (closed === true && won !== null) return won ? 'won' : 'lost';
  if (won === true) return 'won';
  const normal = stage?.toLowerCase().replace(/[\s_-]+/g, '') ?? '';
  if (normal === 'closedwon') return 'won';
  if (normal === 'closedlost') return 'lost';
  return 'open';
}

/** The call's deal, or null when its context holds no account and no opportunity (or was not asked for). */
export function dealOfCall(call: Pick<GongExtensiveCall, 'context'>): CallDeal | null {
  for (const system of call.context ?? []) {
    const objects = system.objects ?? [];
    const type = (o: GongCrmObject) => o.objectType?.toLowerCase() ?? '';
    const opportunities = objects
      .filter((o) => OPPORTUNITY_TYPES.has(type(o)) && o.objectId)
      .map((o) => {
        const stage = text(field(o, 'StageName', 'dealstage'));
        return {
          id: o.objectId!,
          name: text(field(o, 'Name', 'dealname')),
          stage,
          amount: number(field(o, 'Amount', 'amount')),
          closeDate: text(field(o, 'CloseDate', 'closedate')),
          outcome: outcomeOf(o, stage),
        };
      });
    const account = objects.find((o) => ACCOUNT_TYPES.has(type(o)) && o.objectId);
    if (opportunities.length === 0 && !account) continue;
    return {
      system: system.system ?? 'CRM',
      account: account ? { id: account.objectId!, name: text(field(account, 'Name', 'name')) } : null,
      opportunity: opportunities.find((o) => o.outcome === 'open') ?? opportunities[0] ?? null,
    };
  }
  return null;
}
