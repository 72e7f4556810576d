import type { ByDeal, DealBucket, DealCalls } from '@callmine/contracts';
import type { Conversation } from './conversation.ts';

// Deal slices: each transcribed call falls in one outcome (won, lost, open, or none when the CRM has no opportunity
// for it) and one stage (the opportunity's stage name, or "No deal"). Trackers and questions count the calls of each
// slice that mention or ask them; `calls()` gives the denominators, so "pricing came up on 62 % of lost deals' calls"
// is byDeal.outcome.lost ÷ deals.outcome.lost.

export const NO_DEAL_STAGE = 'No deal';
const STAGE_UNKNOWN = 'Stage unknown';
const BUCKETS: readonly DealBucket[] = ['won', 'lost', 'open', 'none'];

export interface DealSlicer {
  /** Calls per slice among `callIds` (ids of calls that are not analysed are ignored). */
  slice(callIds: Iterable<string>): ByDeal;
  calls(): DealCalls;
}

function empty(): ByDeal {
  return { outcome: { won: 0, lost: 0, open: 0, none: 0 }, stage: {} };
}

/** Null when no analysed call has a CRM opportunity or account: the report then has no deal slices at all. */
export function dealSlicer(conversations: readonly Conversation[]): DealSlicer | null {
  if (!conversations.some((c) => c.call.deal)) return null;
  const sliceOf = new Map<string, { bucket: DealBucket; stage: string }>();
  for (const { call } of conversations) {
    const opportunity = call.deal?.opportunity;
    sliceOf.set(call.id, {
      bucket: opportunity?.outcome ?? 'none',
      stage: opportunity ? (opportunity.stage ?? STAGE_UNKNOWN) : NO_DEAL_STAGE,
    });
  }
  const count = (ids: Iterable<string>): ByDeal => {
    const counts = empty();
    for (const id of ids) {
      const slice = sliceOf.get(id);
      if (!slice) continue;
      counts.outcome[slice.bucket]++;
      counts.stage[slice.stage] = (counts.stage[slice.stage] ?? 0) + 1;
    }
    return counts;
  };
  return {
    slice: count,
    calls() {
      const all = count(sliceOf.keys());
      const withDeal = BUCKETS.filter((b) => b !== 'none').reduce((sum, b) => sum + all.outcome[b], 0);
      return { withDeal, ...all };
    },
  };
}
