/** @jest-environment ./test/onnxruntime-environment.ts */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import { loadConfig } from '../../lib/config';
import { sklearnModelFixture } from '../fixtures/onnx/sklearn-models';
import { usePlatform } from '../support/harness/platform';
import { inferenceClient } from '../support/inference-client';
import { exposedMetricNames, sampledMetricNames } from '../support/prometheus-exposition';
import { metricNamesOf, promqlOfGrafanaQuery } from '../support/promql';
import { registerUser } from '../support/training-gateway';
import { scrapeMetrics } from '../support/metrics';

const ROOT = path.join(__dirname, '..', '..');
const read = (file: string) => readFileSync(path.join(ROOT, file), 'utf8');
// The YAML files are ours; their shape is what this test checks, field by field.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Loose = any;
const yamlOf = (file: string): Loose => parse(read(file));

const compose = yamlOf('docker-compose.yml');
const prometheus = yamlOf('deploy/prometheus/prometheus.yml');
const DASHBOARD_FILE = 'deploy/grafana/dashboards/mlaas-overview.json';
const dashboard: Loose = JSON.parse(read(DASHBOARD_FILE));

/** Series Prometheus makes itself, found in no `/metrics` answer. */
const PROMETHEUS_OWN = new Set([
  'up',
  'ALERTS',
  'ALERTS_FOR_STATE',
  'scrape_duration_seconds',
  'scrape_samples_scraped',
]);

interface Expression {
  where: string;
  promql: string;
}

/** The host path a container path of a compose service comes from, through its bind mounts. */
function hostPathOf(service: string, containerPath: string): string | undefined {
  for (const volume of compose.services[service].volumes as string[]) {
    const [source, target] = volume.split(':');
    if (!source.startsWith('.')) continue;
    if (containerPath === target || containerPath.startsWith(`${target}/`))
      return path.join(source, containerPath.slice(target.length));
  }
  return undefined;
}

function ruleFiles(): string[] {
  return (prometheus.rule_files as string[]).map((file) => {
    const host = hostPathOf('prometheus', file);
    if (!host) throw new Error(`rule file ${file} is not mounted into the prometheus container`);
    return host;
  });
}

function ruleExpressions(): Expression[] {
  return ruleFiles().flatMap((file) =>
    (yamlOf(file).groups as Loose[]).flatMap((group) =>
      (group.rules as Loose[]).map((rule) => ({
        where: `${file} ${group.name}/${rule.alert ?? rule.record}`,
        promql: String(rule.expr),
      })),
    ),
  );
}

/** Panels, rows' panels included. */
const panelsOf = (panels: Loose[]): Loose[] =>
  panels.flatMap((panel) => [panel, ...panelsOf(panel.panels ?? [])]);

function dashboardExpressions(): Expression[] {
  const targets = panelsOf(dashboard.panels).flatMap((panel) =>
    (panel.targets ?? []).map((target: Loose) => ({
      where: `${DASHBOARD_FILE} panel "${panel.title}" ${target.refId}`,
      promql: String(target.expr),
    })),
  );
  const variables = (dashboard.templating?.list ?? []).flatMap((variable: Loose) => {
    const query = typeof variable.query === 'string' ? variable.query : variable.query?.query;
    const promql = variable.type === 'query' ? promqlOfGrafanaQuery(String(query)) : undefined;
    return promql ? [{ where: `${DASHBOARD_FILE} variable $${variable.name}`, promql }] : [];
  });
  return [...targets, ...variables];
}

/** host:port of every scrape target, static or found by DNS, by job. */
function scrapeTargets(): { job: string; host: string; port: number }[] {
  return (prometheus.scrape_configs as Loose[]).flatMap((job) => [
    ...(job.static_configs ?? []).flatMap((config: Loose) =>
      (config.targets as string[]).map((target) => {
        const [host, port] = target.split(':');
        return { job: job.job_name, host, port: Number(port) };
      }),
    ),
    ...(job.dns_sd_configs ?? []).flatMap((config: Loose) =>
      (config.names as string[]).map((host) => ({ job: job.job_name, host, port: Number(config.port) })),
    ),
  ]);
}

/** The port a compose service's process answers on, as its own healthcheck asks it. */
function composePort(service: string): number | undefined {
  const probe = JSON.stringify(compose.services[service]?.healthcheck?.test ?? []);
  const port = /http:\/\/127\.0\.0\.1:(\d+)\/health\/ready/.exec(probe)?.[1];
  return port === undefined ? undefined : Number(port);
}

describe('Prometheus and Grafana configuration', () => {
  it('scrapes every service of docker-compose.yml that serves HTTP, at the port it listens on', () => {
    const ports = loadConfig('embedded', {}).ports;
    const targets = scrapeTargets();
    const serving = Object.keys(compose.services).filter((name) => composePort(name) !== undefined);
    expect(serving.sort()).toEqual(['gateway', 'identity', 'inference', 'observability', 'registry']);
    expect(targets.map((target) => target.host).sort()).toEqual(serving);
    for (const { host, port } of targets) {
      expect({ host, port }).toEqual({ host, port: composePort(host) });
      expect(port).toBe(ports[host as keyof typeof ports]);
    }
  });

  it('scrapes with the metrics token every service requires, given to Prometheus as a secret', () => {
    const tokenFile = '/run/secrets/metrics_token';
    for (const job of prometheus.scrape_configs as Loose[])
      expect({ job: job.job_name, authorization: job.authorization }).toEqual({
        job: job.job_name,
        authorization: { credentials_file: tokenFile },
      });
    expect(compose.services.prometheus.secrets).toEqual([path.basename(tokenFile)]);
    expect(compose.secrets[path.basename(tokenFile)]).toEqual({ environment: 'METRICS_TOKEN' });
    // Services take their environment from the x-service anchor (`<<`): read with merge keys resolved.
    const merged: Loose = parse(read('docker-compose.yml'), { merge: true });
    for (const service of ['gateway', 'identity', 'registry', 'inference', 'observability'])
      expect(merged.services[service].environment.METRICS_TOKEN).toMatch(/^\$\{METRICS_TOKEN:\?[^}]+\}$/);
  });

  it('pins the images and asks for a Grafana admin password without a default', () => {
    for (const service of ['prometheus', 'grafana'])
      expect(compose.services[service].image).toMatch(/^[a-z/]+:v?\d+\.\d+\.\d+$/);
    expect(compose.services.grafana.environment.GF_SECURITY_ADMIN_PASSWORD).toMatch(
      /^\$\{GRAFANA_ADMIN_PASSWORD:\?[^}]+\}$/,
    );
  });

  it('mounts the rule files, the provisioning and the dashboard where the configuration looks for them', () => {
    for (const file of ruleFiles()) expect(existsSync(path.join(ROOT, file))).toBe(true);
    const provisioning = (kind: string, file: string) =>
      yamlOf(path.join(hostPathOf('grafana', '/etc/grafana/provisioning')!, kind, file));
    const [datasource] = provisioning('datasources', 'prometheus.yml').datasources;
    expect(datasource).toMatchObject({ type: 'prometheus', url: 'http://prometheus:9090' });
    const [provider] = provisioning('dashboards', 'mlaas.yml').providers;
    expect(
      existsSync(path.join(ROOT, hostPathOf('grafana', provider.options.path)!, 'mlaas-overview.json')),
    ).toBe(true);
    const datasources = panelsOf(dashboard.panels)
      .filter((panel) => panel.type !== 'row')
      .flatMap((panel) => [panel.datasource, ...panel.targets.map((target: Loose) => target.datasource)]);
    expect(new Set(datasources.map((used) => used.uid))).toEqual(new Set([datasource.uid]));
  });

  it('gives each panel its own id and keeps it within the 24 columns of the grid', () => {
    const panels = panelsOf(dashboard.panels);
    expect(new Set(panels.map((panel) => panel.id)).size).toBe(panels.length);
    for (const { gridPos } of panels) expect(gridPos.x + gridPos.w).toBeLessThanOrEqual(24);
  });

  it('has expressions that each name at least one metric', () => {
    const expressions = [...ruleExpressions(), ...dashboardExpressions()];
    expect(expressions.length).toBeGreaterThan(20);
    const nameless = expressions.filter(({ promql }) => metricNamesOf(promql).length === 0);
    expect(nameless).toEqual([]);
  });
});

describe('every metric the alert rules and the dashboard use, in a real /metrics answer', () => {
  const platform = usePlatform();
  const forest = sklearnModelFixture('random_forest_zipmap.onnx');
  let exposed: Map<string, Set<string>>;
  let sampled: Map<string, Set<string>>;

  beforeAll(async () => {
    const { gateway, identity, registry, inference, observability } = platform();
    // A prediction answered and one refused (a row one feature long), so that the per-model series have samples too.
    const user = await registerUser(gateway.url, 'ada@example.com', 'Analytical Engines');
    const client = inferenceClient(user.headers);
    const modelId = await client.createModel(gateway.url, 'iris');
    const version = await client.uploadVersion(gateway.url, modelId, forest.bytes, {
      inputSchema: forest.features,
    });
    await client.deploy(gateway.url, modelId, version.id);
    expect((await client.predict(gateway.url, modelId, forest.rows[0])).errors).toBeUndefined();
    expect((await client.predict(gateway.url, modelId, [1])).errors).toBeDefined();
    const services = { gateway, identity, registry, inference, observability };
    exposed = new Map();
    sampled = new Map();
    for (const [name, service] of Object.entries(services)) {
      const url = 'subgraph' in service ? service.subgraph.url : service.url;
      const text = await scrapeMetrics(url);
      exposed.set(name, exposedMetricNames(text));
      sampled.set(name, sampledMetricNames(text));
    }
  }, 120_000);

  it('finds each one exposed by a service', () => {
    const missing = [...ruleExpressions(), ...dashboardExpressions()].flatMap(({ where, promql }) =>
      metricNamesOf(promql)
        .filter((name) => !PROMETHEUS_OWN.has(name))
        .filter((name) => ![...exposed.values()].some((names) => names.has(name)))
        .map((name) => `${name} (${where})`),
    );
    expect(missing).toEqual([]);
  });

  it('reads samples, not only declarations, of the series a prediction makes', () => {
    const inference = sampled.get('inference')!;
    for (const name of ['mlaas_prediction_rows_total', 'mlaas_prediction_failed_rows_total'])
      expect(inference.has(name)).toBe(true);
    expect(sampled.get('registry')!.has('mlaas_training_jobs')).toBe(true);
    expect(sampled.get('gateway')!.has('mlaas_graphql_operation_duration_seconds_bucket')).toBe(true);
  });
});
