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
});
