import { idCodec } from './ids.ts';
import { COMPETITORS, PRICING_TERMS } from './terms.ts';
import type { GongWorkspace } from './types.ts';

export interface TrackerDefinition {
  id: string;
  name: string;
  keywords: readonly string[];
}

/** Every tenant has the two keyword trackers a sales team sets up first; they match the tracked terms. */
export function trackersOf(seed: number, tenantId: string): TrackerDefinition[] {
  const ids = idCodec(seed, tenantId, 'tracker');
  return [
    { id: ids.encode(0), name: 'Competitors', keywords: COMPETITORS },
    { id: ids.encode(1), name: 'Pricing', keywords: PRICING_TERMS },
  ];
}

/** The `keywordTrackers[]` entries of GET /v2/settings/trackers. */
export function keywordTrackerSettings(
  trackers: TrackerDefinition[],
  workspace: GongWorkspace,
  ownerId: string,
) {
  return trackers.map((tracker) => ({
    trackerId: tracker.id,
    trackerName: tracker.name,
    workspaceId: workspace.id,
    languageKeywords: [{ language: 'eng', keywords: [...tracker.keywords], includeRelatedForms: false }],
    affiliation: 'Anyone',
    partOfQuestion: false,
    saidAt: 'Anytime',
    saidAtInterval: null,
    saidAtUnit: null,
    saidInTopics: [],
    saidInCallParts: [],
    filterQuery: '',
    created: '2024-01-15T09:00:00Z',
    creatorUserId: ownerId,
    updated: '2024-01-15T09:00:00Z',
    updaterUserId: ownerId,
  }));
}
