// PostgreSQL returns int8 (count(*), sum of integers) and numeric (avg, sum of int8) as strings, where SQLite gives
// numbers. This pool parses them as numbers, and refuses an int8 beyond 2^53 rather than round it. Only this pool:
// pg's global type parsers (and so any other pg user in the process, e.g. a queue library) stay as they were.
import pg from 'pg';

const INT8 = 20;
const NUMERIC = 1700;

function parseInt8(value: string): number {
  const parsed = Number(value);
  if (!Number.isSafeInteger(parsed)) throw new RangeError(`int8 ${value} does not fit a JavaScript number`);
  return parsed;
}

const ownParsers = new Map<number, (value: string) => number>([
  [INT8, parseInt8],
  [NUMERIC, Number],
]);

type GetTypeParser = (oid: number, format?: 'text' | 'binary') => unknown;
interface TypesOverride {
  getTypeParser: GetTypeParser;
}

/** The pool's `types` option: pg's defaults, with numbers for int8 and numeric. */
export const poolTypes: TypesOverride = {
  getTypeParser: (oid, format) =>
    (format ?? 'text') === 'text' && ownParsers.has(oid)
      ? ownParsers.get(oid)
      : pg.types.getTypeParser(oid, format ?? 'text'),
};

const wrapped = new WeakMap<TypesOverride, TypesOverride>();

function withNumbers(types: TypesOverride): TypesOverride {
  let result = wrapped.get(types);
  if (!result) {
    result = {
      getTypeParser: (oid, format) =>
        (format ?? 'text') === 'text' && ownParsers.has(oid)
          ? ownParsers.get(oid)
          : types.getTypeParser(oid, format),
    };
    wrapped.set(types, result);
  }
  return result;
}

/**
 * drizzle passes its own per-query `types` (to keep timestamps as text for its column mappers), which fall back to
 * pg's global parsers and so would bypass `poolTypes`. Each client of this pool therefore puts the number parsers in
 * front of whatever per-query `types` it is given.
 */
export function parseNumbersOnEveryClient(pool: pg.Pool): void {
  pool.on('connect', (client) => {
    const query = client.query.bind(client) as (...args: unknown[]) => unknown;
    (client as { query: unknown }).query = (config: unknown, ...rest: unknown[]) => {
      if (isPlainQueryConfig(config) && config.types) {
        return query({ ...config, types: withNumbers(config.types) }, ...rest);
      }
      return query(config, ...rest);
    };
  });
}

function isPlainQueryConfig(config: unknown): config is { types?: TypesOverride } {
  return (
    typeof config === 'object' &&
    config !== null &&
    typeof (config as { submit?: unknown }).submit !== 'function' &&
    Object.getPrototypeOf(config) === Object.prototype
  );
}
