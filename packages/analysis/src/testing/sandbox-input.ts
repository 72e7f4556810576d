// The Gong sandbox's seeded calls as engine input, for tests that analyse realistic data (this package's ground-truth
// test, the web app's seeded reports). Only a type comes from the sandbox, so the engine gains no runtime dependency
// on it; callers start the sandbox themselves.
import type { AnalysisCall, AnalysisTranscript, CallDeal } from '@callmine/contracts';
import type { GongSandbox } from '@callmine/gong-sandbox';

/**
 * The first `count` calls of a sandbox tenant (oldest first; all by default), or the calls with index in
 * [from, to), and the transcripts of those that have one. Each call carries its CRM deal, as the worker maps it.
 */
export function sandboxAnalysisInput(
  sandbox: GongSandbox,
  tenantId: string,
  range: number | { from: number; to: number } = Number.POSITIVE_INFINITY,
): { calls: AnalysisCall[]; transcripts: AnalysisTranscript[] } {
  const data = sandbox.tenant(tenantId).calls;
  const calls: AnalysisCall[] = [];
  const transcripts: AnalysisTranscript[] = [];
  const from = typeof range === 'number' ? 0 : range.from;
  const to = Math.min(typeof range === 'number' ? range : range.to, data.callCount);
  for (let i = from; i < to; i++) {
    const call = data.call(i);
    const crm = data.dealOf(call);
    const deal: CallDeal | null = crm && {
      system: 'Salesforce',
      account: { id: crm.account.id, name: crm.account.name },
      opportunity: crm.opportunity && {
        id: crm.opportunity.id,
        name: crm.opportunity.name,
        stage: crm.opportunity.stage,
        amount: crm.opportunity.amount,
        closeDate: crm.opportunity.closeDate,
        outcome: crm.opportunity.isClosed ? (crm.opportunity.isWon ? 'won' : 'lost') : 'open',
      },
    };
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
      deal,
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
