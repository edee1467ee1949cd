/**
 * What the Open Inference Protocol answers about a served model: its metadata, and the output tensors of an
 * inference. Classifiers answer `label` (BYTES [N]) and, where the model gives them, `probabilities` (FP64 [N, C],
 * the class labels in its parameters); regressors answer `value` (FP64 [N]). Numbers are FP64 because that is what
 * JSON carries: a float32 output reads as the same number either way.
 */
import { errors } from '../../../lib/errors';
import type { PredictionView } from '../prediction/prediction.service';
import type { Datatype } from './inference-request';

/** Parameter values are strings, numbers or booleans in the protocol: the class labels go as a JSON array text. */
export type Parameters = Record<string, string | number | boolean>;

export interface MetadataTensor {
  name: string;
  datatype: Datatype;
  shape: number[];
  parameters?: Parameters;
}

export interface OutputTensor extends MetadataTensor {
  data: (number | string)[];
}

export interface ModelMetadata {
  name: string;
  versions: string[];
  platform: 'onnx';
  inputs: MetadataTensor[];
  outputs: MetadataTensor[];
}

/** What a served model's metadata is made of: its READY deployment's copy of the version. */
export interface ServedModel {
  name: string;
  version: number;
  taskType: string;
  features: readonly { name: string; type: string }[];
  outputLabels: readonly string[] | null;
}

const labelsParameter = (labels: readonly string[]): Parameters => ({ labels: JSON.stringify(labels) });

/** The tensors the model takes (one per feature, the layout every model accepts here) and answers. */
export function modelMetadata(model: ServedModel): ModelMetadata {
  const classes = model.outputLabels;
  const outputs: MetadataTensor[] =
    model.taskType === 'REGRESSION'
      ? [{ name: 'value', datatype: 'FP64', shape: [-1] }]
      : [
          { name: 'label', datatype: 'BYTES', shape: [-1] },
          {
            name: 'probabilities',
            datatype: 'FP64',
            shape: [-1, classes?.length ?? -1],
            ...(classes ? { parameters: labelsParameter(classes) } : {}),
          },
        ];
  return {
    name: model.name,
    versions: [String(model.version)],
    platform: 'onnx',
    inputs: model.features.map((f) => ({
      name: f.name,
      datatype: f.type === 'CATEGORY' ? 'BYTES' : 'FP64',
      shape: [-1],
    })),
    outputs,
  };
}

/** The names of the outputs a model of this task answers (before any prediction tells more). */
export const outputNames = (taskType: string): string[] =>
  taskType === 'REGRESSION' ? ['value'] : ['label', 'probabilities'];

/** A request's `outputs` must name outputs of the model: BAD_USER_INPUT naming the first that is not. */
export function checkRequestedOutputs(
  requested: readonly string[] | null,
  available: readonly string[],
): void {
  const unknown = requested?.find((name) => !available.includes(name));
  if (unknown !== undefined)
    throw errors.badInput(
      `output "${unknown}" is not an output of the model; its outputs are ${available.join(', ')}`,
      'outputs',
    );
}

/** The output tensors of the predictions, all of them or those `requested`. */
export function outputTensors(
  predictions: readonly PredictionView[],
  requested: readonly string[] | null,
): OutputTensor[] {
  const n = predictions.length;
  const tensors: OutputTensor[] = [];
  if (predictions[0].value !== null) {
    tensors.push({ name: 'value', datatype: 'FP64', shape: [n], data: predictions.map((p) => p.value!) });
  } else {
    tensors.push({ name: 'label', datatype: 'BYTES', shape: [n], data: predictions.map((p) => p.label!) });
    const first = predictions[0].probabilities;
    if (first)
      tensors.push({
        name: 'probabilities',
        datatype: 'FP64',
        shape: [n, first.length],
        parameters: labelsParameter(first.map((p) => p.label)),
        data: predictions.flatMap((p) => p.probabilities!.map((c) => c.probability)),
      });
  }
  checkRequestedOutputs(
    requested,
    tensors.map((t) => t.name),
  );
  return requested ? tensors.filter((t) => requested.includes(t.name)) : tensors;
}
