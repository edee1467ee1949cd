import { spawnService, type ServiceProcess } from './processes';

export interface EmbeddedOptions {
  /** Extra environment (e.g. fixed subgraph ports, INTROSPECTION), over the defaults below. */
  env?: Record<string, string>;
  /** Extra node arguments, e.g. `['--expose-gc']`. */
  nodeArgs?: string[];
}

/** Starts `node dist/main.js` (what `npm start` runs) and waits for the line that announces the gateway. */
export async function startEmbedded(
  dataDir: string,
  options: EmbeddedOptions = {},
): Promise<{ process: ServiceProcess; url: string }> {
  const env = {
    DATA_DIR: dataDir,
    GATEWAY_PORT: '0',
    IDENTITY_PORT: '0',
    REGISTRY_PORT: '0',
    INFERENCE_PORT: '0',
    OBSERVABILITY_PORT: '0',
    OBJECT_STORE_PORT: '0',
    ...options.env,
  };
  const service = spawnService('embedded', 'main.js', env, options.nodeArgs);
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    const match = /GraphQL \+ playground\s+(http:\/\/localhost:\d+\/graphql)/.exec(service.output());
    if (match) return { process: service, url: match[1] };
    if (service.child.exitCode !== null) throw new Error(`embedded mode exited:\n${service.output()}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  await service.stop();
  throw new Error(`embedded mode did not start:\n${service.output()}`);
}
