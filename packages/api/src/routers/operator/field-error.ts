import { TRPCError } from '@trpc/server';
import { ZodError } from 'zod';

/**
 * A rule only the database can check (a name already taken), answered like a schema failure: BAD_REQUEST with
 * `data.fieldErrors`, so the form puts the message under the field as it does for the shared zod rules.
 */
export function fieldError(field: string, message: string): TRPCError {
  return new TRPCError({
    code: 'BAD_REQUEST',
    message,
    cause: new ZodError([{ code: 'custom', path: [field], message, input: undefined }]),
  });
}
