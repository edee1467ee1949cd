import { completeUpload, getDataset, putFile, uploadDataset } from '../../../../test/support/harness/dataset';
import { errorsOf, member, useRegistry } from '../../../../test/support/harness/registry';

const utf8 = (text: string) => Buffer.from(text, 'utf8');

/** [what is wrong, the file, the reason the dataset records (the error message ends with it)] */
const brokenFiles: [string, Buffer, string][] = [
  [
    'an empty file',
    Buffer.alloc(0),
    'line 1: the file is empty; a dataset needs a header row and at least one data row',
  ],
  [
    'a file of a byte order mark and blank lines',
    utf8('\uFEFF\r\n\r\n'),
    'line 1: the file is empty; a dataset needs a header row and at least one data row',
  ],
  ['a header without rows', utf8('a,b,c\n'), 'line 2: the file has a header row but no data rows'],
  [
    'a row with a field too many',
    utf8('a,b,c\n1,2,3\n4,5,6,7\n'),
    'line 3, column 4: expected 3 fields as in the header, found 4 (extra field)',
  ],
  [
    'a row with a field too few, after a quoted line break',
    utf8('a,b,c\n1,"multi\nline",3\n4,5\n'),
    'line 4, column 3: expected 3 fields as in the header, found 2 (no value for "c")',
  ],
  [
    'duplicate column names',
    utf8('a,b,a\n1,2,3\n'),
    'line 1, column 3: duplicate column name "a" (also column 1)',
  ],
  ['an empty column name', utf8('a, ,c\n1,2,3\n'), 'line 1, column 2: empty column name'],
  [
    'a 5 MB line with no line break',
    Buffer.concat([utf8('a,b\n'), Buffer.alloc(5 * 1024 * 1024, '7')]),
    'line 2: a record is longer than 1048576 characters (a missing line break or an unclosed quote?)',
  ],
  [
    'a quote that is never closed',
    utf8('a,b\n1,2\n"3,4\n5,6\n'),
    'line 3, column 1: a quoted field is never closed',
  ],
  [
    'text after a closing quote',
    utf8('a,b\n1,"2"x\n'),
    'line 2, column 2: unexpected text after a closing quote (a quote inside a quoted field is written as two quotes)',
  ],
  [
    'bytes that are not UTF-8 (Latin-1)',
    Buffer.concat([utf8('name,city\n1,Paris\n2,'), Buffer.from([0x4d, 0xfc, 0x6e]), utf8('chen\n')]),
    'line 3, column 2: the file is not valid UTF-8 (byte 21); save it with the UTF-8 encoding',
  ],
];

describe('registry datasets: broken files are refused, naming the line and column, and the dataset is FAILED', () => {
  const registry = useRegistry({ dialect: 'postgresql' });

  it.each(brokenFiles)('refuses %s', async (_label, file, reason) => {
    const owner = member('OWNER');
    const { upload, result } = await uploadDataset(registry, owner, 'broken', file);
    expect(errorsOf(result)).toEqual([{ code: 'BAD_USER_INPUT', field: 'datasetId' }]);
    expect(result.errors![0].message).toBe(`Dataset "broken" is not a usable CSV file: ${reason}`);
    expect(result.data).toBeNull();
    expect(await getDataset(registry, owner, upload.dataset.id)).toMatchObject({
      status: 'FAILED',
      error: reason,
      rowCount: null,
      columns: [],
      sizeBytes: file.length,
    });
  });

  it('makes a FAILED dataset READY once a corrected file is uploaded and completed again', async () => {
    const owner = member('OWNER');
    const { upload, result } = await uploadDataset(registry, owner, 'fixable', 'a,b\n1,2,3\n');
    expect(errorsOf(result)).toEqual([{ code: 'BAD_USER_INPUT', field: 'datasetId' }]);

    await putFile(upload.uploadUrl, 'a,b\n1,2\n');
    const retried = await completeUpload(registry, owner, upload.dataset.id);
    expect(retried.errors).toBeUndefined();
    expect(retried.data!.completeDatasetUpload).toMatchObject({ status: 'READY', error: null, rowCount: 1 });
  });

  it('refuses a file larger than 1 GiB without reading it (the size is checked first)', async () => {
    // Not a real 1 GiB upload: the object store is asked for the size, so a stand-in size is enough.
    const owner = member('OWNER');
    const store = registry.infrastructure.objectStore;
    const statObject = store.statObject.bind(store);
    const spy = jest.spyOn(store, 'statObject').mockImplementation(async (bucket, key) => {
      const info = await statObject(bucket, key);
      return info && { ...info, size: 5_000_000_000 };
    });
    try {
      const { upload, result } = await uploadDataset(registry, owner, 'huge', 'a\n1\n');
      const reason = 'the file has 5000000000 bytes; at most 1073741824 are accepted';
      expect(errorsOf(result)).toEqual([{ code: 'BAD_USER_INPUT', field: 'datasetId' }]);
      expect(result.errors![0].message).toBe(`Dataset "huge" is not a usable CSV file: ${reason}`);
      expect(await getDataset(registry, owner, upload.dataset.id)).toMatchObject({
        status: 'FAILED',
        error: reason,
        sizeBytes: null,
      });
    } finally {
      spy.mockRestore();
    }
  });
});
