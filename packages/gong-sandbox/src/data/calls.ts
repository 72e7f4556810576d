import { type IdCodec, idCodec } from './ids.ts';
import { ACCOUNTS, CALL_KINDS, FIRST_NAMES, LAST_NAMES, PROSPECT_TITLES, SYSTEMS } from './names.ts';
import { type Random, randomFrom, unitOf } from './random.ts';
import type { Timeline } from './timeline.ts';
import type { GongParty, GongUser, GongWorkspace, SandboxCall } from './types.ts';

export interface CallContext {
  seed: number;
  tenantId: string;
  users: GongUser[];
  activeUsers: GongUser[];
  workspaces: GongWorkspace[];
  timeline: Timeline;
  callIds: IdCodec;
  partyIds: IdCodec;
  speakerIds: IdCodec;
}

export function callContext(
  seed: number,
  tenantId: string,
  users: GongUser[],
  workspaces: GongWorkspace[],
  timeline: Timeline,
): CallContext {
  const activeUsers = users.filter((user) => user.active);
  return {
    seed,
    tenantId,
    users,
    activeUsers: activeUsers.length > 0 ? activeUsers : users,
    workspaces,
    timeline,
    callIds: idCodec(seed, tenantId, 'call'),
    partyIds: idCodec(seed, tenantId, 'party'),
    speakerIds: idCodec(seed, tenantId, 'speaker'),
  };
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

export function generateCall(ctx: CallContext, index: number): SandboxCall {
  const random = randomFrom(ctx.seed, ctx.tenantId, 'call', index);
  const primary = random.pick(ctx.activeUsers);
  const account = random.pick(ACCOUNTS);
  const kind = random.pick(CALL_KINDS);
  const internalOnly = random.chance(INTERNAL_ONLY_SHARE);
  const started = ctx.timeline.startOf(index);
  const id = ctx.callIds.encode(index);
  const partyId = (n: number) => ctx.partyIds.encode(index * 16 + n);
  const speakerId = (n: number) => ctx.speakerIds.encode(index * 16 + n);

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
  const colleague = internalOnly || random.chance(0.35) ? pickOther(random, ctx.users, primary) : undefined;
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

/** A user other than `primary`, or undefined in a one-person team. */
function pickOther(random: Random, users: GongUser[], primary: GongUser): GongUser | undefined {
  if (users.length < 2) return undefined;
  const position = users.indexOf(primary);
  const offset = random.int(1, users.length - 1);
  return users[(position + offset) % users.length];
}
