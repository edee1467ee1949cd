/** The series names a PromQL selector may use for a family of each type, beside the family's own name. */
const SUFFIXES: Record<string, readonly string[]> = {
  histogram: ['_bucket', '_sum', '_count'],
  summary: ['_sum', '_count'],
};

/**
 * Every name a query can select in a `/metrics` answer (Prometheus text format): the name of each sample, and
 * of each declared family with the series its type implies, so that a labelled family with no sample yet
 * (a histogram nothing observed) still counts as existing.
 */
export function exposedMetricNames(text: string): Set<string> {
  const names = new Set<string>();
  for (const line of text.split('\n')) {
    const declared = /^# TYPE ([A-Za-z_:][A-Za-z0-9_:]*) (\w+)$/.exec(line);
    if (declared) {
      const [, family, type] = declared;
      names.add(family);
      for (const suffix of SUFFIXES[type] ?? []) names.add(family + suffix);
    }
  }
  for (const name of sampledMetricNames(text)) names.add(name);
  return names;
}

/** The names of the samples alone: the series that have a value. */
export function sampledMetricNames(text: string): Set<string> {
  const names = new Set<string>();
  for (const line of text.split('\n')) {
    const sample = /^([A-Za-z_:][A-Za-z0-9_:]*)[{ ]/.exec(line);
    if (sample) names.add(sample[1]);
  }
  return names;
}
