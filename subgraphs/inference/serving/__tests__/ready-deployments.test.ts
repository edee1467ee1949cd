import type { Deployment } from '../../deployment/deployment.entity';
import { ReadyDeployments } from '../ready-deployments';

const deployment = (id: string) => ({ id }) as Deployment;

describe('ReadyDeployments', () => {
  let now: number;
  let reads: string[];
  const reader = (id: string) => async () => {
    reads.push(id);
    return deployment(id);
  };

  beforeEach(() => {
    now = 0;
    reads = [];
  });

  it('reads a model once within maxAgeMs, and again after', async () => {
    const ready = new ReadyDeployments({ maxAgeMs: 1000, now: () => now });
    expect((await ready.get('o1', 'm1', reader('d1'))).id).toBe('d1');
    now = 999;
    expect((await ready.get('o1', 'm1', reader('d2'))).id).toBe('d1');
    now = 1000;
    expect((await ready.get('o1', 'm1', reader('d2'))).id).toBe('d2');
    expect(reads).toEqual(['d1', 'd2']);
  });

  it('keeps organizations and models apart', async () => {
    const ready = new ReadyDeployments({ now: () => now });
    await ready.get('o1', 'm1', reader('a'));
    expect((await ready.get('o2', 'm1', reader('b'))).id).toBe('b');
    expect((await ready.get('o1', 'm2', reader('c'))).id).toBe('c');
    expect(reads).toEqual(['a', 'b', 'c']);
  });

  it('never remembers a failed read', async () => {
    const ready = new ReadyDeployments({ now: () => now });
    const refused = async (): Promise<Deployment> => {
      reads.push('refused');
      throw new Error('model m1 has no READY deployment');
    };
    await expect(ready.get('o1', 'm1', refused)).rejects.toThrow('no READY deployment');
    expect((await ready.get('o1', 'm1', reader('d1'))).id).toBe('d1');
    expect(reads).toEqual(['refused', 'd1']);
  });

  it('forgets everything on a deployment change, including a read that was under way', async () => {
    const ready = new ReadyDeployments({ now: () => now });
    await ready.get('o1', 'm1', reader('old'));
    ready.forgetAll();
    expect((await ready.get('o1', 'm1', reader('new'))).id).toBe('new');

    let release!: () => void;
    const slow = async () => {
      await new Promise<void>((resolve) => (release = resolve));
      return deployment('stale');
    };
    const pending = ready.get('o1', 'm2', slow);
    ready.forgetAll();
    release();
    expect((await pending).id).toBe('stale');
    // The stale answer served the request that read it, and nothing after.
    expect((await ready.get('o1', 'm2', reader('fresh'))).id).toBe('fresh');
  });
});
