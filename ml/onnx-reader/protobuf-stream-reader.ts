/** A protobuf wire-format error: the bytes are not the message they claim to be. */
export class WireFormatError extends Error {}

/**
 * Reads a byte stream front to back for a protobuf parser, holding only the current chunk. Every chunk is handed
 * to `onChunk` exactly once as it arrives (hashing and counting happen there), whatever the parser keeps or skips.
 * The `*Sync` methods answer from the current chunk or return undefined, so a parser only awaits at chunk ends.
 */
export class ProtobufStreamReader {
  private chunk: Buffer = Buffer.alloc(0);
  private offset = 0;
  private ended = false;
  /** Bytes consumed so far. */
  position = 0;

  constructor(
    private readonly source: AsyncIterator<Buffer | Uint8Array | string>,
    private readonly onChunk: (chunk: Buffer) => void = () => {},
  ) {}

  /** True when every byte has been consumed. */
  async atEnd(): Promise<boolean> {
    return !(await this.ensureData());
  }

  varintSync(): { value: number; bytes: Buffer } | undefined {
    const end = Math.min(this.chunk.length, this.offset + 10);
    let value = 0;
    let multiplier = 1;
    for (let i = this.offset; i < end; i++) {
      const byte = this.chunk[i];
      value += (byte & 0x7f) * multiplier;
      multiplier *= 128;
      if (byte < 0x80) {
        const bytes = this.chunk.subarray(this.offset, i + 1);
        this.advance(i + 1 - this.offset);
        return { value, bytes };
      }
    }
    if (end - this.offset === 10) throw new WireFormatError('varint longer than 10 bytes');
    return undefined;
  }

  /** A varint as a number (exact up to 2^53, enough for tags and lengths) with its raw bytes. */
  async varint(): Promise<{ value: number; bytes: Buffer }> {
    const fast = this.varintSync();
    if (fast) return fast;
    const raw: number[] = [];
    let value = 0;
    let multiplier = 1;
    for (;;) {
      if (!(await this.ensureData())) throw new WireFormatError('truncated varint');
      const byte = this.chunk[this.offset];
      this.advance(1);
      raw.push(byte);
      value += (byte & 0x7f) * multiplier;
      multiplier *= 128;
      if (byte < 0x80) return { value, bytes: Buffer.from(raw) };
      if (raw.length === 10) throw new WireFormatError('varint longer than 10 bytes');
    }
  }

  /**
   * The next `length` bytes, copied out of the stream. Gathered as they arrive rather than allocated up front: a
   * length read from hostile bytes can claim gigabytes that the stream does not hold (a truncated field, not a
   * failed allocation).
   */
  async bytes(length: number): Promise<Buffer> {
    if (this.chunk.length - this.offset >= length) {
      const out = Buffer.from(this.chunk.subarray(this.offset, this.offset + length));
      this.advance(length);
      return out;
    }
    const parts: Buffer[] = [];
    let filled = 0;
    while (filled < length) {
      if (!(await this.ensureData())) throw new WireFormatError('truncated field');
      const take = Math.min(length - filled, this.chunk.length - this.offset);
      parts.push(Buffer.from(this.chunk.subarray(this.offset, this.offset + take)));
      this.advance(take);
      filled += take;
    }
    return Buffer.concat(parts, length);
  }

  /** Passes over `length` bytes without keeping them. */
  async skip(length: number): Promise<void> {
    let left = length;
    while (left > 0) {
      if (!(await this.ensureData())) throw new WireFormatError('truncated field');
      const take = Math.min(left, this.chunk.length - this.offset);
      this.advance(take);
      left -= take;
    }
  }

  private advance(count: number): void {
    this.offset += count;
    this.position += count;
  }

  private async ensureData(): Promise<boolean> {
    while (this.offset >= this.chunk.length) {
      if (this.ended) return false;
      const next = await this.source.next();
      if (next.done) {
        this.ended = true;
        return false;
      }
      this.chunk = asBuffer(next.value);
      this.offset = 0;
      this.onChunk(this.chunk);
    }
    return true;
  }
}

// Buffer.from(buffer) would copy every chunk; a view is enough.
function asBuffer(value: Buffer | Uint8Array | string): Buffer {
  if (Buffer.isBuffer(value)) return value;
  if (typeof value === 'string') return Buffer.from(value);
  return Buffer.from(value.buffer, value.byteOffset, value.byteLength);
}
