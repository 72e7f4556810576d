import { hashOf } from '../data/random.ts';

// Cursors are opaque to clients but carry a fingerprint of the request they continue, because Gong
// requires every other input to stay the same across pages and answers 400 otherwise.

interface CursorState {
  f: string;
  p: number;
  o: number;
}

export interface PagePosition {
  pageNumber: number;
  offset: number;
}

export function fingerprintOf(tenantId: string, endpoint: string, inputs: unknown): string {
  return hashOf(0, tenantId, endpoint, JSON.stringify(inputs)).toString(36);
}

export function encodeCursor(fingerprint: string, position: PagePosition): string {
  const state: CursorState = { f: fingerprint, p: position.pageNumber, o: position.offset };
  return Buffer.from(JSON.stringify(state)).toString('base64url');
}

export type CursorResult = { ok: true; position: PagePosition } | { ok: false; error: string };

export function decodeCursor(cursor: string | undefined, fingerprint: string): CursorResult {
  if (cursor === undefined || cursor === '') return { ok: true, position: { pageNumber: 0, offset: 0 } };
  let state: unknown;
  try {
    state = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    return { ok: false, error: 'cursor: invalid value' };
  }
  if (!isCursorState(state)) return { ok: false, error: 'cursor: invalid value' };
  if (state.f !== fingerprint) {
    return { ok: false, error: 'cursor: request parameters must not change between pages' };
  }
  return { ok: true, position: { pageNumber: state.p, offset: state.o } };
}

function isCursorState(value: unknown): value is CursorState {
  if (typeof value !== 'object' || value === null) return false;
  const { f, p, o } = value as Record<string, unknown>;
  return typeof f === 'string' && Number.isInteger(p) && Number.isInteger(o) && (o as number) >= 0;
}
