/** The rows the prediction bench sends: the fixture's held-out rows, as they are or made distinct. */
export type RowSource = () => number[];

/** Cycles over the held-out rows: after the first pass every row has been seen (what a prediction cache serves). */
export function repeatedRows(rows: readonly (number | string)[][]): RowSource {
  let next = 0;
  return () => rows[next++ % rows.length].map(Number);
}

/**
 * The held-out rows with every feature moved by up to ±0.1 at four decimals: realistic values (the forest's
 * answers still vary), and about 10^13 combinations per row, so no two requests of a run are alike and no cache
 * can answer one.
 */
export function distinctRows(rows: readonly (number | string)[][]): RowSource {
  let next = 0;
  return () =>
    rows[next++ % rows.length].map(
      (value) => Math.round((Number(value) + (Math.random() - 0.5) / 5) * 1e4) / 1e4,
    );
}

/**
 * Rows of `width` random features in [-1, 1) at four decimals, for a model without held-out rows: 2·10^4 values
 * a feature, so no two requests of a run are alike and no cache can answer one.
 */
export function randomRows(width: number): RowSource {
  return () => Array.from({ length: width }, () => Math.round((Math.random() * 2 - 1) * 1e4) / 1e4);
}
