import { z } from 'zod';
import { type Pages, pageRecordsSchema, paginate } from '../pagination.ts';
import type { Send } from '../requester.ts';

// GET /v2/users — the company's Gong users. Loose objects: Gong adds fields without notice.

export const gongUserSchema = z.looseObject({
  id: z.string(),
  emailAddress: z.string().nullish(),
  firstName: z.string().nullish(),
  lastName: z.string().nullish(),
  title: z.string().nullish(),
  active: z.boolean().nullish(),
});
export type GongUser = z.infer<typeof gongUserSchema>;

export const usersPageSchema = z.looseObject({
  requestId: z.string().optional(),
  records: pageRecordsSchema.default({}),
  users: z.array(gongUserSchema),
});

export interface UsersEndpoint {
  list(): Pages<GongUser>;
}

export function usersEndpoint(send: Send): UsersEndpoint {
  return {
    list: () =>
      paginate(async (cursor) => {
        const body = await send({ method: 'GET', path: '/v2/users', query: { cursor } }, usersPageSchema);
        return body && { items: body.users, records: body.records, requestId: body.requestId };
      }),
  };
}
