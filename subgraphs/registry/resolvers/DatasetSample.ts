import { errors } from '../../../lib/errors';
import type { DatasetSampleResolvers } from '../__generated__/resolvers-types';

const MAX_ROWS = 1000;

export const DatasetSample: DatasetSampleResolvers = {
  size: (sample) => sample.rows.length,
  rows: (sample, { first }) => {
    const count = first ?? 100;
    if (count < 1 || count > MAX_ROWS)
      throw errors.badInput(`first must be between 1 and ${MAX_ROWS}`, 'first');
    // Stored typed (numbers in NUMBER columns) for drift detection; served as the text of each value.
    return sample.rows
      .slice(0, count)
      .map((row) => row.map((value) => (value === null ? null : String(value))));
  },
};
