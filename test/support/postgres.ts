import { createScratchDatabase, type ScratchDatabase } from '../../scripts/scratch-database';

export type TestDatabase = ScratchDatabase;

/**
 * A fresh, empty database for one test file (on `TEST_POSTGRES_URL`, else this machine's server), so that files can run in parallel and leave nothing behind.
 * Migrations create each subgraph's schema inside it.
 */
export function createTestDatabase(label = 'test'): Promise<TestDatabase> {
  return createScratchDatabase(label);
}
