import { createHash } from 'node:crypto';
import { Sha256MismatchError, hashWhileReading, verifySha256 } from '../sha256-stream';

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

async function collect(source: AsyncIterable<Buffer>): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of source) chunks.push(chunk);
  return Buffer.concat(chunks).toString();
}

async function* chunksOf(...parts: (string | Buffer)[]) {
  yield* parts;
}

describe('sha256 streams', () => {
  it('hashes the bytes that pass, unchanged, and has no hash before the end', async () => {
    const hashed = hashWhileReading(chunksOf('a,b\n', Buffer.from('1,2\n')));
    expect(() => hashed.sha256()).toThrow(/not been read to its end/);
    expect(await collect(hashed.chunks)).toBe('a,b\n1,2\n');
    expect(hashed.sha256()).toBe(sha256('a,b\n1,2\n'));
  });

  it('passes a file that matches its recorded hash', async () => {
    expect(await collect(verifySha256(chunksOf('a\n', '1\n'), sha256('a\n1\n')))).toBe('a\n1\n');
  });

  it('ends a file whose bytes are not the recorded ones with Sha256MismatchError, naming both hashes', async () => {
    const recorded = sha256('a\n1\n');
    const reading = collect(verifySha256(chunksOf('a\n', '2\n'), recorded));
    await expect(reading).rejects.toBeInstanceOf(Sha256MismatchError);
    await expect(reading).rejects.toThrow(`its SHA-256 is ${sha256('a\n2\n')}, not the ${recorded} recorded`);
  });

  it('checks nothing when no hash was recorded', async () => {
    expect(await collect(verifySha256(chunksOf('anything'), null))).toBe('anything');
  });
});
