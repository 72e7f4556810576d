import { z } from 'zod';

/** Slices of a report by deal: the three outcomes plus calls with no CRM opportunity. */
export const dealBucket = z.enum(['won', 'lost', 'open', 'none']);
export type DealBucket = z.infer<typeof dealBucket>;
