import { allCases } from './cases';
import { appliesTo, type TargetKind } from './support/corpus';

/** Case counts per category and target, as the e2e files send them (they boot the platforms; this only counts). */
function countsOn(target: TargetKind): Map<string, number> {
  const counts = new Map<string, number>();
  for (const hostileCase of allCases().filter((c) => appliesTo(c, target))) {
    counts.set(hostileCase.category, (counts.get(hostileCase.category) ?? 0) + 1);
  }
  return counts;
}

const total = (counts: Map<string, number>) => [...counts.values()].reduce((sum, n) => sum + n, 0);

describe('the hostile corpus', () => {
  it('sends at least 300 requests to the production topology, in every category of issue 11', () => {
    const production = countsOn('production');
    const embedded = countsOn('embedded');
    const rows = [...production.keys()].map(
      (category) =>
        `  ${category.padEnd(24)} ${String(production.get(category)).padStart(4)} ${String(embedded.get(category) ?? 0).padStart(9)}`,
    );
    process.stdout.write(
      `hostile corpus cases   production  embedded\n${rows.join('\n')}\n  ${'total'.padEnd(24)} ${String(total(production)).padStart(4)} ${String(total(embedded)).padStart(9)}\n`,
    );
    expect([...production.keys()].sort()).toEqual([
      'dates and cursors',
      'direct subgraph calls',
      'isolation',
      'object storage',
      'operation limits',
      'strings',
      'tokens',
      'variables',
      'websocket',
    ]);
    expect(total(production)).toBeGreaterThanOrEqual(300);
  });

  it('names every case once, so that a failure points at one request', () => {
    const names = allCases().map((c) => `${c.category}: ${c.name}`);
    expect(names.filter((name, i) => names.indexOf(name) !== i)).toEqual([]);
  });
});
