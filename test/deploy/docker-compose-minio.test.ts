import { spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parse } from 'yaml';
import { buckets } from '../../lib/object-store/object-store';

const ROOT = path.join(__dirname, '..', '..');
const COMPOSE_TEXT = readFileSync(path.join(ROOT, 'docker-compose.yml'), 'utf8');
// The YAML and JSON files are ours; their shape is what this test checks, field by field.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Loose = any;
// Compose's services share their environment through YAML merge keys (`<<: *service`).
const compose: Loose = parse(COMPOSE_TEXT, { merge: true });
const POLICY_FILE = 'deploy/minio/platform-policy.json';
const INIT_SCRIPT = 'deploy/minio/init.sh';
const policy: Loose = JSON.parse(readFileSync(path.join(ROOT, POLICY_FILE), 'utf8'));

const PLATFORM_BUCKETS = Object.values(buckets);
const MINIO_ADMINS = ['minio', 'minio-init'];
/** The platform's own services: built from this repository. */
const platformServices = () => Object.keys(compose.services).filter((name) => compose.services[name].build);
const required = (name: string) => new RegExp(`^\\$\\{${name}:\\?[^}]+\\}$`);

describe('docker-compose: MinIO credentials', () => {
  it('has no default for the root credentials or the services’ S3 credentials: compose refuses to start without them', () => {
    for (const service of MINIO_ADMINS) {
      const environment = compose.services[service].environment;
      expect(environment.MINIO_ROOT_USER).toMatch(required('MINIO_ROOT_USER'));
      expect(environment.MINIO_ROOT_PASSWORD).toMatch(required('MINIO_ROOT_PASSWORD'));
    }
    for (const service of [...platformServices(), 'minio-init']) {
      const environment = compose.services[service].environment;
      expect(environment.S3_ACCESS_KEY).toMatch(required('S3_ACCESS_KEY'));
      expect(environment.S3_SECRET_KEY).toMatch(required('S3_SECRET_KEY'));
    }
    expect(COMPOSE_TEXT).not.toMatch(
      /\$\{(MINIO_ROOT_USER|MINIO_ROOT_PASSWORD|S3_ACCESS_KEY|S3_SECRET_KEY):?[-=+]/,
    );
  });

  it('gives the root credentials to MinIO and minio-init only; the services use their own user', () => {
    const holders = Object.keys(compose.services).filter((name) =>
      /\$\{MINIO_ROOT_/.test(JSON.stringify(compose.services[name])),
    );
    expect(holders.sort()).toEqual(MINIO_ADMINS);
    expect(platformServices().sort()).toEqual([
      'gateway',
      'identity',
      'inference',
      'observability',
      'registry',
      'worker',
    ]);
    for (const service of platformServices())
      expect(compose.services[service].depends_on['minio-init']).toEqual({
        condition: 'service_completed_successfully',
      });
  });

  it('publishes the S3 API only: no web console, no console port', () => {
    const minio = compose.services.minio;
    expect(minio.ports).toEqual(['9000:9000']);
    expect(minio.command).not.toContain('--console-address');
    expect(minio.environment.MINIO_BROWSER).toBe('off');
    const published = Object.values(compose.services).flatMap((service: Loose) => service.ports ?? []);
    expect(published.filter((port: string) => /(^|:)9001$/.test(port))).toEqual([]);
  });

  it('runs deploy/minio/init.sh once, from the mc image, with the policy mounted next to it', () => {
    const init = compose.services['minio-init'];
    expect(init.image).toMatch(/^minio\/mc:/);
    expect(init.depends_on).toEqual({ minio: { condition: 'service_healthy' } });
    expect(init.entrypoint).toEqual(['/bin/sh', '/etc/mlaas-minio/init.sh']);
    expect(init.volumes).toEqual(['./deploy/minio:/etc/mlaas-minio:ro']);
    for (const file of [INIT_SCRIPT, POLICY_FILE]) expect(existsSync(path.join(ROOT, file))).toBe(true);
  });
});

describe('deploy/minio/platform-policy.json', () => {
  const statements: Loose[] = policy.Statement;
  const bucketArn = (bucket: string) => `arn:aws:s3:::\${S3_BUCKET_PREFIX}${bucket}`;

  it('allows only bucket actions on the platform’s buckets and object actions on their objects', () => {
    const bucketArns = PLATFORM_BUCKETS.map(bucketArn);
    const objectArns = PLATFORM_BUCKETS.map((bucket) => `${bucketArn(bucket)}/*`);
    for (const statement of statements) {
      expect(statement.Effect).toBe('Allow');
      const resources = statement.Resource as string[];
      const on = resources.every((arn) => objectArns.includes(arn))
        ? 'objects'
        : resources.every((arn) => bucketArns.includes(arn))
          ? 'buckets'
          : `something else: ${resources.join(', ')}`;
      expect(['objects', 'buckets']).toContain(on);
      for (const action of statement.Action as string[])
        expect(on === 'objects' ? OBJECT_ACTIONS : BUCKET_ACTIONS).toContain(action);
    }
  });

  it('grants what the platform does: read, write, delete and list on each of its buckets', () => {
    const granted = (arn: string) =>
      statements.filter((s) => (s.Resource as string[]).includes(arn)).flatMap((s) => s.Action as string[]);
    for (const bucket of PLATFORM_BUCKETS) {
      expect(granted(bucketArn(bucket))).toEqual(
        expect.arrayContaining(['s3:ListBucket', 's3:GetBucketLocation']),
      );
      expect(granted(`${bucketArn(bucket)}/*`)).toEqual(
        expect.arrayContaining(['s3:GetObject', 's3:PutObject', 's3:DeleteObject']),
      );
    }
  });
});

/** Object-level actions the services need; multipart ones for streams over the client's single-PUT limit. */
const OBJECT_ACTIONS = [
  's3:GetObject',
  's3:PutObject',
  's3:DeleteObject',
  's3:AbortMultipartUpload',
  's3:ListMultipartUploadParts',
];
/** Bucket-level actions: no bucket creation or removal, no policy or listing of other buckets. */
const BUCKET_ACTIONS = ['s3:ListBucket', 's3:GetBucketLocation', 's3:ListBucketMultipartUploads'];

describe('deploy/minio/init.sh, with a stand-in mc that records its calls (no MinIO on this machine)', () => {
  let workDir: string;

  beforeEach(() => {
    workDir = mkdtempSync(path.join(tmpdir(), 'mlaas-minio-init-'));
    // Records each call; keeps a copy of the policy file it is given, which the script deletes afterwards.
    const fakeMc = path.join(workDir, 'mc');
    writeFileSync(
      fakeMc,
      '#!/bin/sh\necho "$*" >> "$MC_LOG"\n' +
        'if [ "$1 $2 $3" = "admin policy create" ]; then cp "$6" "$MC_LOG.policy.json"; fi\n',
    );
    chmodSync(fakeMc, 0o755);
  });

  afterEach(() => rmSync(workDir, { recursive: true, force: true }));

  const run = (env: Record<string, string>) =>
    spawnSync('sh', [path.join(ROOT, INIT_SCRIPT)], {
      env: { PATH: `${workDir}:${process.env.PATH}`, MC_LOG: path.join(workDir, 'calls.log'), ...env },
      encoding: 'utf8',
    });
  const calls = () => readFileSync(path.join(workDir, 'calls.log'), 'utf8').trim().split('\n');
  const credentials = {
    MINIO_ROOT_USER: 'root',
    MINIO_ROOT_PASSWORD: 'root-password',
    S3_ACCESS_KEY: 'mlaas-platform',
    S3_SECRET_KEY: 'platform-secret',
  };

  it('creates the prefixed buckets, the policy for them, and the user with that policy', () => {
    const result = run({ ...credentials, S3_BUCKET_PREFIX: 'prod-' });
    expect(result.status).toBe(0);
    expect(calls()).toEqual([
      'alias set local http://minio:9000 root root-password',
      'mb --ignore-existing local/prod-models',
      'mb --ignore-existing local/prod-datasets',
      'mb --ignore-existing local/prod-artifacts',
      expect.stringMatching(/^admin policy create local mlaas-platform \S+$/),
      'admin user add local mlaas-platform platform-secret',
      'admin policy attach local mlaas-platform --user mlaas-platform',
    ]);
    const applied = JSON.parse(readFileSync(path.join(workDir, 'calls.log.policy.json'), 'utf8'));
    const resources = applied.Statement.flatMap((s: Loose) => s.Resource);
    expect(resources).toContain('arn:aws:s3:::prod-models');
    expect(resources).toContain('arn:aws:s3:::prod-artifacts/*');
    expect(JSON.stringify(applied)).not.toContain('S3_BUCKET_PREFIX');
  });

  it('refuses to give the services MinIO’s root user', () => {
    const result = run({ ...credentials, S3_ACCESS_KEY: 'root' });
    expect(result.status).not.toBe(0);
    expect(result.stderr).toContain('not MinIO');
    expect(existsSync(path.join(workDir, 'calls.log'))).toBe(false);
  });
});
