import { z } from 'zod';
import { inBatches, type Page, type Pages, pageRecordsSchema, paginate } from '../pagination.ts';
import type { Send } from '../requester.ts';

// GET /v2/calls (basic call data in a date range) and POST /v2/calls/extensive (metadata plus parties and
// interaction stats). Both answer 404 when the filter matches no call — an empty result, not a failure.

export const gongCallSchema = z.looseObject({
  id: z.string(),
  url: z.string().nullish(),
  title: z.string().nullish(),
  scheduled: z.string().nullish(),
  started: z.string().nullish(),
  duration: z.number().nullish(),
  primaryUserId: z.string().nullish(),
  direction: z.string().nullish(),
  system: z.string().nullish(),
  scope: z.string().nullish(),
  media: z.string().nullish(),
  language: z.string().nullish(),
  workspaceId: z.string().nullish(),
});
export type GongCall = z.infer<typeof gongCallSchema>;

export const gongPartySchema = z.looseObject({
  id: z.string().nullish(),
  emailAddress: z.string().nullish(),
  name: z.string().nullish(),
  title: z.string().nullish(),
  userId: z.string().nullish(),
  speakerId: z.string().nullish(),
  /** 'Internal' | 'External' | 'Unknown' today; kept a string so a new value does not break parsing. */
  affiliation: z.string().nullish(),
});
export type GongParty = z.infer<typeof gongPartySchema>;

export const gongInteractionSchema = z.looseObject({
  speakers: z
    .array(
      z.looseObject({
        id: z.string().nullish(),
        userId: z.string().nullish(),
        talkTime: z.number().nullish(),
      }),
    )
    .nullish(),
  interactionStats: z.array(z.looseObject({ name: z.string(), value: z.number().nullish() })).nullish(),
});

/** A CRM object on the call (Account, Opportunity, Contact, Lead, …) with its fields as the CRM holds them. */
export const gongCrmObjectSchema = z.looseObject({
  objectType: z.string().nullish(),
  objectId: z.string().nullish(),
  // Values are strings, numbers or booleans depending on the CRM field; kept as they come.
  fields: z.array(z.looseObject({ name: z.string(), value: z.unknown().optional() })).nullish(),
});
export type GongCrmObject = z.infer<typeof gongCrmObjectSchema>;

/** `context[]` of a call when the content selector asks for it: one entry per connected CRM system. */
export const gongCallContextSchema = z.looseObject({
  system: z.string().nullish(),
  objects: z.array(gongCrmObjectSchema).nullish(),
});

export const gongExtensiveCallSchema = z.looseObject({
  metaData: gongCallSchema,
  /** CRM context; absent unless asked for, and empty for calls with no CRM object. */
  context: z.array(gongCallContextSchema).nullish(),
  parties: z.array(gongPartySchema).nullish(),
  interaction: gongInteractionSchema.nullish(),
  content: z.looseObject({}).nullish(),
});
export type GongExtensiveCall = z.infer<typeof gongExtensiveCallSchema>;

const callsPageSchema = z.looseObject({
  requestId: z.string().optional(),
  records: pageRecordsSchema.default({}),
  calls: z.array(gongCallSchema),
});

const callResponseSchema = z.looseObject({ requestId: z.string().optional(), call: gongCallSchema });

const extensivePageSchema = z.looseObject({
  requestId: z.string().optional(),
  records: pageRecordsSchema.default({}),
  calls: z.array(gongExtensiveCallSchema),
});

/** ISO-8601 date-times with offset, or Dates. */
export interface CallsFilter {
  readonly fromDateTime?: string | Date;
  readonly toDateTime?: string | Date;
  readonly workspaceId?: string;
}

export interface ExtensiveFilter extends CallsFilter {
  readonly callIds?: readonly string[];
}

/** What /v2/calls/extensive should include; by default the CRM context, parties, speakers and interaction stats. */
export type ContentSelector = Record<string, unknown>;

// The CRM context (account, opportunity) comes in the same page as the call, so asking for it costs no request.
export const DEFAULT_CONTENT_SELECTOR: ContentSelector = {
  context: 'Extended',
  exposedFields: { parties: true, interaction: { speakers: true, interactionStats: true } },
};

// Gong returns at most 100 calls per page; asking for 100 ids at a time keeps each batch to one page (one request
// from the daily budget) while keeping request bodies small.
export const CALL_ID_BATCH_SIZE = 100;

export interface CallsEndpoint {
  /** One call by id; GongError('not-found') when Gong does not know it. */
  get(callId: string): Promise<GongCall>;
  list(filter: CallsFilter): Pages<GongCall>;
  extensive(filter: ExtensiveFilter, contentSelector?: ContentSelector): Pages<GongExtensiveCall>;
  /**
   * One page of the extensive listing for a date range, from a saved cursor: lets a resumable job checkpoint
   * the cursor after each page and continue there after a restart. Undefined when nothing matches (Gong's 404).
   */
  extensivePage(
    filter: CallsFilter,
    cursor: string | undefined,
    contentSelector?: ContentSelector,
  ): Promise<Page<GongExtensiveCall> | undefined>;
}

export function callsEndpoint(send: Send): CallsEndpoint {
  const extensivePage = async (
    filter: Record<string, unknown>,
    contentSelector: ContentSelector,
    cursor: string | undefined,
  ): Promise<Page<GongExtensiveCall> | undefined> => {
    const body = await send(
      { method: 'POST', path: '/v2/calls/extensive', json: { cursor, filter, contentSelector } },
      extensivePageSchema,
      { notFoundIsEmpty: true },
    );
    return body && { items: body.calls, records: body.records, requestId: body.requestId };
  };
  const extensivePages = (filter: Record<string, unknown>, contentSelector: ContentSelector) =>
    paginate((cursor) => extensivePage(filter, contentSelector, cursor));

  return {
    async get(callId) {
      const path = `/v2/calls/${encodeURIComponent(callId)}`;
      return (await send({ method: 'GET', path }, callResponseSchema)).call;
    },

    list: (filter) =>
      paginate(async (cursor) => {
        const query = { ...dateFilter(filter), workspaceId: filter.workspaceId, cursor };
        const body = await send({ method: 'GET', path: '/v2/calls', query }, callsPageSchema, {
          notFoundIsEmpty: true,
        });
        return body && { items: body.calls, records: body.records, requestId: body.requestId };
      }),

    extensivePage: (filter, cursor, contentSelector = DEFAULT_CONTENT_SELECTOR) =>
      extensivePage({ ...dateFilter(filter), workspaceId: filter.workspaceId }, contentSelector, cursor),

    extensive: (filter, contentSelector = DEFAULT_CONTENT_SELECTOR) => {
      const base = { ...dateFilter(filter), workspaceId: filter.workspaceId };
      if (filter.callIds === undefined) return extensivePages(base, contentSelector);
      // An empty id list must not turn into "no filter" (every call of the company): it yields nothing.
      return inBatches(filter.callIds, CALL_ID_BATCH_SIZE, (callIds) =>
        extensivePages({ ...base, callIds }, contentSelector),
      );
    },
  };
}

export function dateFilter(filter: CallsFilter): { fromDateTime?: string; toDateTime?: string } {
  const iso = (value: string | Date | undefined) => (value instanceof Date ? value.toISOString() : value);
  return { fromDateTime: iso(filter.fromDateTime), toDateTime: iso(filter.toDateTime) };
}
