import { linearRegressionOnnx } from '../../../../test/fixtures/onnx/sklearn';
import {
  createModel,
  createVersion,
  dataOf,
  errorsOf,
  member,
  transition,
  uploadVersion,
  useRegistry,
  type VersionView,
} from '../../../../test/support/harness/version';

const MODEL_STATE = `query ($id: ID!) { model(id: $id) { lifecycle updatedAt
  versions { version stage status } latestVersion { version } productionVersion { version } } }`;

interface ModelState {
  lifecycle: string;
  updatedAt: string;
  versions: { version: number; stage: string; status: string }[];
  latestVersion: { version: number } | null;
  productionVersion: { version: number } | null;
}

describe('registry model versions: stages and the model lifecycle', () => {
  const registry = useRegistry({ dialect: 'postgresql' });
  const owner = member('OWNER');
  const file = linearRegressionOnnx({ features: 4 });

  const stateOf = async (modelId: string) =>
    dataOf(await registry.call<{ model: ModelState }>(owner, MODEL_STATE, { id: modelId })).model;
  const move = async (version: VersionView, stage: string) =>
    dataOf(await transition(registry, owner, version.id, stage)).transitionModelVersionStage;
  const readyVersions = async (modelId: string, count: number) => {
    const versions: VersionView[] = [];
    for (let i = 0; i < count; i++) versions.push(await uploadVersion(registry, owner, modelId, file));
    return versions;
  };

  it('promotes DEVELOPMENT → STAGING → PRODUCTION, the model’s lifecycle following', async () => {
    const model = await createModel(registry, owner, { name: 'promoted' });
    const [v1] = await readyVersions(model.id, 1);
    expect((await move(v1, 'STAGING')).model.lifecycle).toBe('STAGING');
    const promoted = await move(v1, 'PRODUCTION');
    expect(promoted).toMatchObject({ stage: 'PRODUCTION', model: { lifecycle: 'PRODUCTION' } });
    const state = await stateOf(model.id);
    expect(state).toMatchObject({
      lifecycle: 'PRODUCTION',
      productionVersion: { version: 1 },
      latestVersion: { version: 1 },
    });
    expect(state.updatedAt > model.updatedAt).toBe(true);
  });

  it('archives the previous PRODUCTION version when another is promoted: one PRODUCTION version per model', async () => {
    const model = await createModel(registry, owner, { name: 'replaced' });
    const [v1, v2] = await readyVersions(model.id, 2);
    await move(v1, 'PRODUCTION');
    await move(v2, 'PRODUCTION');
    const state = await stateOf(model.id);
    expect(state.versions).toEqual([
      { version: 2, stage: 'PRODUCTION', status: 'READY' },
      { version: 1, stage: 'ARCHIVED', status: 'READY' },
    ]);
    expect(state.productionVersion).toEqual({ version: 2 });
  });

  it('keeps exactly one PRODUCTION version when several are promoted at once', async () => {
    const model = await createModel(registry, owner, { name: 'racing-promotions' });
    const versions = await readyVersions(model.id, 4);
    const results = await Promise.all(versions.map((v) => transition(registry, owner, v.id, 'PRODUCTION')));
    expect(results.map((r) => r.errors)).toEqual(Array(4).fill(undefined));
    const state = await stateOf(model.id);
    expect(state.versions.filter((v) => v.stage === 'PRODUCTION')).toHaveLength(1);
    expect(state.versions.filter((v) => v.stage === 'ARCHIVED')).toHaveLength(3);
  });

  it('rolls back: an ARCHIVED version goes back to PRODUCTION and the current one is archived', async () => {
    const model = await createModel(registry, owner, { name: 'rollback' });
    const [v1, v2] = await readyVersions(model.id, 2);
    await move(v1, 'PRODUCTION');
    await move(v2, 'PRODUCTION');
    await move(v1, 'PRODUCTION');
    expect((await stateOf(model.id)).versions.map((v) => v.stage)).toEqual(['ARCHIVED', 'PRODUCTION']);
  });

  it('follows the most advanced READY version, and is ARCHIVED once all of them are', async () => {
    const model = await createModel(registry, owner, { name: 'archived-model' });
    const [v1, v2] = await readyVersions(model.id, 2);
    await move(v1, 'PRODUCTION');
    await move(v2, 'STAGING');
    expect((await move(v1, 'ARCHIVED')).model.lifecycle).toBe('STAGING');
    expect((await move(v2, 'ARCHIVED')).model.lifecycle).toBe('ARCHIVED');
    // A new READY version in development brings the model back to DEVELOPMENT.
    await createVersion(registry, owner, model.id);
    expect((await stateOf(model.id)).lifecycle).toBe('ARCHIVED');
    await readyVersions(model.id, 1);
    expect((await stateOf(model.id)).lifecycle).toBe('DEVELOPMENT');
  });

  it('answers the current stage with the version unchanged', async () => {
    const model = await createModel(registry, owner, { name: 'same-stage' });
    const [v1] = await readyVersions(model.id, 1);
    const staged = await move(v1, 'STAGING');
    expect(await move(v1, 'STAGING')).toEqual(staged);
  });

  it.each([
    ['PRODUCTION', 'DEVELOPMENT'],
    ['ARCHIVED', 'DEVELOPMENT'],
  ])('refuses %s → %s with CONFLICT', async (from, to) => {
    const model = await createModel(registry, owner, { name: `refused ${from} to ${to}` });
    const [v1] = await readyVersions(model.id, 1);
    await move(v1, 'PRODUCTION');
    if (from === 'ARCHIVED') await move(v1, 'ARCHIVED');
    const result = await transition(registry, owner, v1.id, to);
    expect(errorsOf(result)).toEqual([{ code: 'CONFLICT' }]);
    expect((await stateOf(model.id)).versions[0].stage).toBe(from);
  });

  it('refuses to promote a version whose upload is not complete (CONFLICT), but lets it be archived', async () => {
    const model = await createModel(registry, owner, { name: 'incomplete' });
    const pending = (await createVersion(registry, owner, model.id)).version;
    for (const stage of ['STAGING', 'PRODUCTION']) {
      const result = await transition(registry, owner, pending.id, stage);
      expect(errorsOf(result)).toEqual([{ code: 'CONFLICT' }]);
      expect(result.errors![0].message).toMatch(/PENDING_UPLOAD: only a READY version/);
    }
    expect((await move(pending, 'ARCHIVED')).stage).toBe('ARCHIVED');
    expect(errorsOf(await transition(registry, owner, pending.id, 'PRODUCTION'))).toEqual([
      { code: 'CONFLICT' },
    ]);
    expect((await stateOf(model.id)).lifecycle).toBe('DEVELOPMENT');
  });

  it('gives latestVersion as the highest READY version, never a pending upload', async () => {
    const model = await createModel(registry, owner, { name: 'latest' });
    expect((await stateOf(model.id)).latestVersion).toBeNull();
    await readyVersions(model.id, 2);
    await createVersion(registry, owner, model.id);
    expect(await stateOf(model.id)).toMatchObject({ latestVersion: { version: 2 }, productionVersion: null });
  });

  it('answers NOT_FOUND for an unknown version', async () => {
    const result = await transition(registry, owner, '00000000-0000-4000-8000-000000000000', 'STAGING');
    expect(errorsOf(result)).toEqual([{ code: 'NOT_FOUND' }]);
  });
});
