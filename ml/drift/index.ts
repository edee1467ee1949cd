/**
 * TEMPORARY minimal drift statistics so the drift pipeline's tests run on this branch: the drift-stats branch
 * owns ml/drift (exact scipy ports); at merge its version replaces this file. Same exported API.
 */

export type FeatureKind = 'NUMERIC' | 'CATEGORICAL';

export interface FeatureDriftResult {
  feature: string;
  kind: FeatureKind;
  psi: number;
  ksStatistic: number;
  chiSquareStatistic: number | null;
  pValue: number;
  drifted: boolean;
}

export interface DriftThresholds {
  psiThreshold: number;
  pValueThreshold: number;
}

const EPSILON = 1e-4;

export function quantileOfSorted(sorted: ArrayLike<number>, q: number): number {
  const position = (sorted.length - 1) * q;
  const low = Math.floor(position);
  const high = Math.min(low + 1, sorted.length - 1);
  return sorted[low] + (sorted[high] - sorted[low]) * (position - low);
}

export function decileEdges(reference: readonly number[]): number[] {
  const sorted = [...reference].sort((a, b) => a - b);
  return Array.from({ length: 9 }, (_, i) => quantileOfSorted(sorted, (i + 1) / 10));
}

function psiOf(ref: number[], cur: number[]): number {
  let psi = 0;
  for (let i = 0; i < ref.length; i++) {
    const r = ref[i] || EPSILON;
    const c = cur[i] || EPSILON;
    psi += (c - r) * Math.log(c / r);
  }
  return psi;
}

export function numericPsi(reference: readonly number[], current: readonly number[]): number {
  const edges = decileEdges(reference);
  const proportions = (values: readonly number[]) => {
    const counts = new Array<number>(10).fill(0);
    for (const value of values) counts[edges.filter((edge) => edge <= value).length]++;
    return counts.map((count) => count / values.length);
  };
  return psiOf(proportions(reference), proportions(current));
}

function countsOf(values: readonly string[], categories: string[]): number[] {
  const counts = new Map<string, number>();
  for (const value of values) counts.set(value, (counts.get(value) ?? 0) + 1);
  return categories.map((category) => counts.get(category) ?? 0);
}

export function categoricalPsi(reference: readonly string[], current: readonly string[]): number {
  const categories = [...new Set([...reference, ...current])];
  const ref = countsOf(reference, categories).map((c) => c / reference.length);
  const cur = countsOf(current, categories).map((c) => c / current.length);
  return psiOf(ref, cur);
}

export function ksTwoSample(
  reference: readonly number[],
  current: readonly number[],
): { statistic: number; pValue: number } {
  const a = [...reference].sort((x, y) => x - y);
  const b = [...current].sort((x, y) => x - y);
  let i = 0;
  let j = 0;
  let statistic = 0;
  while (i < a.length && j < b.length) {
    const value = Math.min(a[i], b[j]);
    while (i < a.length && a[i] === value) i++;
    while (j < b.length && b[j] === value) j++;
    statistic = Math.max(statistic, Math.abs(i / a.length - j / b.length));
  }
  const en = Math.sqrt((a.length * b.length) / (a.length + b.length));
  const lambda = (en + 0.12 + 0.11 / en) * statistic;
  let pValue = 0;
  for (let k = 1; k <= 100; k++) pValue += 2 * (-1) ** (k - 1) * Math.exp(-2 * k * k * lambda * lambda);
  return { statistic, pValue: lambda < 1e-3 ? 1 : Math.min(1, Math.max(0, pValue)) };
}

function logGamma(x: number): number {
  const c = [
    76.18009172947146, -86.5053203294168, 24.01409824083091, -1.23173957245015, 1.208650973866179e-3,
  ];
  let y = x;
  const tmp = x + 5.5 - (x + 0.5) * Math.log(x + 5.5);
  let series = 1.000000000190015;
  for (const coefficient of c) series += coefficient / ++y;
  return -tmp + Math.log((Math.sqrt(2 * Math.PI) * series) / x);
}

/** Q(a, x), the regularized upper incomplete gamma function (Numerical Recipes). */
function upperGamma(a: number, x: number): number {
  if (x <= 0) return 1;
  if (x < a + 1) {
    let sum = 1 / a;
    let term = sum;
    for (let n = 1; n < 500; n++) {
      term *= x / (a + n);
      sum += term;
      if (Math.abs(term) < Math.abs(sum) * 1e-15) break;
    }
    return 1 - sum * Math.exp(-x + a * Math.log(x) - logGamma(a));
  }
  let b = x + 1 - a;
  let c = 1e300;
  let d = 1 / b;
  let h = d;
  for (let i = 1; i < 500; i++) {
    const an = -i * (i - a);
    b += 2;
    d = an * d + b || 1e-300;
    c = b + an / c || 1e-300;
    d = 1 / d;
    h *= d * c;
    if (Math.abs(d * c - 1) < 1e-15) break;
  }
  return Math.exp(-x + a * Math.log(x) - logGamma(a)) * h;
}

export function chiSquareTest(
  reference: readonly string[],
  current: readonly string[],
): { statistic: number; pValue: number; dof: number } {
  const categories = [...new Set([...reference, ...current])];
  if (categories.length < 2) return { statistic: 0, pValue: 1, dof: 0 };
  const rows = [countsOf(reference, categories), countsOf(current, categories)];
  const total = reference.length + current.length;
  const dof = categories.length - 1;
  let statistic = 0;
  categories.forEach((_, k) => {
    const column = rows[0][k] + rows[1][k];
    rows.forEach((row, r) => {
      const expected = (column * (r === 0 ? reference.length : current.length)) / total;
      let difference = Math.abs(row[k] - expected);
      if (dof === 1) difference = Math.max(0, difference - 0.5);
      statistic += (difference * difference) / expected;
    });
  });
  return { statistic, pValue: upperGamma(dof / 2, statistic / 2), dof };
}

export function featureDrift(
  feature: string,
  kind: FeatureKind,
  reference: readonly (number | string)[],
  current: readonly (number | string)[],
  thresholds: DriftThresholds,
): FeatureDriftResult {
  if (kind === 'NUMERIC') {
    const ref = reference as number[];
    const cur = current as number[];
    const psi = numericPsi(ref, cur);
    const ks = ksTwoSample(ref, cur);
    const drifted = psi > thresholds.psiThreshold || ks.pValue < thresholds.pValueThreshold;
    return {
      feature,
      kind,
      psi,
      ksStatistic: ks.statistic,
      chiSquareStatistic: null,
      pValue: ks.pValue,
      drifted,
    };
  }
  const ref = reference.map(String);
  const cur = current.map(String);
  const psi = categoricalPsi(ref, cur);
  const chi = chiSquareTest(ref, cur);
  const drifted = psi > thresholds.psiThreshold || chi.pValue < thresholds.pValueThreshold;
  return {
    feature,
    kind,
    psi,
    ksStatistic: 0,
    chiSquareStatistic: chi.statistic,
    pValue: chi.pValue,
    drifted,
  };
}

/** Seeded (FNV-1a of the seed into mulberry32) partial Fisher–Yates: same rows and seed, same sample. */
export function deterministicSample<T>(rows: readonly T[], max = 10_000, seed = 'mlaas'): T[] {
  if (rows.length <= max) return [...rows];
  let state = 0x811c9dc5;
  for (let i = 0; i < seed.length; i++) state = Math.imul(state ^ seed.charCodeAt(i), 0x01000193) >>> 0;
  const random = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const copy = [...rows];
  for (let i = 0; i < max; i++) {
    const j = i + Math.floor(random() * (copy.length - i));
    [copy[i], copy[j]] = [copy[j], copy[i]];
  }
  return copy.slice(0, max);
}
