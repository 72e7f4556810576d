import { z } from 'zod';
import { inBatches, type Pages, pageRecordsSchema, paginate } from '../pagination.ts';
import type { Send } from '../requester.ts';
import { CALL_ID_BATCH_SIZE } from './calls.ts';

// POST /v2/calls/transcript — transcripts as monologues ({ speakerId, topic, sentences: [{ start, end, text }] },
// times in ms from the call's start), fetched for explicit call ids in batches of CALL_ID_BATCH_SIZE (100: Gong's
// page size, so a batch normally costs one request; cursors are still followed if Gong splits it).

export const gongSentenceSchema = z.looseObject({ start: z.number(), end: z.number(), text: z.string() });

export const gongMonologueSchema = z.looseObject({
  speakerId: z.string().nullish(),
  topic: z.string().nullish(),
  sentences: z.array(gongSentenceSchema),
});

export const gongCallTranscriptSchema = z.looseObject({
  callId: z.string(),
  transcript: z.array(gongMonologueSchema),
});
export type GongCallTranscript = z.infer<typeof gongCallTranscriptSchema>;

const transcriptsPageSchema = z.looseObject({
  requestId: z.string().optional(),
  records: pageRecordsSchema.default({}),
  callTranscripts: z.array(gongCallTranscriptSchema),
});

export interface TranscriptsEndpoint {
  /** Transcripts of the given calls; an empty list sends nothing (an empty filter would mean every call). */
  get(callIds: readonly string[]): Pages<GongCallTranscript>;
}

export function transcriptsEndpoint(send: Send): TranscriptsEndpoint {
  return {
    get: (callIds) =>
      inBatches(callIds, CALL_ID_BATCH_SIZE, (batch) =>
        paginate(async (cursor) => {
          const body = await send(
            { method: 'POST', path: '/v2/calls/transcript', json: { cursor, filter: { callIds: batch } } },
            transcriptsPageSchema,
            { notFoundIsEmpty: true },
          );
          return body && { items: body.callTranscripts, records: body.records, requestId: body.requestId };
        }),
      ),
  };
}
