// The Gong sandbox's seeded calls as engine input, for tests that analyse realistic data (this package's ground-truth
// test, the web app's seeded reports). Only a type comes from the sandbox, so the engine gains no runtime dependency
// on it; callers start the sandbox themselves.
import type { AnalysisCall, AnalysisTranscript } from '@callmine/contracts';
import type { GongSandbox } from '@callmine/gong-sandbox';

/** The first `count` calls of a sandbox tenant (oldest first; all by default) and the transcripts of those that have one. */
export function sandboxAnalysisInput(
  sandbox: GongSandbox,
  tenantId: string,
  count = Number.POSITIVE_INFINITY,
): { calls: AnalysisCall[]; transcripts: AnalysisTranscript[] } {
  const data = sandbox.tenant(tenantId).calls;
  const calls: AnalysisCall[] = [];
  const transcripts: AnalysisTranscript[] = [];
  for (let i = 0; i < Math.min(count, data.callCount); i++) {
    const call = data.call(i);
    calls.push({
      id: call.metaData.id,
      title: call.metaData.title,
      url: call.metaData.url,
      started: call.metaData.started,
      duration: call.metaData.duration,
      primaryUserId: call.metaData.primaryUserId,
      parties: call.parties.map((p) => ({
        speakerId: p.speakerId,
        affiliation: p.affiliation,
        name: p.name,
        ...(p.userId === undefined ? {} : { userId: p.userId }),
      })),
    });
    if (!call.hasTranscript) continue;
    transcripts.push({
      callId: call.metaData.id,
      transcript: data.transcriptOf(call).map((m) => ({
        speakerId: m.speakerId,
        topic: m.topic,
        sentences: m.sentences.map(({ start, end, text }) => ({ start, end, text })),
      })),
    });
  }
  return { calls, transcripts };
}
