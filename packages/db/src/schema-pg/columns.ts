// Column types whose JS values match the SQLite schema's: SQLite keeps instants as integer milliseconds and
// drizzle hands out Dates, so PostgreSQL keeps them as timestamptz to the millisecond (mode 'date': Dates too).
import { timestamp } from 'drizzle-orm/pg-core';

export const timestampMs = (name: string) =>
  timestamp(name, { withTimezone: true, mode: 'date', precision: 3 });
