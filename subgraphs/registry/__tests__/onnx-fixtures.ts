import type { onnx } from 'onnx-proto';
import { attribute, DataType, encodeModel, range, tensorValue, zipMapValue } from './onnx-builders';

export { attribute, DataType, encodeModel, tensorValue } from './onnx-builders';
export { pytorchMlpOnnx } from './onnx-pytorch-fixtures';

/**
 * Real ONNX files for tests, built with the structure skl2onnx and torch.onnx.export give them: ai.onnx.ml
 * operators with class labels and ZipMap outputs (sequence of maps) for scikit-learn, Gemm/Relu/Softmax with
 * weights as initializers and a symbolic batch dimension for PyTorch.
 */

const ML = 'ai.onnx.ml';
const SKL2ONNX = { irVersion: 8, producerName: 'skl2onnx', producerVersion: '1.16.0', domain: 'ai.onnx' };
const SKLEARN_OPSETS = [
  { domain: '', version: 17 },
  { domain: ML, version: 1 },
];

function labelAttribute(labels: readonly (string | number)[]) {
  return typeof labels[0] === 'number'
    ? attribute.ints('classlabels_int64s', labels as number[])
    : attribute.strings('classlabels_strings', labels as string[]);
}

/** The classifier head skl2onnx writes after a linear or tree classifier: Normalizer, Cast and ZipMap. */
function classifierOutputs(labels: readonly (string | number)[], normalize: boolean) {
  const numeric = typeof labels[0] === 'number';
  const nodes: onnx.INodeProto[] = [
    normalize
      ? {
          opType: 'Normalizer',
          domain: ML,
          input: ['probability_tensor'],
          output: ['probabilities'],
          name: 'Normalizer',
          attribute: [attribute.string('norm', 'L1')],
        }
      : { opType: 'Identity', input: ['probability_tensor'], output: ['probabilities'], name: 'Identity' },
    {
      opType: 'Cast',
      input: ['label'],
      output: ['output_label'],
      name: 'Cast',
      attribute: [attribute.int('to', numeric ? DataType.INT64 : DataType.STRING)],
    },
    {
      opType: 'ZipMap',
      domain: ML,
      input: ['probabilities'],
      output: ['output_probability'],
      name: 'ZipMap',
      attribute: [labelAttribute(labels)],
    },
  ];
  const outputs = [
    tensorValue('output_label', numeric ? DataType.INT64 : DataType.STRING, [null]),
    zipMapValue('output_probability', numeric ? DataType.INT64 : DataType.STRING),
  ];
  return { nodes, outputs };
}

/** `to_onnx(LogisticRegression(), initial_types=[('float_input', FloatTensorType([None, F]))])`. */
export function logisticRegressionOnnx(options: {
  features: number;
  labels: readonly (string | number)[];
}): Buffer {
  const { features, labels } = options;
  const classes = labels.length;
  const head = classifierOutputs(labels, true);
  return encodeModel({
    ...SKL2ONNX,
    opsetImport: SKLEARN_OPSETS,
    graph: {
      name: 'LogisticRegression',
      input: [tensorValue('float_input', DataType.FLOAT, [null, features])],
      node: [
        {
          opType: 'LinearClassifier',
          domain: ML,
          name: 'LinearClassifier',
          input: ['float_input'],
          output: ['label', 'probability_tensor'],
          attribute: [
            labelAttribute(labels),
            attribute.floats(
              'coefficients',
              range(classes * features, (i) => ((i % 7) - 3) / 10),
            ),
            attribute.floats(
              'intercepts',
              range(classes, (i) => i / 10),
            ),
            attribute.int('multi_class', 1),
            attribute.string('post_transform', 'LOGISTIC'),
          ],
        },
        ...head.nodes,
      ],
      output: head.outputs,
    },
  });
}

/** `to_onnx(RandomForestClassifier(n_estimators=T, max_depth=D), …)`: full binary trees of depth D. */
export function randomForestOnnx(options: {
  features: number;
  labels: readonly (string | number)[];
  trees?: number;
  depth?: number;
}): Buffer {
  const { features, labels, trees = 3, depth = 2 } = options;
  const a: Record<string, number[]> = {};
  const push = (key: string, value: number) => (a[key] ??= []).push(value);
  for (let tree = 0; tree < trees; tree++) {
    const nodes = 2 ** (depth + 1) - 1;
    for (let node = 0; node < nodes; node++) {
      const leaf = node >= 2 ** depth - 1;
      push('nodes_treeids', tree);
      push('nodes_nodeids', node);
      push('nodes_featureids', leaf ? 0 : (tree + node) % features);
      push('nodes_values', leaf ? 0 : (node % 5) / 5);
      push('nodes_truenodeids', leaf ? 0 : 2 * node + 1);
      push('nodes_falsenodeids', leaf ? 0 : 2 * node + 2);
      push('nodes_hitrates', 1);
      push('nodes_missing_value_tracks_true', 0);
      if (leaf) {
        for (let c = 0; c < labels.length; c++) {
          push('class_treeids', tree);
          push('class_nodeids', node);
          push('class_ids', c);
          push('class_weights', ((node + c) % labels.length) / (labels.length * trees));
        }
      }
    }
  }
  const modes = Array<string>(a.nodes_nodeids.length).fill('BRANCH_LEQ');
  a.nodes_truenodeids.forEach((t, i) => (modes[i] = t === 0 ? 'LEAF' : 'BRANCH_LEQ'));
  const floatsKeys = new Set(['nodes_values', 'nodes_hitrates', 'class_weights']);
  const head = classifierOutputs(labels, false);
  return encodeModel({
    ...SKL2ONNX,
    opsetImport: SKLEARN_OPSETS,
    graph: {
      name: 'RandomForestClassifier',
      input: [tensorValue('input', DataType.FLOAT, [null, features])],
      node: [
        {
          opType: 'TreeEnsembleClassifier',
          domain: ML,
          name: 'TreeEnsembleClassifier',
          input: ['input'],
          output: ['label', 'probability_tensor'],
          attribute: [
            labelAttribute(labels),
            attribute.strings('nodes_modes', modes),
            attribute.string('post_transform', 'NONE'),
            ...Object.entries(a).map(([key, values]) =>
              floatsKeys.has(key) ? attribute.floats(key, values) : attribute.ints(key, values),
            ),
          ],
        },
        ...head.nodes,
      ],
      output: head.outputs,
    },
  });
}

/** `to_onnx(LinearRegression(), initial_types=[('float_input', FloatTensorType([None, F]))])`. */
export function linearRegressionOnnx(options: { features: number }): Buffer {
  return encodeModel({
    ...SKL2ONNX,
    opsetImport: SKLEARN_OPSETS,
    graph: {
      name: 'LinearRegression',
      input: [tensorValue('float_input', DataType.FLOAT, [null, options.features])],
      node: [
        {
          opType: 'LinearRegressor',
          domain: ML,
          name: 'LinearRegressor',
          input: ['float_input'],
          output: ['variable'],
          attribute: [
            attribute.floats(
              'coefficients',
              range(options.features, (i) => i + 0.5),
            ),
            attribute.floats('intercepts', [1.5]),
          ],
        },
      ],
      output: [tensorValue('variable', DataType.FLOAT, [null, 1])],
    },
  });
}

/** A ColumnTransformer pipeline exported with one input per column: numbers pass, strings are one-hot encoded. */
export function columnPipelineRegressorOnnx(
  columns: { name: string; type: 'NUMBER' | 'CATEGORY' }[],
): Buffer {
  const nodes: onnx.INodeProto[] = [];
  const parts = columns.map((column) => {
    if (column.type === 'NUMBER') return column.name;
    nodes.push({
      opType: 'OneHotEncoder',
      domain: ML,
      name: `OneHotEncoder_${column.name}`,
      input: [column.name],
      output: [`${column.name}_onehot`],
      attribute: [attribute.strings('cats_strings', ['a', 'b', 'c']), attribute.int('zeros', 1)],
    });
    return `${column.name}_onehot`;
  });
  const width = columns.reduce((sum, c) => sum + (c.type === 'NUMBER' ? 1 : 3), 0);
  nodes.push(
    {
      opType: 'Concat',
      name: 'Concat',
      input: parts,
      output: ['merged'],
      attribute: [attribute.int('axis', 1)],
    },
    {
      opType: 'LinearRegressor',
      domain: ML,
      name: 'LinearRegressor',
      input: ['merged'],
      output: ['variable'],
      attribute: [
        attribute.floats(
          'coefficients',
          range(width, () => 1),
        ),
        attribute.floats('intercepts', [0]),
      ],
    },
  );
  return encodeModel({
    ...SKL2ONNX,
    opsetImport: SKLEARN_OPSETS,
    graph: {
      name: 'pipeline',
      input: columns.map((c) =>
        tensorValue(c.name, c.type === 'NUMBER' ? DataType.FLOAT : DataType.STRING, [null, 1]),
      ),
      node: nodes,
      output: [tensorValue('variable', DataType.FLOAT, [null, 1])],
    },
  });
}
