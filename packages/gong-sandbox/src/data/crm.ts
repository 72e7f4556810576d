import { hashOf, randomFrom, unitOf } from './random.ts';
import type { SandboxCall } from './types.ts';

// The CRM side of a call, as Gong's /v2/calls/extensive returns it when the content selector asks for the call's
// context: a Salesforce Account and, usually, an Opportunity. Each account has one opportunity per calendar quarter
// of its calls (a new deal each quarter, as accounts renew or expand); about one call in five has no CRM object at
// all and a few accounts' quarters have no opportunity, as real tenants have.

export const NO_CRM_SHARE = 0.2;
const NO_OPPORTUNITY_SHARE = 0.15;

/** Stages with their odds: closed deals dominate older quarters in real pipelines, but a flat mix keeps slices busy. */
const STAGES: readonly { name: string; weight: number; won: boolean; closed: boolean }[] = [
  { name: 'Discovery', weight: 1, won: false, closed: false },
  { name: 'Proposal', weight: 1, won: false, closed: false },
  { name: 'Negotiation', weight: 1, won: false, closed: false },
  { name: 'Closed Won', weight: 2, won: true, closed: true },
  { name: 'Closed Lost', weight: 2, won: false, closed: true },
];

export interface SandboxOpportunity {
  id: string;
  name: string;
  stage: string;
  amount: number;
  closeDate: string;
  isWon: boolean;
  isClosed: boolean;
}

export interface SandboxDeal {
  account: { id: string; name: string };
  opportunity: SandboxOpportunity | null;
}

export type DealBucket = 'won' | 'lost' | 'open' | 'none';

/** Salesforce-looking ids (a 3-character key prefix and 15 more characters), stable per seed and name. */
function salesforceId(prefix: string, seed: number, ...labels: string[]): string {
  const a = hashOf(seed, 'crm-id', ...labels).toString(36);
  const b = hashOf(seed, 'crm-id-2', ...labels).toString(36);
  return `${prefix}${`${a}${b}`.padStart(15, '0').slice(-15)}`;
}

export function dealOf(seed: number, tenantId: string, call: SandboxCall): SandboxDeal | null {
  if (unitOf(seed, tenantId, 'crm', call.index) < NO_CRM_SHARE) return null;
  const accountName = call.accountName;
  const account = { id: salesforceId('001', seed, tenantId, accountName), name: accountName };
  const started = new Date(call.metaData.started);
  const quarter = `${started.getUTCFullYear()} Q${Math.floor(started.getUTCMonth() / 3) + 1}`;
  const random = randomFrom(seed, tenantId, 'opportunity', accountName, quarter);
  if (random.chance(NO_OPPORTUNITY_SHARE)) return { account, opportunity: null };
  const total = STAGES.reduce((sum, stage) => sum + stage.weight, 0);
  const draw = random.next() * total;
  let below = 0;
  const stage =
    STAGES.find((s) => {
      below += s.weight;
      return draw < below;
    }) ?? STAGES[0]!;
  const quarterEnd = new Date(
    Date.UTC(started.getUTCFullYear(), Math.floor(started.getUTCMonth() / 3) * 3 + 3, 0),
  );
  return {
    account,
    opportunity: {
      id: salesforceId('006', seed, tenantId, accountName, quarter),
      name: `${accountName} — ${quarter}`,
      stage: stage.name,
      amount: random.int(8, 240) * 1000,
      closeDate: quarterEnd.toISOString().slice(0, 10),
      isWon: stage.won,
      isClosed: stage.closed,
    },
  };
}

export function bucketOf(deal: SandboxDeal | null): DealBucket {
  const opportunity = deal?.opportunity;
  if (!opportunity) return 'none';
  if (!opportunity.isClosed) return 'open';
  return opportunity.isWon ? 'won' : 'lost';
}

/** Gong's call context: `[{ system, objects: [{ objectType, objectId, fields: [{ name, value }] }] }]`. */
export function contextOf(deal: SandboxDeal | null): unknown[] {
  if (!deal) return [];
  const objects: unknown[] = [
    {
      objectType: 'Account',
      objectId: deal.account.id,
      fields: [
        { name: 'Name', value: deal.account.name },
        { name: 'Industry', value: 'Technology' },
      ],
    },
  ];
  const opportunity = deal.opportunity;
  if (opportunity) {
    objects.push({
      objectType: 'Opportunity',
      objectId: opportunity.id,
      fields: [
        { name: 'Name', value: opportunity.name },
        { name: 'StageName', value: opportunity.stage },
        { name: 'Amount', value: opportunity.amount },
        { name: 'CloseDate', value: opportunity.closeDate },
        { name: 'IsClosed', value: opportunity.isClosed },
        { name: 'IsWon', value: opportunity.isWon },
        { name: 'AccountId', value: deal.account.id },
      ],
    });
  }
  return [{ system: 'Salesforce', objects }];
}
