import type { Affiliation, AnalysisCall, AnalysisTranscript, ReportCall } from '@callmine/contracts';
import { dealOfCall, type GongCallTranscript, type GongExtensiveCall } from '@callmine/gong';

// Gong's cached records turned into what the analysis engine reads and what the report keeps. Pure: records in,
// plain objects out. Gong leaves fields out now and then (nullish in its schema); the engine and the report want
// plain strings and numbers, so a missing title is '' and a missing duration 0.

const AFFILIATIONS: ReadonlySet<string> = new Set(['Internal', 'External', 'Unknown']);

function affiliationOf(value: string | null | undefined): Affiliation {
  return value && AFFILIATIONS.has(value) ? (value as Affiliation) : 'Unknown';
}

export function analysisCallOf(call: GongExtensiveCall): AnalysisCall {
  const meta = call.metaData;
  return {
    id: meta.id,
    title: meta.title ?? '',
    url: meta.url ?? '',
    started: meta.started ?? '',
    duration: Math.max(0, meta.duration ?? 0),
    primaryUserId: meta.primaryUserId ?? '',
    parties: (call.parties ?? []).map((p) => ({
      speakerId: p.speakerId ?? null,
      affiliation: affiliationOf(p.affiliation),
      name: p.name ?? '',
      ...(p.userId ? { userId: p.userId } : {}),
    })),
    // The CRM deal from the call's context (same listing page; calls cached before it was asked for have none).
    deal: dealOfCall(call),
  };
}

export function analysisTranscriptOf(transcript: GongCallTranscript): AnalysisTranscript {
  return {
    callId: transcript.callId,
    transcript: transcript.transcript.map((m) => ({
      speakerId: m.speakerId ?? '',
      topic: m.topic ?? null,
      sentences: m.sentences.map(({ start, end, text }) => ({ start, end, text })),
    })),
  };
}

export function reportCallOf(call: GongExtensiveCall): ReportCall {
  const meta = call.metaData;
  return {
    id: meta.id,
    title: meta.title ?? '',
    url: meta.url ?? '',
    started: meta.started ?? '',
    durationSeconds: Math.round(meta.duration ?? 0),
    repId: meta.primaryUserId ?? '',
    deal: dealOfCall(call),
  };
}

/**
 * Gong user id → name for the reps of these calls, taken from the calls' own parties (a rep is a party with their
 * userId). No /v2/users request: the parties already carry the name as Gong knew it for the call, and the report
 * must not spend Gong's budget. A rep with no named party is left out; the report shows their id.
 */
export function repNamesOf(calls: readonly GongExtensiveCall[]): Record<string, string> {
  const reps = new Set(calls.map((c) => c.metaData.primaryUserId).filter((id): id is string => Boolean(id)));
  const names: Record<string, string> = {};
  for (const call of calls) {
    for (const party of call.parties ?? []) {
      const name = party.name?.trim();
      if (party.userId && reps.has(party.userId) && name && !(party.userId in names))
        names[party.userId] = name;
    }
  }
  return names;
}
