import {
  completeUpload,
  createDataset,
  getDataset,
  putFile,
  readyDataset,
  type ColumnView,
} from '../../../../test/support/harness/dataset';
import { errorsOf, member, useRegistry } from '../../../../test/support/harness/registry';
import { expectPresignedFor } from '../../../../test/support/presigned-url';

const IRIS = `sepal_length,sepal_width,petal_length,petal_width,species
5.1,3.5,1.4,0.2,setosa
4.9,3.0,1.4,0.2,setosa
4.7,3.2,1.3,0.2,setosa
7.0,3.2,4.7,1.4,versicolor
6.4,3.2,4.5,1.5,versicolor
6.9,3.1,4.9,1.5,versicolor
6.3,3.3,6.0,2.5,virginica
5.8,2.7,5.1,1.9,virginica
7.1,3.0,5.9,2.1,virginica
`;

const number = (name: string, min: number, max: number, sum: number, distinctCount: number) => ({
  name,
  type: 'NUMBER',
  missingCount: 0,
  distinctCount,
  min,
  max,
  mean: expect.closeTo(sum / 9, 12),
});

describe('registry datasets: create, upload to S3, complete (profile)', () => {
  const registry = useRegistry({ dialect: 'postgresql' });

  it('creates a PENDING dataset with a presigned PUT URL of a staging key, datasets/staging/<organization>/<dataset>/<random>', async () => {
    const owner = member('OWNER');
    const before = Date.now();
    const { dataset, uploadUrl, uploadExpiresAt } = await createDataset(registry, owner, {
      name: ' iris ',
      description: 'Fisher, 1936',
    });
    expect(dataset).toMatchObject({
      name: 'iris',
      description: 'Fisher, 1936',
      status: 'PENDING',
      error: null,
      rowCount: null,
      sizeBytes: null,
      profiledAt: null,
      columns: [],
      owner: { id: owner.userId },
      organization: { id: owner.organizationId },
    });
    const url = new URL(uploadUrl);
    expect(url.pathname).toMatch(
      new RegExp(`^/datasets/staging/${owner.organizationId}/${dataset.id}/[0-9a-f]{32}$`),
    );
    expectPresignedFor(uploadUrl, 3600);
    const expires = Date.parse(uploadExpiresAt);
    expect(expires).toBeGreaterThanOrEqual(before + 3600_000 - 1000);
    expect(expires).toBeLessThanOrEqual(Date.now() + 3600_000);
  });

  it('profiles an iris-like file: column types, row count, size and exact summaries', async () => {
    const owner = member('MEMBER');
    const dataset = await readyDataset(registry, owner, 'iris', IRIS);
    expect(dataset).toMatchObject({
      status: 'READY',
      error: null,
      rowCount: 9,
      sizeBytes: Buffer.byteLength(IRIS),
    });
    expect(dataset.profiledAt).not.toBeNull();
    expect(dataset.columns).toEqual([
      number('sepal_length', 4.7, 7.1, 54.2, 9),
      number('sepal_width', 2.7, 3.5, 28.2, 6),
      number('petal_length', 1.3, 6.0, 35.2, 8),
      number('petal_width', 0.2, 2.5, 11.5, 6),
      {
        name: 'species',
        type: 'CATEGORY',
        missingCount: 0,
        distinctCount: 3,
        min: null,
        max: null,
        mean: null,
      },
    ]);
  });

  it('keeps a reference sample with the dataset: every row of a small file, as written', async () => {
    const owner = member('OWNER');
    const dataset = await readyDataset(registry, owner, 'iris', IRIS);
    const result = await registry.call<{
      dataset: { referenceSample: { columns: string[]; size: number; rows: (string | null)[][] } };
    }>(
      owner,
      `query ($id: ID!) { dataset(id: $id) { referenceSample { columns size rows(first: 1000) } } }`,
      {
        id: dataset.id,
      },
    );
    const sample = result.data!.dataset.referenceSample;
    expect(sample.columns).toEqual(['sepal_length', 'sepal_width', 'petal_length', 'petal_width', 'species']);
    expect(sample.size).toBe(9);
    // Numbers are kept as numbers: "7.0" comes back as "7".
    const expected = IRIS.trim()
      .split('\n')
      .slice(1)
      .map((line) => line.split(',').map((v, i) => (i < 4 ? String(Number(v)) : v)));
    expect([...sample.rows].sort()).toEqual(expected.sort());
  });

  it('reads CSV as people write it: BOM, CRLF, quoted commas, line breaks and quotes, missing values', async () => {
    const owner = member('OWNER');
    const file =
      '\uFEFFid,comment,score\r\n' +
      '1,"Hello, world",0.5\r\n' +
      '2,"two\r\nlines",NA\r\n' +
      '3,"say ""hi""",\r\n' +
      '4,plain, 1.5 \r\n';
    const dataset = await readyDataset(registry, owner, 'people', file);
    expect(dataset.rowCount).toBe(4);
    expect(dataset.columns.map((c: ColumnView) => [c.name, c.type, c.missingCount, c.distinctCount])).toEqual(
      [
        ['id', 'NUMBER', 0, 4],
        ['comment', 'CATEGORY', 0, 4],
        ['score', 'NUMBER', 2, 2],
      ],
    );
    expect(dataset.columns[2]).toMatchObject({ min: 0.5, max: 1.5, mean: 1 });
    const sample = await registry.call<{ dataset: { referenceSample: { rows: (string | null)[][] } } }>(
      owner,
      `query ($id: ID!) { dataset(id: $id) { referenceSample { rows } } }`,
      { id: dataset.id },
    );
    expect([...sample.data!.dataset.referenceSample.rows].sort()).toEqual([
      ['1', 'Hello, world', '0.5'],
      ['2', 'two\r\nlines', null],
      ['3', 'say "hi"', null],
      ['4', 'plain', '1.5'],
    ]);
  });

  it('answers BAD_USER_INPUT while nothing is uploaded, keeping the dataset PENDING for a retry', async () => {
    const owner = member('OWNER');
    const { dataset, uploadUrl } = await createDataset(registry, owner, { name: 'later' });
    const early = await completeUpload(registry, owner, dataset.id);
    expect(errorsOf(early)).toEqual([{ code: 'BAD_USER_INPUT', field: 'datasetId' }]);
    expect(early.errors![0].message).toMatch(/Nothing has been uploaded for dataset "later"/);
    expect(await getDataset(registry, owner, dataset.id)).toMatchObject({ status: 'PENDING', error: null });

    await putFile(uploadUrl, 'x,y\n1,2\n');
    const done = await completeUpload(registry, owner, dataset.id);
    expect(done.errors).toBeUndefined();
    expect(done.data!.completeDatasetUpload).toMatchObject({ status: 'READY', rowCount: 1 });
  });

  it('returns a READY dataset unchanged when its upload is completed again', async () => {
    const owner = member('OWNER');
    const dataset = await readyDataset(registry, owner, 'twice', 'a\n1\n');
    const again = await completeUpload(registry, owner, dataset.id);
    expect(again.errors).toBeUndefined();
    expect(again.data!.completeDatasetUpload).toEqual(dataset);
  });

  it('refuses a second dataset of the same name in the organization (CONFLICT); another organization may use it', async () => {
    const owner = member('OWNER');
    await createDataset(registry, owner, { name: 'taken' });
    const second = await registry.call(
      owner,
      `mutation { createDataset(input: { name: "taken" }) { uploadUrl } }`,
    );
    expect(errorsOf(second)).toEqual([{ code: 'CONFLICT' }]);
    expect(second.errors![0].message).toBe('A dataset named "taken" already exists in this organization');
    await createDataset(registry, member('OWNER'), { name: 'taken' });
  });

  it.each([
    ['a blank name', { name: '  ' }, 'input.name'],
    ['a name of 101 characters', { name: 'x'.repeat(101) }, 'input.name'],
    ['a name with a slash', { name: 'a/b' }, 'input.name'],
    ['a description of 2001 characters', { name: 'ok', description: 'd'.repeat(2001) }, 'input.description'],
  ])('refuses %s with BAD_USER_INPUT on the field, and writes nothing', async (_label, input, field) => {
    const owner = member('OWNER');
    const result = await registry.call(
      owner,
      `mutation ($input: CreateDatasetInput!) { createDataset(input: $input) { uploadUrl } }`,
      { input },
    );
    expect(errorsOf(result)).toEqual([{ code: 'BAD_USER_INPUT', field }]);
    const list = await registry.call<{ datasets: { totalCount: number } }>(
      owner,
      `{ datasets { totalCount } }`,
    );
    expect(list.data!.datasets.totalCount).toBe(0);
  });
});
