import { RegisterDocument } from '../__generated__/operations';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startEmbedded } from '../support/embedded';
import { bearer, execute, graphql } from '../support/graphql-client';
import type { ServiceProcess } from '../support/processes';

describe('datasets through the gateway (the README flow, embedded mode)', () => {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'mlaas-datasets-e2e-'));
  let running: ServiceProcess | undefined;
  let url: string;
  let headers: Record<string, string>;

  beforeAll(async () => {
    const started = await startEmbedded(dataDir);
    running = started.process;
    url = started.url;
    const registered = await execute(url, RegisterDocument, {
      input: {
        email: 'ada@example.com',
        password: 'correct horse battery',
        displayName: 'Ada',
        organizationName: 'Engines',
      },
    });
    headers = bearer(registered.data!.register.accessToken);
  });
  afterAll(async () => {
    await running?.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  /** createDataset, then `curl -X PUT --upload-file` to the URL it gives, then completeDatasetUpload. */
  const upload = async (name: string, file: string) => {
    const created = await graphql<{ createDataset: { uploadUrl: string; dataset: { id: string } } }>(
      url,
      `
        mutation ($name: String!) {
          createDataset(input: { name: $name }) {
            uploadUrl
            dataset {
              id
            }
          }
        }
      `,
      { name },
      headers,
    );
    const { uploadUrl, dataset } = created.data!.createDataset;
    expect((await fetch(uploadUrl, { method: 'PUT', body: file })).status).toBe(200);
    const completed = await graphql<{ completeDatasetUpload: { status: string; rowCount: number } }>(
      url,
      `
        mutation ($id: ID!) {
          completeDatasetUpload(datasetId: $id) {
            status
            rowCount
          }
        }
      `,
      { id: dataset.id },
      headers,
    );
    return { id: dataset.id, completed };
  };

  it('profiles an uploaded CSV file and serves its columns with fields of other subgraphs', async () => {
    const { id, completed } = await upload('iris', 'length,species\r\n5.1,setosa\r\n7.0,versicolor\r\n');
    expect(completed.data).toEqual({ completeDatasetUpload: { status: 'READY', rowCount: 2 } });
    const read = await graphql(
      url,
      `
        query ($id: ID!) {
          dataset(id: $id) {
            columns {
              name
              type
              min
              max
            }
            owner {
              email
            }
          }
        }
      `,
      { id },
      headers,
    );
    expect(read.data).toEqual({
      dataset: {
        columns: [
          { name: 'length', type: 'NUMBER', min: 5.1, max: 7 },
          { name: 'species', type: 'CATEGORY', min: null, max: null },
        ],
        owner: { email: 'ada@example.com' },
      },
    });
  });

  it('answers a broken file with BAD_USER_INPUT naming the line and column', async () => {
    const { completed } = await upload('ragged', 'a,b\n1,2,3\n');
    expect(completed.errors?.map((e) => [e.extensions?.code, e.message])).toEqual([
      [
        'BAD_USER_INPUT',
        'Dataset "ragged" is not a usable CSV file: line 2, column 3: expected 2 fields as in the header, found 3 (extra field)',
      ],
    ]);
  });
});
