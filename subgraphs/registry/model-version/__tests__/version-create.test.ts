import {
  countRows,
  CREATE_VERSION,
  createModel,
  createVersion,
  dataOf,
  errorsOf,
  GET_VERSION,
  member,
  numberFeatures,
  useRegistry,
  type UploadView,
  type VersionView,
} from '../../../../test/support/harness/version';
import { expectPresignedFor } from '../../../../test/support/presigned-url';

const UPDATE_VERSION = `mutation ($id: ID!, $input: UpdateModelVersionInput!) {
  updateModelVersion(id: $id, input: $input) { id tags updatedAt } }`;

describe('registry model versions: creation', () => {
  const registry = useRegistry({ dialect: 'postgresql' });
  const owner = member('OWNER');

  it('creates version 1 PENDING_UPLOAD with a one-hour presigned PUT URL of an organization-scoped staging key', async () => {
    const model = await createModel(registry, owner, { name: 'first-version' });
    const before = Date.now();
    const upload = await createVersion(registry, owner, model.id, {
      inputSchema: [
        { name: ' age ', type: 'NUMBER' },
        { name: 'city', type: 'CATEGORY' },
      ],
      outputLabels: ['no', 'yes'],
      metrics: { accuracy: 0.93, f1: 0.9 },
      tags: ['candidate', 'baseline', 'candidate'],
    });
    expect(upload.version).toMatchObject({
      version: 1,
      stage: 'DEVELOPMENT',
      status: 'PENDING_UPLOAD',
      format: 'ONNX',
      inputSchema: [
        { name: 'age', type: 'NUMBER' },
        { name: 'city', type: 'CATEGORY' },
      ],
      outputLabels: ['no', 'yes'],
      metrics: { accuracy: 0.93, f1: 0.9 },
      tags: ['baseline', 'candidate'],
      aliases: [],
      artifact: null,
      onnx: null,
      model: { id: model.id, lifecycle: 'DEVELOPMENT' },
    });
    const url = new URL(upload.uploadUrl);
    // A staging key with a random part: nothing in it names the key the verified file will have.
    expect(url.pathname).toMatch(
      new RegExp(`^/models/staging/${owner.organizationId}/${model.id}/${upload.version.id}/[0-9a-f]{32}$`),
    );
    expectPresignedFor(upload.uploadUrl, 3600);
    const expiresIn = new Date(upload.uploadExpiresAt).getTime() - before;
    expect(expiresIn).toBeGreaterThan(3_590_000);
    expect(expiresIn).toBeLessThan(3_610_000);
    expect(upload.version.uploadExpiresAt).toBe(upload.uploadExpiresAt);
  });

  it('numbers versions 1, 2, 3… per model', async () => {
    const a = await createModel(registry, owner, { name: 'numbered-a' });
    const b = await createModel(registry, owner, { name: 'numbered-b' });
    const numbers = [];
    for (const model of [a, b, a, a, b])
      numbers.push((await createVersion(registry, owner, model.id)).version.version);
    expect(numbers).toEqual([1, 1, 2, 3, 2]);
  });

  it('gives 10 concurrent creations the numbers 1 to 10, each once', async () => {
    const model = await createModel(registry, owner, { name: 'concurrent' });
    const uploads = await Promise.all(
      Array.from({ length: 10 }, () => createVersion(registry, owner, model.id)),
    );
    expect(uploads.map((u) => u.version.version).sort((x, y) => x - y)).toEqual([
      1, 2, 3, 4, 5, 6, 7, 8, 9, 10,
    ]);
    expect(new Set(uploads.map((u) => u.version.id)).size).toBe(10);
  });

  it('stores the run id it is given, in its canonical (lower-case) form', async () => {
    const model = await createModel(registry, owner, { name: 'with-run' });
    const experiment = dataOf(
      await registry.call<{ createExperiment: { id: string } }>(
        owner,
        'mutation { createExperiment(input: { name: "with-run" }) { id } }',
      ),
    ).createExperiment;
    const runId = dataOf(
      await registry.call<{ createRun: { id: string } }>(
        owner,
        'mutation ($id: ID!) { createRun(experimentId: $id) { id } }',
        {
          id: experiment.id,
        },
      ),
    ).createRun.id;
    const upload = await createVersion(registry, owner, model.id, { runId: runId.toUpperCase() });
    expect(
      await countRows(registry, 'model_versions', 'id = ? and run_id = ?', [upload.version.id, runId]),
    ).toBe(1);
  });

  it.each([
    ['no feature', { inputSchema: [] }, 'input.inputSchema'],
    [
      'a feature declared twice',
      { inputSchema: [...numberFeatures(2), { name: 'f1', type: 'CATEGORY' }] },
      'input.inputSchema',
    ],
    ['an empty feature name', { inputSchema: [{ name: '  ', type: 'NUMBER' }] }, 'input.inputSchema'],
    ['duplicate labels', { outputLabels: ['a', 'a'] }, 'input.outputLabels'],
    ['no labels', { outputLabels: [] }, 'input.outputLabels'],
    ['metrics that are not numbers', { metrics: { accuracy: 'high' } }, 'input.metrics'],
    ['metrics that are a list', { metrics: [0.9] }, 'input.metrics'],
    ['a run id that is not a UUID', { runId: 'run-1' }, 'input.runId'],
    ['too many tags', { tags: Array.from({ length: 21 }, (_, i) => `t${i}`) }, 'input.tags'],
  ])('refuses %s with BAD_USER_INPUT and writes nothing', async (_name, input, field) => {
    const model = await createModel(registry, owner, { name: `refused ${field} ${Math.random()}` });
    const result = await registry.call(owner, CREATE_VERSION, {
      modelId: model.id,
      input: { format: 'ONNX', inputSchema: numberFeatures(2), ...input },
    });
    expect(errorsOf(result)).toEqual([{ code: 'BAD_USER_INPUT', field }]);
    expect(await countRows(registry, 'model_versions', 'model_id = ?', [model.id])).toBe(0);
    expect(await countRows(registry, 'model_version_counters', 'model_id = ?', [model.id])).toBe(0);
    // The refused call took no number.
    expect((await createVersion(registry, owner, model.id)).version.version).toBe(1);
  });

  it('answers NOT_FOUND for an unknown or malformed model id', async () => {
    for (const modelId of ['00000000-0000-4000-8000-000000000000', 'nope']) {
      const result = await registry.call(owner, CREATE_VERSION, {
        modelId,
        input: { format: 'ONNX', inputSchema: numberFeatures(1) },
      });
      expect(errorsOf(result)).toEqual([{ code: 'NOT_FOUND' }]);
    }
  });

  it('replaces a version’s tags with updateModelVersion', async () => {
    const model = await createModel(registry, owner, { name: 'retagged' });
    const upload = await createVersion(registry, owner, model.id, { tags: ['old'] });
    const updated = await registry.call<{ updateModelVersion: { tags: string[] } }>(owner, UPDATE_VERSION, {
      id: upload.version.id,
      input: { tags: ['b', 'a'] },
    });
    expect(dataOf(updated).updateModelVersion.tags).toEqual(['a', 'b']);
    const reread = await registry.call<{ modelVersion: VersionView }>(owner, GET_VERSION, {
      id: upload.version.id,
    });
    expect(dataOf(reread).modelVersion.tags).toEqual(['a', 'b']);
    const refused = await registry.call(owner, UPDATE_VERSION, {
      id: upload.version.id,
      input: { tags: [''] },
    });
    expect(errorsOf(refused)).toEqual([{ code: 'BAD_USER_INPUT', field: 'input.tags' }]);
  });

  it('lets a VIEWER read versions but not create, complete, move, tag or alias them (FORBIDDEN)', async () => {
    const model = await createModel(registry, owner, { name: 'viewer-versions' });
    const upload: UploadView = await createVersion(registry, owner, model.id);
    const viewer = member('VIEWER', owner.organizationId);
    const read = await registry.call<{ modelVersion: VersionView }>(viewer, GET_VERSION, {
      id: upload.version.id,
    });
    expect(dataOf(read).modelVersion.version).toBe(1);
    const id = upload.version.id;
    const attempts = await Promise.all([
      registry.call(viewer, CREATE_VERSION, {
        modelId: model.id,
        input: { format: 'ONNX', inputSchema: numberFeatures(1) },
      }),
      registry.call(viewer, `mutation ($id: ID!) { completeModelVersionUpload(versionId: $id) { id } }`, {
        id,
      }),
      registry.call(
        viewer,
        `mutation ($id: ID!) { transitionModelVersionStage(versionId: $id, stage: ARCHIVED) { id } }`,
        { id },
      ),
      registry.call(viewer, UPDATE_VERSION, { id, input: { tags: ['x'] } }),
      registry.call(
        viewer,
        `mutation ($m: ID!, $id: ID!) { setModelAlias(modelId: $m, alias: "champion", versionId: $id) { name } }`,
        { m: model.id, id },
      ),
      registry.call(viewer, `mutation ($m: ID!) { deleteModelAlias(modelId: $m, alias: "champion") }`, {
        m: model.id,
      }),
    ]);
    expect(attempts.map(errorsOf)).toEqual(Array(attempts.length).fill([{ code: 'FORBIDDEN' }]));
    expect(await countRows(registry, 'model_versions', 'model_id = ?', [model.id])).toBe(1);
  });
});
