import {
  completeUpload,
  createDataset,
  DELETE_DATASET,
  GET_DATASET,
  readyDataset,
} from '../../../../test/support/harness/dataset';
import {
  errorsOf,
  expectData,
  member,
  sqlStatements,
  useRegistry,
} from '../../../../test/support/harness/registry';
import { anonymousCaller } from '../../../../lib/caller';
import { readAllPages } from '../../../../test/support/harness/pages';

const LIST = `query ($first: Int, $after: String) {
  datasets(first: $first, after: $after) {
    totalCount
    edges { cursor node { id name status } }
    pageInfo { hasNextPage hasPreviousPage startCursor endCursor }
  } }`;

interface Page {
  totalCount: number;
  edges: { cursor: string; node: { id: string; name: string; status: string } }[];
  pageInfo: { hasNextPage: boolean; hasPreviousPage: boolean; startCursor: string; endCursor: string | null };
}

describe('registry datasets: listing, references, roles and organizations', () => {
  const registry = useRegistry({ dialect: 'postgresql' });

  const list = async (caller: ReturnType<typeof member>, variables: Record<string, unknown>) =>
    (await expectData<{ datasets: Page }>(registry, caller, LIST, variables)).datasets;

  it('pages through 25 datasets 10 at a time, newest first, without duplicates or gaps', async () => {
    const owner = member('OWNER');
    const created: string[] = [];
    for (let i = 0; i < 25; i++)
      created.push((await createDataset(registry, owner, { name: `d${i}` })).dataset.id);
    // Same creation time for all: only the id orders them then, and pages must still be exact.
    await registry.subgraph.orm.em
      .getConnection()
      .execute(
        `update registry.datasets set created_at = '2026-01-01T00:00:00.123Z' where organization_id = ?`,
        [owner.organizationId],
      );
    const pages = await readAllPages((after) => list(owner, { first: 10, after }));
    expect(pages.map((p) => [p.edges.length, p.totalCount, p.pageInfo.hasPreviousPage])).toEqual([
      [10, 25, false],
      [10, 25, true],
      [5, 25, true],
    ]);
    const ids = pages.flatMap((p) => p.edges.map((e) => e.node.id));
    expect(ids).toEqual([...created].sort().reverse());
  });

  it('refuses a malformed cursor and a page size outside 1 to 100 with BAD_USER_INPUT', async () => {
    const owner = member('OWNER');
    for (const [variables, field] of [
      [{ after: 'bm90IGEgY3Vyc29y' }, 'after'],
      [{ first: 0 }, 'first'],
      [{ first: 101 }, 'first'],
    ] as const) {
      const result = await registry.call(owner, LIST, variables);
      expect(errorsOf(result)).toEqual([{ code: 'BAD_USER_INPUT', field }]);
    }
  });

  it('resolves 50 Dataset references in one SQL query', async () => {
    const owner = member('OWNER');
    const ids: string[] = [];
    for (let i = 0; i < 50; i++)
      ids.push((await createDataset(registry, owner, { name: `ref${i}` })).dataset.id);
    registry.queries.splice(0);
    const result = await registry.call<{ _entities: { id: string; name: string }[] }>(
      owner,
      `query ($r: [_Any!]!) { _entities(representations: $r) { ... on Dataset { id name status columns { name } } } }`,
      { r: ids.map((id) => ({ __typename: 'Dataset', id })) },
    );
    expect(result.data!._entities.map((d) => d.id)).toEqual(ids);
    expect(sqlStatements(registry.queries)).toHaveLength(1);
  });

  describe('another organization', () => {
    const alice = member('OWNER');
    const mallory = member('OWNER');
    let aliceDatasetId: string;

    beforeAll(async () => {
      aliceDatasetId = (await readyDataset(registry, alice, 'secret', 'a,b\n1,2\n')).id;
      await createDataset(registry, mallory, { name: 'own' });
    });

    it('does not list, find or resolve the dataset', async () => {
      const page = await list(mallory, {});
      expect([page.totalCount, page.edges.map((e) => e.node.name)]).toEqual([1, ['own']]);
      const get = await registry.call(mallory, GET_DATASET, { id: aliceDatasetId });
      expect(errorsOf(get)).toEqual([{ code: 'NOT_FOUND' }]);
      const reference = await registry.call<{ _entities: unknown[] }>(
        mallory,
        `query ($r: [_Any!]!) { _entities(representations: $r) { ... on Dataset { id } } }`,
        { r: [{ __typename: 'Dataset', id: aliceDatasetId }] },
      );
      expect(reference.data!._entities).toEqual([null]);
    });

    it('answers NOT_FOUND to completeDatasetUpload and deleteDataset, leaving the dataset and its file', async () => {
      expect(errorsOf(await completeUpload(registry, mallory, aliceDatasetId))).toEqual([
        { code: 'NOT_FOUND' },
      ]);
      expect(errorsOf(await registry.call(mallory, DELETE_DATASET, { id: aliceDatasetId }))).toEqual([
        { code: 'NOT_FOUND' },
      ]);
      const kept = await registry.call<{ dataset: { status: string; downloadUrl: string } }>(
        alice,
        `query ($id: ID!) { dataset(id: $id) { status downloadUrl } }`,
        { id: aliceDatasetId },
      );
      expect(kept.data!.dataset.status).toBe('READY');
      expect(await (await fetch(kept.data!.dataset.downloadUrl)).text()).toBe('a,b\n1,2\n');
    });
  });

  it('lets a VIEWER read datasets and download them, but not create, complete or delete (FORBIDDEN)', async () => {
    const owner = member('OWNER');
    const viewer = member('VIEWER', owner.organizationId);
    const dataset = await readyDataset(registry, owner, 'shared', 'a\n1\n');
    const read = await registry.call<{ dataset: { name: string; downloadUrl: string } }>(
      viewer,
      `query ($id: ID!) { dataset(id: $id) { name downloadUrl } }`,
      { id: dataset.id },
    );
    expect(read.data!.dataset.name).toBe('shared');
    expect((await fetch(read.data!.dataset.downloadUrl)).status).toBe(200);
    expect((await list(viewer, {})).totalCount).toBe(1);

    const create = await registry.call(
      viewer,
      `mutation { createDataset(input: { name: "mine" }) { uploadUrl } }`,
    );
    expect(errorsOf(create)).toEqual([{ code: 'FORBIDDEN' }]);
    expect(errorsOf(await completeUpload(registry, viewer, dataset.id))).toEqual([{ code: 'FORBIDDEN' }]);
    expect(errorsOf(await registry.call(viewer, DELETE_DATASET, { id: dataset.id }))).toEqual([
      { code: 'FORBIDDEN' },
    ]);
    expect((await list(owner, {})).totalCount).toBe(1);
  });

  it('answers UNAUTHENTICATED to anonymous callers', async () => {
    for (const query of [
      `{ datasets { totalCount } }`,
      `{ dataset(id: "00000000-0000-4000-8000-000000000000") { id } }`,
      `mutation { createDataset(input: { name: "x" }) { uploadUrl } }`,
      `mutation { completeDatasetUpload(datasetId: "00000000-0000-4000-8000-000000000000") { id } }`,
      `mutation { deleteDataset(id: "00000000-0000-4000-8000-000000000000") }`,
    ]) {
      expect(errorsOf(await registry.call(anonymousCaller, query))).toEqual([{ code: 'UNAUTHENTICATED' }]);
    }
  });
});
