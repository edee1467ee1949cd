import { createHash } from 'node:crypto';
import type { Readable } from 'node:stream';
import { describeOnnxModel, OnnxModelError, type DescribedOnnxModel } from './onnx-model-info';
import { readOnnxStructure, StructureTooLargeError } from './onnx-structure';
import { ProtobufStreamReader, WireFormatError } from './protobuf-stream-reader';

/**
 * How much of an ONNX file's structure (everything but weights) is held in memory to validate it. Real graphs take
 * kilobytes to a few megabytes (a 500-tree forest keeps only its labels: node lists are skipped); a file whose
 * structure is larger is refused rather than allowed to exhaust the registry's memory.
 */
export const DEFAULT_MAX_STRUCTURE_BYTES = 64 * 1024 * 1024;

export type OnnxInspection =
  | { valid: true; sizeBytes: number; sha256: string; model: DescribedOnnxModel }
  | { valid: false; reason: string };

/**
 * Reads the file once: size and SHA-256 over every byte, and the ONNX structure parsed from the same pass (weights
 * skipped as they stream by). Memory stays bounded whatever the file size. Stops reading at the first byte that
 * makes the file invalid.
 */
export async function inspectOnnxStream(
  stream: Readable,
  maxStructureBytes = DEFAULT_MAX_STRUCTURE_BYTES,
): Promise<OnnxInspection> {
  const hash = createHash('sha256');
  let sizeBytes = 0;
  const reader = new ProtobufStreamReader(stream[Symbol.asyncIterator](), (chunk) => {
    hash.update(chunk);
    sizeBytes += chunk.length;
  });
  try {
    const structure = await readOnnxStructure(reader, maxStructureBytes);
    const model = describeOnnxModel(structure);
    return { valid: true, sizeBytes, sha256: hash.digest('hex'), model };
  } catch (error) {
    if (error instanceof WireFormatError) {
      return { valid: false, reason: `not an ONNX model (malformed protobuf: ${error.message})` };
    }
    if (error instanceof StructureTooLargeError || error instanceof OnnxModelError) {
      return { valid: false, reason: error.message };
    }
    throw error;
  } finally {
    // An early return leaves the rest of the object unread; drop the connection instead of draining it.
    stream.destroy();
  }
}
