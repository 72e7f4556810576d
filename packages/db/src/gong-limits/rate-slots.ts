// Gong's per-second limit kept in the database, so every process (workers and servers, on any machine) takes its
// turn in one limit per credential. The limiter logic lives in @callmine/gong (shared-limiter.ts); this is its
// store. Each take is one short transaction under the credential's lock (BEGIN IMMEDIATE on SQLite, an advisory
// lock on PostgreSQL): read the slots, hold the earliest free one or say when to look again.
import { and, eq, lt } from 'drizzle-orm';
import type { Db } from '../database/types.ts';

/** The slot row that keeps the credential's Retry-After pause (free_at = paused until). */
const PAUSE_SLOT = -1;

export type RateSlotTake = { slot: number } | { retryAt: number; paused: boolean };

export interface RateSlotStore {
  /** Holds a free slot until `holdUntil` (epoch ms), or says when one may be free (or the pause ends). */
  take(key: string, rate: number, now: number, holdUntil: number): Promise<RateSlotTake>;
  /** Frees the slot from `freeAt`, if it is still this holder's (`heldUntil`). */
  release(key: string, slot: number, heldUntil: number, freeAt: number): Promise<void>;
  /** Pauses the credential until `until` (never shortens a longer pause). */
  pause(key: string, until: number): Promise<void>;
}

export function createDbRateSlotStore(db: Db): RateSlotStore {
  const t = db.tables.gongRateSlot;
  return {
    take(key, rate, now, holdUntil) {
      return db.transaction(
        async (tx) => {
          let rows = await tx
            .select({ slot: t.slot, freeAt: t.freeAt })
            .from(t)
            .where(eq(t.credentialKey, key));
          if (rows.length < rate + 1) {
            const slots = Array.from({ length: rate + 1 }, (_, i) => i - 1);
            await tx
              .insert(t)
              .values(slots.map((slot) => ({ credentialKey: key, slot, freeAt: 0 })))
              .onConflictDoNothing();
            rows = await tx
              .select({ slot: t.slot, freeAt: t.freeAt })
              .from(t)
              .where(eq(t.credentialKey, key));
          }
          const pausedUntil = rows.find((r) => r.slot === PAUSE_SLOT)?.freeAt ?? 0;
          if (pausedUntil > now) return { retryAt: pausedUntil, paused: true };
          // Only slots 0..rate−1 count: a lowered rate leaves the higher rows unused.
          let best: { slot: number; freeAt: number } | undefined;
          for (const row of rows) {
            if (row.slot < 0 || row.slot >= rate) continue;
            if (!best || row.freeAt < best.freeAt) best = row;
          }
          if (!best) throw new Error('rate slots missing');
          if (best.freeAt > now) return { retryAt: best.freeAt, paused: false };
          await tx
            .update(t)
            .set({ freeAt: holdUntil })
            .where(and(eq(t.credentialKey, key), eq(t.slot, best.slot)));
          return { slot: best.slot };
        },
        { lock: `gong-rate:${key}` },
      );
    },
    async release(key, slot, heldUntil, freeAt) {
      await db
        .update(t)
        .set({ freeAt })
        .where(and(eq(t.credentialKey, key), eq(t.slot, slot), eq(t.freeAt, heldUntil)));
    },
    async pause(key, until) {
      await db
        .insert(t)
        .values({ credentialKey: key, slot: PAUSE_SLOT, freeAt: until })
        .onConflictDoUpdate({
          target: [t.credentialKey, t.slot],
          set: { freeAt: until },
          setWhere: lt(t.freeAt, until),
        });
    },
  };
}
