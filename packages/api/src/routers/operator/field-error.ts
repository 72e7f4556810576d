import { TRPCError } from '@trpc/server';
import { FieldErrorsCause } from '../../errors.ts';

/** BAD_REQUEST with `data.fieldErrors[field]`: the form shows it under the field, as for the shared zod rules. */
export function fieldError(field: string, message: string): TRPCError {
  return new TRPCError({ code: 'BAD_REQUEST', message, cause: new FieldErrorsCause({ [field]: [message] }) });
}
