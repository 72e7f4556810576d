import { Hono } from 'hono';
import { z } from 'zod';
import { contextOf } from '../data/crm.ts';
import { trackersOf } from '../data/trackers.ts';
import type { SandboxCall } from '../data/types.ts';
import { readJsonBody } from '../http/body.ts';
import { selectCalls } from '../http/call-filter.ts';
import { fingerprintOf } from '../http/cursor.ts';
import { gongError } from '../http/errors.ts';
import { pageOf } from '../http/pagination.ts';
import { type ApiEnv, type SandboxState, tenantOf } from '../http/state.ts';
import type { SandboxTenant } from '../tenants.ts';
import { interactionStatsOf, questionsOf, speakersOf, topicsOf, trackerHitsOf } from './call-insights.ts';
import { callsFilterSchema, NO_CALLS_MESSAGE, toCallFilter } from './filter-schema.ts';

const flag = z.boolean().nullish();

const extensiveBody = z.object({
  cursor: z.string().nullish(),
  filter: callsFilterSchema,
  contentSelector: z
    .object({
      context: z.string().nullish(),
      exposedFields: z
        .object({
          parties: flag,
          content: z
            .object({
              topics: flag,
              trackers: flag,
              brief: flag,
              outline: flag,
              highlights: flag,
              keyPoints: flag,
            })
            .nullish(),
          interaction: z
            .object({ speakers: flag, interactionStats: flag, questions: flag, video: flag })
            .nullish(),
        })
        .nullish(),
    })
    .nullish(),
});

type ExtensiveBody = z.infer<typeof extensiveBody>;

export function extensiveRoutes(state: SandboxState) {
  return new Hono<ApiEnv>().post('/v2/calls/extensive', async (c) => {
    const tenant = tenantOf(c);
    const body = await readJsonBody(c, extensiveBody);
    if (!body.ok) return gongError(c, 400, ...body.errors);
    const { cursor, ...inputs } = body.value;
    const parsed = toCallFilter(inputs.filter);
    if (!parsed.ok) return gongError(c, 400, parsed.error);
    const selection = selectCalls(tenant.calls, parsed.filter);
    if (selection.total === 0) return gongError(c, 404, NO_CALLS_MESSAGE);
    const page = pageOf(selection, fingerprintOf(tenant.id, 'extensive', inputs), cursor ?? undefined);
    if (!page.ok) return gongError(c, 400, page.error);
    const calls = page.indexes.map((index) => extensiveCall(state, tenant, tenant.calls.call(index), inputs));
    return c.json({ requestId: c.var.requestId, records: page.records, calls });
  });
}

/** Only the sections the content selector asks for are present, as in Gong. */
function extensiveCall(state: SandboxState, tenant: SandboxTenant, call: SandboxCall, body: ExtensiveBody) {
  const fields = body.contentSelector?.exposedFields;
  const result: Record<string, unknown> = { metaData: call.metaData };
  // Gong's values are 'None' and 'Extended'; either way a call without CRM objects has an empty context.
  const context = body.contentSelector?.context;
  if (context && context !== 'None') result.context = contextOf(tenant.calls.dealOf(call));
  if (fields?.parties) result.parties = call.parties;
  const wantsContent = fields?.content && Object.values(fields.content).some(Boolean);
  const wantsInteraction = fields?.interaction && Object.values(fields.interaction).some(Boolean);
  if (!wantsContent && !wantsInteraction) return result;

  const monologues = tenant.calls.transcriptOf(call);
  if (fields?.content && wantsContent) {
    const content: Record<string, unknown> = {};
    if (fields.content.topics) content.topics = topicsOf(monologues);
    if (fields.content.trackers)
      content.trackers = trackerHitsOf(monologues, trackersOf(state.seed, tenant.id));
    if (fields.content.brief) content.brief = `Call with ${call.accountName}: ${call.metaData.title}.`;
    if (fields.content.keyPoints) content.keyPoints = [];
    if (fields.content.highlights) content.highlights = [];
    if (fields.content.outline) content.outline = [];
    result.content = content;
  }
  if (fields?.interaction && wantsInteraction) {
    const interaction: Record<string, unknown> = {};
    const userIdBySpeaker = new Map(call.parties.map((party) => [party.speakerId ?? '', party.userId]));
    if (fields.interaction.speakers) interaction.speakers = speakersOf(monologues, userIdBySpeaker);
    if (fields.interaction.interactionStats) {
      interaction.interactionStats = interactionStatsOf(monologues, call.metaData.duration);
    }
    if (fields.interaction.questions) interaction.questions = questionsOf(monologues);
    if (fields.interaction.video) interaction.video = [];
    result.interaction = interaction;
  }
  return result;
}
