import { ConfigError, loadConfig } from '../config';

const production = {
  DATABASE_URL: 'postgresql://postgres@127.0.0.1:5432/mlaas',
  REDIS_URL: 'redis://127.0.0.1:6379',
  S3_ENDPOINT: 'http://127.0.0.1:9000',
  S3_ACCESS_KEY: 'key',
  S3_SECRET_KEY: 'secret',
  INTERNAL_SECRET: 'x'.repeat(32),
};

function problemsOf(mode: 'embedded' | 'service', env: Record<string, string>): string[] {
  try {
    loadConfig(mode, env);
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
  return [];
}

describe('configuration', () => {
  it('runs embedded with nothing set, on the documented ports', () => {
    const config = loadConfig('embedded', {});
    expect(config.ports).toEqual({
      gateway: 4000,
      identity: 4001,
      registry: 4002,
      inference: 4003,
      observability: 4004,
    });
    expect(config.databaseUrl).toBeUndefined();
    expect(config.redisUrl).toBeUndefined();
    expect(config.s3).toBeUndefined();
    expect(config.accessTokenTtlSeconds).toBe(900);
    expect(config.internalSecret).toHaveLength(64);
    expect(config.exposeStack).toBe(false);
  });

  it('serves the embedded object store on loopback at a fixed port, so links survive a restart', () => {
    expect(loadConfig('embedded', {}).embeddedObjectStore).toEqual({ host: '127.0.0.1', port: 4005 });
    const configured = loadConfig('embedded', {
      OBJECT_STORE_HOST: '0.0.0.0',
      OBJECT_STORE_PORT: '0',
      OBJECT_STORE_PUBLIC_URL: 'https://objects.example.com',
      OBJECT_STORE_SECRET: 's'.repeat(32),
    }).embeddedObjectStore;
    expect(configured).toEqual({
      host: '0.0.0.0',
      port: 0,
      publicUrl: 'https://objects.example.com',
      secret: 's'.repeat(32),
    });
    expect(problemsOf('embedded', { OBJECT_STORE_SECRET: 'short' })).toEqual([
      expect.stringContaining('OBJECT_STORE_SECRET'),
    ]);
    expect(problemsOf('embedded', { OBJECT_STORE_PUBLIC_URL: 'objects' })).toEqual([
      expect.stringContaining('OBJECT_STORE_PUBLIC_URL'),
    ]);
  });

  it('hides stack traces in every mode unless NODE_ENV says development', () => {
    expect(loadConfig('service', production).exposeStack).toBe(false);
    expect(loadConfig('embedded', { NODE_ENV: 'development' }).exposeStack).toBe(true);
    expect(loadConfig('service', { ...production, NODE_ENV: 'development' }).exposeStack).toBe(true);
    expect(loadConfig('embedded', { NODE_ENV: 'production' }).exposeStack).toBe(false);
  });

  it('refuses to run a split service without shared infrastructure, naming each missing variable', () => {
    const problems = problemsOf('service', {});
    for (const name of ['DATABASE_URL', 'REDIS_URL', 'INTERNAL_SECRET', 'S3_ENDPOINT']) {
      expect(problems.some((p) => p.includes(name))).toBe(true);
    }
    expect(problemsOf('service', production)).toEqual([]);
  });

  it("reads the gateway's operation limits, variables bounded by the body limit unless set", () => {
    expect(loadConfig('embedded', {}).limits).toEqual({
      maxDepth: 12,
      maxAliases: 30,
      maxRequestBytes: 1_000_000,
      maxOperationsPerConnection: 100,
      maxTokens: 15_000,
      maxRootFields: 20,
      maxDirectives: 50,
      maxFragments: 200,
      maxCost: 10_000,
      defaultListSize: 20,
      maxPageSize: 100,
      maxInputDepth: 32,
      maxInputBytes: 1_000_000,
    });
    const set = loadConfig('embedded', {
      MAX_QUERY_COST: '500',
      MAX_INPUT_BYTES: '2048',
      MAX_REQUEST_BYTES: '4096',
    });
    expect(set.limits).toMatchObject({ maxCost: 500, maxInputBytes: 2048, maxRequestBytes: 4096 });
    expect(problemsOf('embedded', { MAX_QUERY_TOKENS: 'many' })).toEqual([
      expect.stringContaining('MAX_QUERY_TOKENS'),
    ]);
  });

  it('names the variable whose value is malformed', () => {
    expect(problemsOf('embedded', { GATEWAY_PORT: 'eighty' })).toEqual([
      expect.stringContaining('GATEWAY_PORT'),
    ]);
    expect(problemsOf('embedded', { DATABASE_URL: 'mysql://x@y/z' })).toEqual([
      expect.stringContaining('DATABASE_URL'),
    ]);
    expect(problemsOf('embedded', { REDIS_URL: 'not a url' })).toEqual([
      expect.stringContaining('REDIS_URL'),
    ]);
    expect(problemsOf('embedded', { INTERNAL_SECRET: 'short' })).toEqual([
      expect.stringContaining('INTERNAL_SECRET'),
    ]);
    expect(problemsOf('embedded', { S3_ENDPOINT: 'http://minio:9000' })).toEqual([
      expect.stringContaining('S3_ENDPOINT, S3_ACCESS_KEY and S3_SECRET_KEY must be set together'),
    ]);
  });

  it('treats empty variables (as in a copied .env.example) as unset', () => {
    const config = loadConfig('embedded', {
      DATABASE_URL: '',
      REDIS_URL: '',
      S3_ENDPOINT: '',
      INTERNAL_SECRET: '',
    });
    expect(config.databaseUrl).toBeUndefined();
    expect(config.redisUrl).toBeUndefined();
  });

  describe('safe defaults', () => {
    it('binds embedded mode to loopback and a service to every interface, unless HOST says otherwise', () => {
      expect(loadConfig('embedded', {}).host).toBe('127.0.0.1');
      expect(loadConfig('service', production).host).toBe('0.0.0.0');
      expect(loadConfig('embedded', { HOST: '0.0.0.0' }).host).toBe('0.0.0.0');
      expect(loadConfig('service', { ...production, HOST: '10.0.0.5' }).host).toBe('10.0.0.5');
      expect(loadConfig('embedded', { HOST: '' }).host).toBe('127.0.0.1');
    });

    it('reads the signing key encryption key as 32 bytes of hex or base64, and names it when it is not', () => {
      const key = Buffer.alloc(32, 7);
      expect(loadConfig('embedded', {}).signingKeyEncryptionKey).toBeUndefined();
      expect(
        loadConfig('embedded', { SIGNING_KEY_ENCRYPTION_KEY: key.toString('hex') }).signingKeyEncryptionKey,
      ).toEqual(key);
      expect(
        loadConfig('embedded', { SIGNING_KEY_ENCRYPTION_KEY: key.toString('base64') })
          .signingKeyEncryptionKey,
      ).toEqual(key);
      for (const bad of [Buffer.alloc(16).toString('base64'), 'a'.repeat(63), 'not a key!']) {
        expect(problemsOf('embedded', { SIGNING_KEY_ENCRYPTION_KEY: bad })).toEqual([
          expect.stringMatching(/^SIGNING_KEY_ENCRYPTION_KEY: must be 32 bytes/),
        ]);
      }
    });

    it('takes an introspection policy, public unless set', () => {
      expect(loadConfig('embedded', {}).introspection).toBe('public');
      expect(loadConfig('service', { ...production, INTROSPECTION: 'authenticated' }).introspection).toBe(
        'authenticated',
      );
      expect(problemsOf('embedded', { INTROSPECTION: 'private' })).toEqual([
        expect.stringContaining('INTROSPECTION'),
      ]);
    });

    it('reads CORS_ORIGINS as a list of origins, none by default, and refuses what is not an origin', () => {
      expect(loadConfig('embedded', {}).corsOrigins).toEqual([]);
      expect(
        loadConfig('embedded', {
          CORS_ORIGINS: 'https://App.example.com, http://localhost:*,http://[::1]:3000',
        }).corsOrigins,
      ).toEqual(['https://app.example.com', 'http://localhost:*', 'http://[::1]:3000']);
      for (const bad of ['*', 'https://app.example.com/path', 'app.example.com', 'ftp://x']) {
        expect(problemsOf('embedded', { CORS_ORIGINS: bad })).toEqual([
          expect.stringContaining('CORS_ORIGINS'),
        ]);
      }
    });
  });
});
