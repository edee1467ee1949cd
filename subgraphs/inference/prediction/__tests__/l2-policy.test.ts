import { Ewma, L2Policy } from '../l2-policy';

describe('L2Policy: whether a Redis lookup is worth it', () => {
  it('asks L2 until both the model run and the round trip are measured', () => {
    const policy = new L2Policy();
    expect(policy.useL2('d', 1)).toBe(true);
    policy.recordRun('d', 1, 0.02);
    expect(policy.useL2('d', 1)).toBe(true);
    policy.recordRoundTrip(0.1);
    expect(policy.useL2('d', 1)).toBe(false);
  });

  it('skips L2 while computing the rows is faster than the round trip, but probes it one call in probeEvery', () => {
    const policy = new L2Policy({ probeEvery: 5 });
    policy.recordRun('d', 10, 0.3); // 30 µs a row
    policy.recordRoundTrip(0.1);
    const decisions = Array.from({ length: 10 }, () => policy.useL2('d', 1));
    expect(decisions).toEqual([false, false, false, false, true, false, false, false, false, true]);
  });

  it('uses L2 for a slow model, and for enough missed rows of a fast one', () => {
    const policy = new L2Policy();
    policy.recordRoundTrip(0.1);
    policy.recordRun('slow', 1, 5);
    policy.recordRun('fast', 1, 0.03);
    expect(policy.useL2('slow', 1)).toBe(true);
    expect(policy.useL2('fast', 1)).toBe(false);
    expect(policy.useL2('fast', 4)).toBe(true); // 120 µs of computing against a 100 µs round trip
  });

  it('turns back to L2 when Redis gets faster than the model', () => {
    const policy = new L2Policy();
    policy.recordRun('d', 1, 0.05);
    policy.recordRoundTrip(1);
    expect(policy.useL2('d', 1)).toBe(false);
    for (let i = 0; i < 40; i++) policy.recordRoundTrip(0.01);
    expect(policy.useL2('d', 1)).toBe(true);
  });
});

describe('Ewma', () => {
  it('starts at the first sample and follows later ones by its weight', () => {
    const ewma = new Ewma(0.5);
    expect(ewma.value).toBeUndefined();
    ewma.add(10);
    ewma.add(20);
    expect(ewma.value).toBe(15);
  });
});
