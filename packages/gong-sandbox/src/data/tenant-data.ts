import { type CallContext, callContext, generateCall, hasTranscriptAt, workspaceIndexOf } from './calls.ts';
import { dealOf, type SandboxDeal } from './crm.ts';
import { EMERGING_FROM, type TenantThemes, themesOf } from './planted.ts';
import { Timeline } from './timeline.ts';
import { type GeneratedMonologue, generateTranscript } from './transcript.ts';
import type { GongUser, GongWorkspace, SandboxCall } from './types.ts';
import { generateUsers, generateWorkspaces } from './users.ts';

export interface TenantDataOptions {
  seed: number;
  tenantId: string;
  tenantName: string;
  callCount: number;
  userCount: number;
  workspaceCount: number;
  /** Calls end just before this instant (ms) and start `days` earlier. */
  callsUntil: number;
  days: number;
}

/**
 * All of a tenant's data, generated lazily: users and workspaces are small and built up front; calls and
 * transcripts are rebuilt from (seed, index) when asked for, so 100,000 calls cost almost no memory.
 */
export class TenantData {
  readonly users: GongUser[];
  readonly workspaces: GongWorkspace[];
  readonly timeline: Timeline;
  readonly callCount: number;
  /** The themes planted in this tenant's customer speech (ground truth for theme finders). */
  readonly themes: TenantThemes;
  /** Index of the first call that may carry the emerging theme. */
  readonly emergingFromIndex: number;
  private readonly ctx: CallContext;

  constructor(readonly options: TenantDataOptions) {
    const { seed, tenantId } = options;
    this.users = generateUsers(seed, tenantId, options.tenantName, Math.max(1, options.userCount));
    this.workspaces = generateWorkspaces(seed, tenantId, Math.max(1, options.workspaceCount));
    this.callCount = options.callCount;
    this.timeline = new Timeline(seed, tenantId, options.callCount, options.callsUntil, options.days);
    this.ctx = callContext(seed, tenantId, this.users, this.workspaces, this.timeline);
    this.themes = themesOf(seed, tenantId);
    this.emergingFromIndex = Math.floor(options.callCount * EMERGING_FROM);
  }

  call(index: number): SandboxCall {
    return generateCall(this.ctx, index);
  }

  indexOfCallId(id: string): number | undefined {
    const index = this.ctx.callIds.decode(id);
    return index !== undefined && index < this.callCount ? index : undefined;
  }

  workspaceIdAt(index: number): string {
    return this.workspaces[workspaceIndexOf(this.ctx, index)]?.id ?? '';
  }

  hasTranscriptAt(index: number): boolean {
    return hasTranscriptAt(this.ctx, index);
  }

  transcript(index: number): GeneratedMonologue[] {
    return this.transcriptOf(this.call(index));
  }

  /** For callers that already built the call: saves generating it twice. */
  transcriptOf(call: SandboxCall): GeneratedMonologue[] {
    if (!call.hasTranscript) return [];
    return generateTranscript(this.options.seed, this.options.tenantId, call, {
      themes: this.themes,
      emergingActive: call.index >= this.emergingFromIndex,
    });
  }

  /** The call's CRM account and opportunity, or null when the CRM has none (Gong then sends an empty context). */
  dealOf(call: SandboxCall): SandboxDeal | null {
    return dealOf(this.options.seed, this.options.tenantId, call);
  }

  /** Iterates every call in index (= start time) order; used by ground truth, not by request handlers. */
  *calls(): Generator<SandboxCall> {
    for (let index = 0; index < this.callCount; index++) yield this.call(index);
  }
}
