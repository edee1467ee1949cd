import type { onnx } from 'onnx-proto';
import { attribute, DataType, encodeModel, tensorValue } from './onnx-builders';

function floatInitializer(name: string, dims: number[], seed: number): onnx.ITensorProto {
  const values = new Float32Array(dims.reduce((n, d) => n * d, 1)).map((_, i) => Math.sin(i + seed) / 4);
  return { name, dims, dataType: DataType.FLOAT, rawData: Buffer.from(values.buffer) };
}

/**
 * `torch.onnx.export(nn.Sequential(Linear(F, H), ReLU(), Linear(H, C), Softmax(dim=1)), x, dynamic_axes={batch})`.
 * `legacyInitializerInputs` lists the weights among the graph inputs, as exporters did before IR version 4.
 */
export function pytorchMlpOnnx(options: {
  features: number;
  hidden?: number;
  classes: number;
  legacyInitializerInputs?: boolean;
}): Buffer {
  const { features, hidden = 8, classes } = options;
  const initializer = [
    floatInitializer('fc1.weight', [hidden, features], 1),
    floatInitializer('fc1.bias', [hidden], 2),
    floatInitializer('fc2.weight', [classes, hidden], 3),
    floatInitializer('fc2.bias', [classes], 4),
  ];
  const weightInputs = options.legacyInitializerInputs
    ? initializer.map((t) => tensorValue(t.name!, DataType.FLOAT, t.dims as number[]))
    : [];
  return encodeModel({
    irVersion: options.legacyInitializerInputs ? 3 : 8,
    producerName: 'pytorch',
    producerVersion: '2.1.0',
    opsetImport: [{ domain: '', version: 17 }],
    graph: {
      name: 'main_graph',
      initializer,
      input: [tensorValue('input', DataType.FLOAT, ['batch_size', features]), ...weightInputs],
      node: [
        {
          opType: 'Gemm',
          name: '/fc1/Gemm',
          input: ['input', 'fc1.weight', 'fc1.bias'],
          output: ['/fc1/Gemm_output_0'],
          attribute: [attribute.float('alpha', 1), attribute.float('beta', 1), attribute.int('transB', 1)],
        },
        {
          opType: 'Relu',
          name: '/relu/Relu',
          input: ['/fc1/Gemm_output_0'],
          output: ['/relu/Relu_output_0'],
        },
        {
          opType: 'Gemm',
          name: '/fc2/Gemm',
          input: ['/relu/Relu_output_0', 'fc2.weight', 'fc2.bias'],
          output: ['/fc2/Gemm_output_0'],
          attribute: [attribute.float('alpha', 1), attribute.float('beta', 1), attribute.int('transB', 1)],
        },
        {
          opType: 'Softmax',
          name: '/softmax/Softmax',
          input: ['/fc2/Gemm_output_0'],
          output: ['output'],
          attribute: [attribute.int('axis', 1)],
        },
      ],
      output: [tensorValue('output', DataType.FLOAT, ['batch_size', classes])],
    },
  });
}
