// Hot reads built once per database handle: drizzle turns a query builder into SQL anew on every call (tens of
// microseconds for a join with a few dozen columns), which is most of a simple request's database cost.
import type { Db } from './types.ts';

/** What a select builder becomes after `.prepare()` on either dialect (SQLite ignores the name). */
interface PreparedSelect<Row> {
  execute(placeholderValues?: Record<string, unknown>): PromiseLike<Row[]>;
}
interface PreparableSelect<Row> {
  prepare(): PreparedSelect<Row>;
}

/**
 * A read whose SQL is built once per handle and then run with values for its `sql.placeholder('…')`s. On
 * PostgreSQL it is a named statement, parsed once per pooled connection; on SQLite the compiled statement is reused.
 * For reads OUTSIDE a transaction only (the per-request session lookup): on PostgreSQL the prepared statement runs
 * on the pool, not in a transaction the caller may have open. `name` must be unique per query (a PostgreSQL
 * statement name).
 */
export function preparedRead<Row, Values extends Record<string, unknown>>(
  name: string,
  build: (db: Db) => PreparableSelect<Row>,
): (db: Db, values: Values) => PromiseLike<Row[]> {
  const built = new WeakMap<Db, PreparedSelect<Row>>();
  // Not async: the driver's own promise goes back as it is (one promise fewer per read on the hot path).
  return (db, values) => {
    let prepared = built.get(db);
    if (!prepared) {
      // The Db type is SQLite's, whose prepare() takes no name; PostgreSQL's needs one.
      const builder = build(db);
      prepared = (builder.prepare as (name: string) => PreparedSelect<Row>).call(builder, name);
      built.set(db, prepared);
    }
    return prepared.execute(values);
  };
}
