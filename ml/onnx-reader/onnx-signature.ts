import type { FeatureSpec } from '../feature';
import type { OnnxModelInfo, OnnxValueInfo } from './onnx-model-info';

/** The ONNX file does not fit what the version declared. */
export class SignatureMismatchError extends Error {}

const NUMERIC = new Set([
  'float',
  'double',
  'float16',
  'bfloat16',
  'int8',
  'int16',
  'int32',
  'int64',
  'uint8',
  'uint16',
  'uint32',
  'uint64',
]);
const INTEGER = new Set([...NUMERIC].filter((t) => t.startsWith('int') || t.startsWith('uint')));

const describe = (shape: OnnxValueInfo['shape']) =>
  shape ? `[${shape.map((d) => d ?? 'N').join(', ')}]` : 'unknown';

/**
 * Checks the declared features against the graph's inputs, in the two layouts exporters produce:
 * - one tensor `[N, F]` (PyTorch, skl2onnx with a single FloatTensorType): F must be the number of features; a
 *   string tensor takes only CATEGORY features; a numeric one takes both (categories encoded as numbers);
 * - one input per feature (skl2onnx with a column per input, `[N, 1]`): names must match, a NUMBER feature needs
 *   a numeric tensor, a CATEGORY feature a string or integer one.
 * A dimension the file leaves symbolic cannot be checked and is accepted.
 */
export function checkInputSchema(info: OnnxModelInfo, features: readonly FeatureSpec[]): void {
  const inputs = info.inputs;
  const perFeature = inputs.length > 1 || (features.length === 1 && inputs[0].name === features[0].name);
  if (!perFeature) return checkSingleTensor(inputs[0], features);
  const byName = new Map(inputs.map((i) => [i.name, i]));
  const missing = features.filter((f) => !byName.has(f.name)).map((f) => f.name);
  const declared = new Set(features.map((f) => f.name));
  const extra = inputs.filter((i) => !declared.has(i.name)).map((i) => i.name);
  if (missing.length || extra.length) {
    throw new SignatureMismatchError(
      `the model takes ${inputs.length} inputs (${inputs.map((i) => i.name).join(', ')}) but inputSchema declares ` +
        `${features.length} features` +
        (missing.length ? `; not in the model: ${missing.join(', ')}` : '') +
        (extra.length ? `; not declared: ${extra.join(', ')}` : ''),
    );
  }
  for (const feature of features) {
    const input = byName.get(feature.name)!;
    const element = input.elementType;
    const fits =
      element !== null &&
      (feature.type === 'NUMBER' ? NUMERIC.has(element) : element === 'string' || INTEGER.has(element));
    if (!fits) {
      throw new SignatureMismatchError(
        `feature "${feature.name}" is ${feature.type} but the model's input is ${input.type}`,
      );
    }
    const last = input.shape?.at(-1);
    if (
      input.shape &&
      (input.shape.length > 2 || (input.shape.length === 2 && last !== null && last !== 1))
    ) {
      throw new SignatureMismatchError(
        `input "${input.name}" has shape ${describe(input.shape)}; one value per row was expected ([N, 1])`,
      );
    }
  }
}

function checkSingleTensor(input: OnnxValueInfo, features: readonly FeatureSpec[]): void {
  const element = input.elementType;
  if (element === null || !(NUMERIC.has(element) || element === 'string')) {
    throw new SignatureMismatchError(
      `the model's input "${input.name}" is ${input.type}, not a tensor of features`,
    );
  }
  if (element === 'string' && features.some((f) => f.type === 'NUMBER')) {
    throw new SignatureMismatchError(
      `the model's input "${input.name}" is ${input.type}, which cannot carry NUMBER features`,
    );
  }
  if (!input.shape) return;
  if (input.shape.length !== 2) {
    throw new SignatureMismatchError(
      `the model's input "${input.name}" has shape ${describe(input.shape)}; [N, ${features.length}] was expected`,
    );
  }
  const width = input.shape[1];
  if (width !== null && width !== features.length) {
    throw new SignatureMismatchError(
      `the model's input "${input.name}" has shape ${describe(input.shape)}: it takes ${width} features per row, ` +
        `but inputSchema declares ${features.length}`,
    );
  }
}

/**
 * The labels to record: those the classifier carries, which must equal the declared ones when both exist (same
 * order: probabilities are read by position). Without carried labels, declared labels must match the width of a
 * single `[N, K]` output when the file states K.
 */
export function resolveOutputLabels(
  info: OnnxModelInfo,
  carried: string[] | null,
  declared: string[] | null,
): string[] | null {
  if (carried) {
    if (declared && !sameList(carried, declared)) {
      throw new SignatureMismatchError(
        `outputLabels [${declared.join(', ')}] differ from the labels the model carries [${carried.join(', ')}]`,
      );
    }
    return carried;
  }
  if (declared && info.outputs.length === 1) {
    const shape = info.outputs[0].shape;
    const width = shape?.length === 2 ? shape[1] : null;
    if (width !== null && width !== declared.length) {
      throw new SignatureMismatchError(
        `outputLabels has ${declared.length} labels but the model's output "${info.outputs[0].name}" has ` +
          `shape ${describe(shape)}`,
      );
    }
  }
  return declared;
}

const sameList = (a: readonly string[], b: readonly string[]) =>
  a.length === b.length && a.every((value, i) => value === b[i]);
