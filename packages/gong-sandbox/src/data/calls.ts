import { encodeId, idPrefix } from './ids.ts';
import { ACCOUNTS, CALL_KINDS, FIRST_NAMES, LAST_NAMES, PROSPECT_TITLES, SYSTEMS } from './names.ts';
import { randomFrom, unitOf } from './random.ts';
import type { Timeline } from './timeline.ts';
import type { GongParty, GongUser, GongWorkspace, SandboxCall } from './types.ts';

export interface CallContext {
  seed: number;
  tenantId: string;
  users: GongUser[];
  workspaces: GongWorkspace[];
  timeline: Timeline;
}

// About one call in twenty is internal-only (no prospect), and a few have no transcript (media failed or
// recording stopped), so clients must cope with both, as they must with real Gong data.
const INTERNAL_ONLY_SHARE = 0.05;
const NO_TRANSCRIPT_SHARE = 0.03;

function iso(ms: number): string {
  return new Date(ms).toISOString().replace('.000Z', 'Z');
}

/** Cheap per-index facts, used when scanning many calls for a filter without building them. */
export function workspaceIndexOf(ctx: CallContext, index: number): number {
  return Math.floor(unitOf(ctx.seed, ctx.tenantId, 'workspace', index) * ctx.workspaces.length);
}

export function hasTranscriptAt(ctx: CallContext, index: number): boolean {
  return unitOf(ctx.seed, ctx.tenantId, 'has-transcript', index) >= NO_TRANSCRIPT_SHARE;
}

export function callIdPrefix(ctx: CallContext): string {
  return idPrefix(ctx.seed, ctx.tenantId, 'call');
}

export function generateCall(ctx: CallContext, index: number): SandboxCall {
  const random = randomFrom(ctx.seed, ctx.tenantId, 'call', index);
  const activeUsers = ctx.users.filter((user) => user.active);
  const primary = random.pick(activeUsers.length > 0 ? activeUsers : ctx.users);
  const account = random.pick(ACCOUNTS);
  const kind = random.pick(CALL_KINDS);
  const internalOnly = random.chance(INTERNAL_ONLY_SHARE);
  const started = ctx.timeline.startOf(index);
  const id = encodeId(callIdPrefix(ctx), index);
  const speakerPrefix = idPrefix(ctx.seed, ctx.tenantId, 'speaker');
  const partyPrefix = idPrefix(ctx.seed, ctx.tenantId, 'party');
  const partyId = (n: number) => encodeId(partyPrefix, index * 16 + n);
  const speakerId = (n: number) => encodeId(speakerPrefix, index * 16 + n);

  const parties: GongParty[] = [
    {
      id: partyId(0),
      emailAddress: primary.emailAddress,
      name: `${primary.firstName} ${primary.lastName}`,
      title: primary.title,
      userId: primary.id,
      speakerId: speakerId(0),
      context: [],
      affiliation: 'Internal',
      phoneNumber: null,
      methods: ['Invitee'],
    },
  ];
  // Internal-only calls always have a second colleague: a review needs two people to talk.
  const others = ctx.users.filter((user) => user.id !== primary.id);
  const colleague =
    others.length > 0 && (internalOnly || random.chance(0.35)) ? random.pick(others) : undefined;
  if (colleague) {
    parties.push({
      id: partyId(1),
      emailAddress: colleague.emailAddress,
      name: `${colleague.firstName} ${colleague.lastName}`,
      title: colleague.title,
      userId: colleague.id,
      speakerId: speakerId(1),
      context: [],
      affiliation: 'Internal',
      phoneNumber: null,
      methods: ['Invitee'],
    });
  }
  const prospects = internalOnly ? 0 : random.int(1, 3);
  for (let n = 0; n < prospects; n++) {
    const firstName = random.pick(FIRST_NAMES);
    const lastName = random.pick(LAST_NAMES);
    parties.push({
      id: partyId(2 + n),
      emailAddress: `${firstName}.${lastName}@${account.domain}`.toLowerCase(),
      name: `${firstName} ${lastName}`,
      title: random.pick(PROSPECT_TITLES),
      speakerId: speakerId(2 + n),
      context: [],
      affiliation: 'External',
      phoneNumber: null,
      methods: ['Invitee'],
    });
  }

  const title = internalOnly ? `${account.name} deal review` : `${account.name} <> ${kind}`;
  const system = random.pick(SYSTEMS);
  const workspace = ctx.workspaces[workspaceIndexOf(ctx, index)] ?? ctx.workspaces[0];
  return {
    index,
    accountName: account.name,
    hasTranscript: hasTranscriptAt(ctx, index),
    parties,
    metaData: {
      id,
      url: `https://app.gong.io/call?id=${id}`,
      title,
      scheduled: iso(Math.floor(started / 1_800_000) * 1_800_000),
      started: iso(started),
      duration: random.int(5, 60) * 60 + random.int(0, 59),
      primaryUserId: primary.id,
      direction: 'Conference',
      system,
      scope: internalOnly ? 'Internal' : 'External',
      media: random.chance(0.85) ? 'Video' : 'Audio',
      language: 'eng',
      workspaceId: workspace?.id ?? '',
      sdrDisposition: null,
      clientUniqueId: null,
      customData: null,
      purpose: null,
      meetingUrl: `https://meet.example/${id.slice(-10)}`,
      isPrivate: false,
      calendarEventId: null,
    },
  };
}
