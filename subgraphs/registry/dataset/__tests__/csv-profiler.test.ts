import { CsvFormatError, profileCsv, type DatasetProfile } from '../csv-profiler';
import { CsvTokenizer } from '../../../../ml/csv/csv-tokenizer';

/** The file as a stream of chunks cut at the given byte offsets. */
async function* chunksOf(file: Buffer, cuts: number[]): AsyncGenerator<Buffer> {
  let start = 0;
  for (const cut of [...cuts, file.length]) {
    yield file.subarray(start, cut);
    start = cut;
  }
}

const profile = (file: string | Buffer, cuts: number[] = [], sampleSize?: number) => {
  const bytes = Buffer.isBuffer(file) ? file : Buffer.from(file, 'utf8');
  return profileCsv(chunksOf(bytes, cuts), { seed: 'test', sampleSize });
};

const failure = async (file: string | Buffer): Promise<CsvFormatError> => {
  const error = await profile(file).catch((e: unknown) => e);
  if (!(error instanceof CsvFormatError)) throw new Error(`expected a CsvFormatError, got ${String(error)}`);
  return error;
};

/** Every record the tokenizer reads, with the line it starts on. */
function records(text: string): [number, string[]][] {
  const found: [number, string[]][] = [];
  const tokenizer = new CsvTokenizer((fields, line) => found.push([line, fields]));
  tokenizer.push(text);
  tokenizer.end();
  return found;
}

describe('CSV tokenizer', () => {
  it('reads quoted commas, doubled quotes and line breaks inside quotes, numbering physical lines', () => {
    expect(records('a,b\n"x, y","say ""hi"""\n"multi\r\nline",2\r\nlast,""\n')).toEqual([
      [1, ['a', 'b']],
      [2, ['x, y', 'say "hi"']],
      [3, ['multi\r\nline', '2']],
      [5, ['last', '']],
    ]);
  });

  it('takes LF, CRLF and lone CR as line breaks, skips blank lines and reads a last line without a break', () => {
    expect(records('a,b\r\n\r\n1,2\r3,4\n\n5,')).toEqual([
      [1, ['a', 'b']],
      [3, ['1', '2']],
      [4, ['3', '4']],
      [6, ['5', '']],
    ]);
  });

  it('keeps a quote inside an unquoted field as text, as spreadsheets do', () => {
    expect(records('height\n5\'11"\n')).toEqual([
      [1, ['height']],
      [2, ['5\'11"']],
    ]);
  });
});

describe('profileCsv', () => {
  const file =
    '\uFEFFid,city,score,flag\r\n' +
    '1,"Zürich, CH",1.5,yes\r\n' +
    '2,"São\nPaulo",,no\r\n' +
    '3,東京,NA,yes\r\n' +
    '4,"say ""hi""",-2.5e1,\r\n' +
    '5,Zürich, 3 ,N/A\r\n';

  it('gives the same profile however the file is cut into chunks, even inside a multi-byte character', async () => {
    const whole = await profile(file);
    const bytes = Buffer.from(file, 'utf8');
    for (let cut = 1; cut < bytes.length; cut++) {
      expect(await profile(bytes, [cut])).toEqual(whole);
    }
    const everyByte = Array.from({ length: bytes.length - 1 }, (_, i) => i + 1);
    expect(await profile(bytes, everyByte)).toEqual(whole);
  });

  it('types, counts and summarises each column', async () => {
    const result: DatasetProfile = await profile(file);
    expect(result.rowCount).toBe(5);
    expect(result.bytes).toBe(Buffer.byteLength(file));
    expect(result.columns).toEqual([
      { name: 'id', type: 'NUMBER', missingCount: 0, distinctCount: 5, min: 1, max: 5, mean: 3 },
      { name: 'city', type: 'CATEGORY', missingCount: 0, distinctCount: 5, min: null, max: null, mean: null },
      {
        name: 'score',
        type: 'NUMBER',
        missingCount: 2,
        distinctCount: 3,
        min: -25,
        max: 3,
        mean: expect.closeTo(-20.5 / 3, 12),
      },
      { name: 'flag', type: 'CATEGORY', missingCount: 2, distinctCount: 2, min: null, max: null, mean: null },
    ]);
  });

  it('keeps numbers in decimal notation only: hex, Infinity and 1e999 make a column CATEGORY', async () => {
    for (const value of ['0x1F', 'Infinity', '1e999', '1,5', '1.2.3']) {
      const result = await profile(`v\n1\n"${value}"\n`);
      expect([value, result.columns[0].type]).toEqual([value, 'CATEGORY']);
    }
    const numbers = await profile('v\n+1\n.5\n5.\n-3\n1E3\n007\n123456789012345680\n');
    expect(numbers.columns[0]).toMatchObject({ type: 'NUMBER', min: -3, max: 123456789012345680 });
  });

  it('counts numbers as numbers but keeps every spelling when a later value makes the column CATEGORY', async () => {
    const numeric = await profile('v\n1\n1.0\n01\n2\n');
    expect(numeric.columns[0]).toMatchObject({ type: 'NUMBER', distinctCount: 2 });
    const category = await profile('v\n1\n1.0\n01\n2\nn/a-ish\n');
    expect(category.columns[0]).toMatchObject({ type: 'CATEGORY', distinctCount: 5 });
  });

  it('counts distinct values exactly up to 10,000, and answers null past that', async () => {
    const rows = (n: number) => Array.from({ length: n }, (_, i) => `${i},k${i}`).join('\n');
    const at = await profile(`n,c\n${rows(10_000)}\n`);
    expect(at.columns.map((c) => c.distinctCount)).toEqual([10_000, 10_000]);
    const past = await profile(`n,c\n${rows(10_001)}\n`);
    expect(past.columns.map((c) => c.distinctCount)).toEqual([null, null]);
  });

  it('draws the same uniform sample of at most sampleSize rows for the same seed', async () => {
    const text = `n\n${Array.from({ length: 5000 }, (_, i) => i).join('\n')}\n`;
    const first = await profile(text, [], 100);
    const second = await profile(text, [777], 100);
    expect(first.sample.rows).toHaveLength(100);
    expect(second.sample).toEqual(first.sample);
    const values = first.sample.rows.map((row) => row[0] as number);
    expect(new Set(values).size).toBe(100);
    // Not the first rows: a uniform sample of 100 from 5000 has a mean near 2500.
    const mean = values.reduce((a, b) => a + b, 0) / values.length;
    expect(mean).toBeGreaterThan(1500);
    expect(mean).toBeLessThan(3500);
  });

  it('names the line where a ragged row starts, after a quoted line break', async () => {
    const error = await failure('a,b\n"x\ny",1\n2\n');
    expect([error.line, error.column, error.reason]).toEqual([
      4,
      2,
      'expected 2 fields as in the header, found 1 (no value for "b")',
    ]);
  });

  it('refuses a file wider than 1000 columns and a name longer than 200 characters', async () => {
    const wide = Array.from({ length: 1001 }, (_, i) => `c${i}`).join(',');
    expect((await failure(`${wide}\n`)).message).toBe(
      'line 1: the header has 1001 columns; at most 1000 are supported',
    );
    expect((await failure(`a,${'n'.repeat(201)}\n1,2\n`)).message).toBe(
      'line 1, column 2: column name longer than 200 characters',
    );
  });

  it('refuses a UTF-8 sequence cut short at the end of the file', async () => {
    const error = await failure(Buffer.concat([Buffer.from('a\n1\n'), Buffer.from([0xe2, 0x82])]));
    expect(error.message).toBe(
      'line 3, column 1: the file is not valid UTF-8 (byte 4); save it with the UTF-8 encoding',
    );
  });

  it('refuses UTF-16, which Excel also writes, as not UTF-8', async () => {
    const utf16 = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('a,b\r\n1,2\r\n', 'utf16le')]);
    expect((await failure(utf16)).message).toMatch(
      /^line 1, column 1: the file is not valid UTF-8 \(byte 0\)/,
    );
  });
});
