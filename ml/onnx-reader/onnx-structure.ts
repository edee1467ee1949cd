import type { ProtobufStreamReader } from './protobuf-stream-reader';
import { WireFormatError } from './protobuf-stream-reader';

/**
 * What to do with a field: keep its bytes, descend into it (a message whose fields have rules of their own), or
 * decide from the text of the message's field 1 read so far (its `name` in ONNX messages). Unlisted fields are
 * skipped without being held.
 */
type FieldRule = 'keep' | MessageRule | ((name: string | undefined) => 'keep' | 'skip');
interface MessageRule {
  fields: Record<number, FieldRule>;
}

// Field numbers from onnx.proto (IR version 8).
const TENSOR_NAME_ONLY: MessageRule = { fields: { 8: 'keep' } };
/** Only class-label lists are kept: tree ensembles' other lists (nodes_*) can run into millions of entries. */
const classLabelLists = (name: string | undefined) => (name?.startsWith('classlabels') ? 'keep' : 'skip');
const ATTRIBUTE: MessageRule = {
  fields: {
    1: 'keep',
    2: 'keep',
    3: 'keep',
    4: 'keep',
    20: 'keep',
    7: classLabelLists,
    8: classLabelLists,
    9: classLabelLists,
  },
};
const NODE: MessageRule = { fields: { 1: 'keep', 2: 'keep', 3: 'keep', 4: 'keep', 7: 'keep', 5: ATTRIBUTE } };
const GRAPH: MessageRule = {
  fields: {
    1: NODE,
    2: 'keep',
    5: TENSOR_NAME_ONLY,
    15: { fields: { 1: TENSOR_NAME_ONLY } },
    11: 'keep',
    12: 'keep',
  },
};
const MODEL: MessageRule = {
  fields: { 1: 'keep', 2: 'keep', 3: 'keep', 4: 'keep', 5: 'keep', 8: 'keep', 14: 'keep', 7: GRAPH },
};

const WireType = { Varint: 0, Fixed64: 1, LengthDelimited: 2, Fixed32: 5 } as const;

/** The structure would take more memory than allowed. */
export class StructureTooLargeError extends Error {}

/**
 * Reads a serialized ONNX ModelProto from a stream and returns a smaller ModelProto holding only its structure:
 * IR version, producer, opsets, metadata, and the graph's nodes (with class-label attributes), inputs, outputs and
 * initializer names. Weights (initializer data, constant tensors, subgraphs) are skipped as they stream past, so
 * memory is bounded by `maxRetainedBytes`, not by the file: a 1 GB model costs what its graph description costs.
 * Throws WireFormatError when the bytes are not a well-formed protobuf message.
 */
export async function readOnnxStructure(
  reader: ProtobufStreamReader,
  maxRetainedBytes: number,
): Promise<Buffer> {
  let retained = 0;
  const reserve = (bytes: number) => {
    retained += bytes;
    if (retained > maxRetainedBytes) {
      throw new StructureTooLargeError(
        `the graph structure (without weights) is larger than ${maxRetainedBytes} bytes`,
      );
    }
  };
  const retain = (parts: Buffer[], ...buffers: Buffer[]) => {
    for (const buffer of buffers) {
      reserve(buffer.length);
      parts.push(buffer);
    }
  };

  const readMessage = async (rule: MessageRule, end: number): Promise<Buffer> => {
    const parts: Buffer[] = [];
    let name: string | undefined;
    while (end === Infinity ? !(await reader.atEnd()) : reader.position < end) {
      const tag = reader.varintSync() ?? (await reader.varint());
      const field = Math.floor(tag.value / 8);
      const wireType = tag.value % 8;
      if (field === 0) throw new WireFormatError('field number 0');
      const fieldRule = rule.fields[field];
      const action = typeof fieldRule === 'function' ? fieldRule(name) : (fieldRule ?? 'skip');
      if (wireType === WireType.Varint) {
        const value = reader.varintSync() ?? (await reader.varint());
        if (action === 'keep') retain(parts, tag.bytes, value.bytes);
      } else if (wireType === WireType.Fixed64 || wireType === WireType.Fixed32) {
        const size = wireType === WireType.Fixed64 ? 8 : 4;
        if (action === 'keep') retain(parts, tag.bytes, await reader.bytes(size));
        else await reader.skip(size);
      } else if (wireType === WireType.LengthDelimited) {
        const length = reader.varintSync() ?? (await reader.varint());
        const fieldEnd = reader.position + length.value;
        if (fieldEnd > end) throw new WireFormatError(`field ${field} runs past the end of its message`);
        if (typeof action === 'object') {
          const inner = await readMessage(action, fieldEnd);
          retain(parts, tag.bytes, encodeVarint(inner.length), inner);
        } else if (action === 'keep') {
          retain(parts, tag.bytes, length.bytes);
          // Never held when it would not fit: passed over first (a length claimed by hostile bytes ends in a
          // truncated field), then refused as too large.
          if (retained + length.value > maxRetainedBytes) await reader.skip(length.value);
          reserve(length.value);
          const data = await reader.bytes(length.value);
          parts.push(data);
          if (field === 1) name = data.toString('utf8');
        } else {
          await reader.skip(length.value);
        }
      } else {
        // Groups (3, 4) are deprecated and never used by ONNX; 6 and 7 do not exist.
        throw new WireFormatError(`wire type ${wireType} in field ${field}`);
      }
      if (typeof action === 'object' && wireType !== WireType.LengthDelimited) {
        throw new WireFormatError(`field ${field} should be a message`);
      }
      if (reader.position > end) throw new WireFormatError(`field ${field} runs past the end of its message`);
    }
    return Buffer.concat(parts);
  };

  return readMessage(MODEL, Infinity);
}

function encodeVarint(value: number): Buffer {
  const bytes: number[] = [];
  let rest = value;
  while (rest >= 0x80) {
    bytes.push((rest % 0x80) | 0x80);
    rest = Math.floor(rest / 0x80);
  }
  bytes.push(rest);
  return Buffer.from(bytes);
}
