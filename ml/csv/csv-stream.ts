import { CsvFormatError, type CsvTokenizer } from './csv-tokenizer';
import { Utf8Chunks } from './utf8-chunks';

/**
 * Feeds a CSV byte stream to a tokenizer and ends it: decoded as UTF-8 chunk by chunk, a leading byte order
 * mark (Excel's "CSV UTF-8") dropped so it is not part of the first column's name, and bytes that are not UTF-8
 * refused with the line and column they fall on. Resolves with the number of bytes read.
 */
export async function tokenizeCsvStream(
  source: AsyncIterable<Buffer | string>,
  tokenizer: CsvTokenizer,
): Promise<number> {
  const decoder = new Utf8Chunks();
  let first = true;
  const feed = ({ text, invalidAt }: { text: string; invalidAt?: number }) => {
    if (first && text.length > 0) {
      first = false;
      if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
    }
    tokenizer.push(text);
    if (invalidAt !== undefined) {
      const { line, column } = tokenizer.position();
      throw new CsvFormatError(
        `the file is not valid UTF-8 (byte ${invalidAt}); save it with the UTF-8 encoding`,
        line,
        column,
      );
    }
  };
  let bytes = 0;
  for await (const chunk of source) {
    const buffer = Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk);
    bytes += buffer.length;
    feed(decoder.decode(buffer));
  }
  feed(decoder.end());
  tokenizer.end();
  return bytes;
}
