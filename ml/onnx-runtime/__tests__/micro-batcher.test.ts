import { MicroBatcher } from '../micro-batcher';

/** A model whose runs the test ends by hand; it doubles numbers and refuses the row 'bad'. */
function controlledModel() {
  const runs: { rows: (number | string)[]; finish: () => void }[] = [];
  const run = (rows: (number | string)[]) =>
    new Promise<number[]>((resolve, reject) => {
      runs.push({
        rows,
        finish: () =>
          rows.includes('bad')
            ? reject(new Error('cannot feed bad'))
            : resolve(rows.map((r) => Number(r) * 2)),
      });
    });
  return { runs, run };
}

const tick = () => new Promise((resolve) => setImmediate(resolve));

describe('MicroBatcher', () => {
  it('runs a row that finds the model idle at once, alone', async () => {
    const model = controlledModel();
    const batcher = new MicroBatcher({ run: model.run, maxDelayMs: 1000 });
    const answer = batcher.submit(1);
    expect(model.runs.map((r) => r.rows)).toEqual([[1]]);
    model.runs[0].finish();
    await expect(answer).resolves.toBe(2);
  });

  it('batches the rows that arrive during a run, and answers each caller its own result', async () => {
    const model = controlledModel();
    const sizes: number[] = [];
    const batcher = new MicroBatcher({ run: model.run, maxDelayMs: 0, onBatch: (size) => sizes.push(size) });
    const answers = [1, 2, 3, 4].map((row) => batcher.submit(row));
    expect(model.runs.map((r) => r.rows)).toEqual([[1]]);
    model.runs[0].finish();
    await tick();
    expect(model.runs.map((r) => r.rows)).toEqual([[1], [2, 3, 4]]);
    model.runs[1].finish();
    await expect(Promise.all(answers)).resolves.toEqual([2, 4, 6, 8]);
    expect(sizes).toEqual([1, 3]);
  });

  it('never runs more than maxBatchSize rows at once', async () => {
    const model = controlledModel();
    const batcher = new MicroBatcher({ run: model.run, maxBatchSize: 2, maxDelayMs: 0 });
    const answers = [1, 2, 3, 4, 5, 6].map((row) => batcher.submit(row));
    for (let i = 0; i < 4; i++) {
      model.runs[i].finish();
      await tick();
    }
    expect(model.runs.map((r) => r.rows)).toEqual([[1], [2, 3], [4, 5], [6]]);
    await expect(Promise.all(answers)).resolves.toEqual([2, 4, 6, 8, 10, 12]);
  });

  it('fails only the row at fault, not the rows it was batched with', async () => {
    const model = controlledModel();
    const batcher = new MicroBatcher({ run: model.run, maxDelayMs: 0 });
    const first = batcher.submit(1);
    const batched = [batcher.submit(2), batcher.submit('bad'), batcher.submit(3)];
    model.runs[0].finish();
    await first;
    await tick();
    expect(model.runs[1].rows).toEqual([2, 'bad', 3]);
    model.runs[1].finish(); // the batch fails, then each row runs alone
    await tick();
    for (const run of model.runs.slice(2)) run.finish();
    const settled = await Promise.allSettled(batched);
    expect(settled.map((s) => s.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
    expect(settled[0]).toMatchObject({ value: 4 });
    expect(settled[1]).toMatchObject({ reason: new Error('cannot feed bad') });
  });

  it('lets a queued row wait up to maxDelayMs for others to join its batch', async () => {
    const model = controlledModel();
    const batcher = new MicroBatcher({ run: model.run, maxDelayMs: 200 });
    const answers = [batcher.submit(1), batcher.submit(2)];
    model.runs[0].finish();
    await tick();
    expect(model.runs).toHaveLength(1); // 2 waits: the delay has not passed
    answers.push(batcher.submit(3));
    await new Promise((resolve) => setTimeout(resolve, 250));
    expect(model.runs.map((r) => r.rows)).toEqual([[1], [2, 3]]);
    model.runs[1].finish();
    await expect(Promise.all(answers)).resolves.toEqual([2, 4, 6]);
  });
});
