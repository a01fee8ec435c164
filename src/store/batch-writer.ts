// Inserting many rows fast: one prepared statement per ROWS_PER_INSERT rows instead of one per row.
import type { Db } from './db';

const ROWS_PER_INSERT = 64;

/** A writer of many rows of `cols` values with one statement per ROWS_PER_INSERT rows; the caller owns the transaction. */
export function batchWriter(db: Db, table: string, cols: readonly string[]): { add: (...values: (number | string)[]) => void; flush: () => void } {
  const sql = (n: number) => `INSERT INTO ${table} (${cols.join(', ')}) VALUES ${Array(n).fill(`(${cols.map(() => '?').join(', ')})`).join(', ')}`;
  const many = db.prepare(sql(ROWS_PER_INSERT));
  const one = db.prepare(sql(1));
  let params: (number | string)[] = [];
  return {
    add(...values) {
      params.push(...values);
      if (params.length === ROWS_PER_INSERT * cols.length) {
        many.run(params);
        params = [];
      }
    },
    flush() {
      for (let i = 0; i < params.length; i += cols.length) one.run(params.slice(i, i + cols.length));
      params = [];
    },
  };
}
