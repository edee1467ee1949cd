import { loadConfig } from '../../../../lib/config';
import { RegistryVersions } from '../../deployment/registry-versions';
import { ModelSessions } from '../model-sessions';

describe('ModelSessions.release', () => {
  it('tells the observers, so that what they keep about a STOPPED deployment goes too', async () => {
    const sessions = new ModelSessions(new RegistryVersions(loadConfig('embedded', {})), {
      maxBytes: 1 << 20,
    });
    const released: string[] = [];
    sessions.observe({ onRelease: (deploymentId) => released.push(deploymentId) });
    await sessions.release('d1');
    await sessions.release('d2');
    expect(released).toEqual(['d1', 'd2']);
  });
});
