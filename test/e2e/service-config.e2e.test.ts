import { spawnService } from '../support/processes';

async function exitOf(entry: string, env: Record<string, string>) {
  const service = spawnService(entry, entry, env);
  const code = await new Promise<number | null>((resolve) => service.child.once('exit', resolve));
  return { code, output: service.output() };
}

describe('a service started on its own process', () => {
  it('refuses to start a subgraph without shared infrastructure, naming what is missing', async () => {
    const { code, output } = await exitOf('subgraphs/registry/main.js', {
      REDIS_URL: 'redis://127.0.0.1:6379',
    });
    expect(code).toBe(78);
    expect(output).toContain('DATABASE_URL is required');
    expect(output).toContain('INTERNAL_SECRET is required');
    expect(output).toContain('S3_ENDPOINT, S3_ACCESS_KEY and S3_SECRET_KEY are required');
    expect(output).not.toContain('REDIS_URL is required');
  });

  it('refuses to start the gateway without the internal secret, and asks for nothing it does not use', async () => {
    const { code, output } = await exitOf('gateway/main.js', {});
    expect(code).toBe(78);
    expect(output).toContain('INTERNAL_SECRET is required');
    expect(output).not.toContain('DATABASE_URL');
  });
});
