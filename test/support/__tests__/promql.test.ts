import { metricNamesOf, promqlOfGrafanaQuery, PromQLSyntaxError } from '../promql';
import { exposedMetricNames } from '../prometheus-exposition';

describe('metricNamesOf', () => {
  it.each([
    ['a bare selector', 'up', ['up']],
    [
      'a selector with matchers naming labels',
      'mlaas_http_requests_total{status=~"5..", route!="/metrics"}',
      ['mlaas_http_requests_total'],
    ],
    [
      'a quantile over a histogram, grouping by le',
      'histogram_quantile(0.95, sum by (le, service) (rate(mlaas_graphql_operation_duration_seconds_bucket[5m])))',
      ['mlaas_graphql_operation_duration_seconds_bucket'],
    ],
    [
      'a grouping clause after the aggregation',
      'sum(rate(a_total[1m])) without (instance, job) / ignoring(outcome) group_left(service) sum(b_total)',
      ['a_total', 'b_total'],
    ],
    [
      'keywords in any case, and offsets',
      'SUM BY (x) (a offset 5m) > bool 1 AND on (y) b @ start()',
      ['a', 'b'],
    ],
    ['set operators and numbers', 'a > 0.2 or b < 1e-3 unless c == 0x1f', ['a', 'b', 'c']],
    [
      'a subquery and a range with Grafana variables',
      'max_over_time(rate(a[$__rate_interval])[1h:5m])',
      ['a'],
    ],
    ['Grafana variables in label values', 'a{model=~"$model", feature="${feature:regex}"} / b', ['a', 'b']],
    ['a name given as __name__', '{__name__="a", job="x"} + {"b.dotted"}', ['a', 'b.dotted']],
    [
      'strings as function arguments',
      'label_replace(a, "dst", "$1", "src", "(.*)") + count_values("v", b)',
      ['a', 'b'],
    ],
    ['recording-rule names with colons', 'job:a:rate5m * 2', ['job:a:rate5m']],
    ['a comment', 'a # b is commented out\n+ c', ['a', 'c']],
    ['a repeated name once', 'a / a', ['a']],
    ['only functions and literals', 'vector(1) + time()', []],
  ])('finds the metrics of %s', (_, expression, names) => {
    expect(metricNamesOf(expression)).toEqual(names);
  });

  it.each([
    ['an unclosed matcher block', 'a{job="x"'],
    ['an unterminated string', 'a{job="x}'],
    ['an unbalanced bracket', 'a]'],
    ['a matcher without a value', 'a{job}'],
    ['a regular expression on the name, which cannot be checked', '{__name__=~"mlaas_.*"}'],
  ])('refuses %s', (_, expression) => {
    expect(() => metricNamesOf(expression)).toThrow(PromQLSyntaxError);
  });
});

describe('promqlOfGrafanaQuery', () => {
  it('reads the expression inside label_values and query_result, and none in label-only queries', () => {
    expect(promqlOfGrafanaQuery('label_values(a{b="1", c="2"}, model_id)')).toBe('a{b="1", c="2"}');
    expect(promqlOfGrafanaQuery('query_result(topk(5, a))')).toBe('topk(5, a)');
    expect(promqlOfGrafanaQuery('label_values(model_id)')).toBeUndefined();
    expect(promqlOfGrafanaQuery('label_names()')).toBeUndefined();
    expect(promqlOfGrafanaQuery(' rate(a[5m]) ')).toBe('rate(a[5m])');
  });
});

describe('exposedMetricNames', () => {
  it('names samples, and declared families with the series their type implies', () => {
    const text = [
      '# HELP h A histogram nothing observed yet',
      '# TYPE h histogram',
      '# TYPE c_total counter',
      'c_total{service="x"} 3',
      'g 1.5',
      '',
    ].join('\n');
    expect([...exposedMetricNames(text)].sort()).toEqual([
      'c_total',
      'g',
      'h',
      'h_bucket',
      'h_count',
      'h_sum',
    ]);
  });
});
