import { sleep } from './redis';

/** One implementation of a port under its contract test, and a way to let time pass for it. */
export interface ContractHarness<Port> {
  port: Port;
  /** Lets `ms` pass: a fake clock in memory; real time for Redis, whose clock tests cannot move. */
  elapse(ms: number): Promise<void>;
}

/**
 * The in-memory implementation of a port (on a fake clock) and its Redis one, as `describe.each` rows of a name
 * and a harness factory, so that one contract suite runs against both.
 */
export function contractImplementations<Port>(create: {
  inMemory: (now: () => number) => Port;
  redis: () => Port;
}): [string, () => ContractHarness<Port>][] {
  const inMemory = (): ContractHarness<Port> => {
    let now = 1_000_000;
    return {
      port: create.inMemory(() => now),
      elapse: async (ms) => {
        now += ms;
      },
    };
  };
  return [
    ['in-memory', inMemory],
    ['redis', () => ({ port: create.redis(), elapse: sleep })],
  ];
}
