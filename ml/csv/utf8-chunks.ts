import { isUtf8 } from 'node:buffer';

/** One decoded chunk; `invalidAt` (a byte offset in the whole stream) when the bytes stop being UTF-8. */
export interface DecodedChunk {
  /** The text up to the first invalid byte, or all of it. */
  text: string;
  invalidAt?: number;
}

/**
 * Decodes a byte stream as UTF-8 chunk by chunk, noticing invalid bytes (which `Buffer#toString` would turn
 * silently into U+FFFD). A sequence cut by a chunk boundary is carried into the next chunk. The check is
 * Node's native `isUtf8`; the byte-by-byte search below only runs once, on a chunk known to be invalid.
 */
export class Utf8Chunks {
  private carry: Buffer | undefined;
  /** Bytes of the stream before the current chunk. */
  private offset = 0;

  decode(chunk: Buffer): DecodedChunk {
    const bytes = this.carry ? Buffer.concat([this.carry, chunk]) : chunk;
    const cut = completeLength(bytes);
    this.carry = cut < bytes.length ? Buffer.from(bytes.subarray(cut)) : undefined;
    return this.decodeComplete(bytes.subarray(0, cut));
  }

  /** The end of the stream: bytes still carried are a sequence the file cuts short. */
  end(): DecodedChunk {
    if (!this.carry) return { text: '' };
    return { text: '', invalidAt: this.offset };
  }

  private decodeComplete(bytes: Buffer): DecodedChunk {
    const start = this.offset;
    this.offset += bytes.length;
    if (isUtf8(bytes)) return { text: bytes.toString('utf8') };
    const invalid = firstInvalidByte(bytes);
    if (invalid === -1) return { text: bytes.toString('utf8') };
    return { text: bytes.subarray(0, invalid).toString('utf8'), invalidAt: start + invalid };
  }
}

/** Where a multi-byte sequence left incomplete at the end of `bytes` starts (or `bytes.length`). */
function completeLength(bytes: Buffer): number {
  const n = bytes.length;
  for (let i = n - 1; i >= Math.max(0, n - 3); i--) {
    const byte = bytes[i];
    if ((byte & 0xc0) === 0x80) continue;
    const length = byte >= 0xf0 ? 4 : byte >= 0xe0 ? 3 : byte >= 0xc0 ? 2 : 1;
    return n - i < length ? i : n;
  }
  return n;
}

/** The offset of the first byte that does not start a well-formed UTF-8 sequence (RFC 3629), or -1. */
export function firstInvalidByte(bytes: Uint8Array): number {
  const n = bytes.length;
  let i = 0;
  while (i < n) {
    const byte = bytes[i];
    if (byte < 0x80) {
      i++;
      continue;
    }
    const extra =
      byte >= 0xc2 && byte <= 0xdf
        ? 1
        : byte >= 0xe0 && byte <= 0xef
          ? 2
          : byte >= 0xf0 && byte <= 0xf4
            ? 3
            : 0;
    if (extra === 0 || i + extra >= n) return i;
    const second = bytes[i + 1];
    // Overlong forms, UTF-16 surrogates and code points past U+10FFFF.
    if (
      (byte === 0xe0 && second < 0xa0) ||
      (byte === 0xed && second > 0x9f) ||
      (byte === 0xf0 && second < 0x90) ||
      (byte === 0xf4 && second > 0x8f)
    ) {
      return i;
    }
    for (let k = 1; k <= extra; k++) if ((bytes[i + k] & 0xc0) !== 0x80) return i;
    i += extra + 1;
  }
  return -1;
}
