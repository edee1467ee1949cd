/** The bearer token test services are configured with (METRICS_TOKEN) for `/metrics`. */
export const TEST_METRICS_TOKEN = 'test-metrics-token-0123456789abcdef';

/** The `/metrics` URL of a service, from its GraphQL URL. */
export const metricsUrlOf = (graphqlUrl: string): string => new URL('/metrics', graphqlUrl).toString();

/** Scrapes a service's `/metrics` as Prometheus does, with the bearer token; fails on anything but 200. */
export async function scrapeMetrics(graphqlUrl: string, token = TEST_METRICS_TOKEN): Promise<string> {
  const response = await fetch(metricsUrlOf(graphqlUrl), { headers: { authorization: `Bearer ${token}` } });
  const text = await response.text();
  if (response.status !== 200) throw new Error(`/metrics answered ${response.status}: ${text}`);
  return text;
}
