import { sklearnModelFixture } from '../../../test/fixtures/onnx/sklearn-models';
import { describeOnnxModel } from '../../onnx-reader/onnx-model-info';
import { exposeZipMapProbabilities } from '../zipmap-rewrite';

describe('exposeZipMapProbabilities', () => {
  it('outputs the probability tensor that fed ZipMap, and takes its integer labels as strings', () => {
    const { bytes } = sklearnModelFixture('logistic_regression_zipmap.onnx');
    const rewrite = exposeZipMapProbabilities(bytes);
    expect(rewrite.labels).toEqual(['0', '1', '2']);
    const { info } = describeOnnxModel(Buffer.from(rewrite.bytes));
    expect(info.outputs).toEqual([
      { name: 'output_label', type: 'tensor(int64)', elementType: 'int64', shape: [null] },
      { name: 'probabilities', type: 'tensor(float)', elementType: 'float', shape: [null, 3] },
    ]);
    expect(info.inputs).toEqual(describeOnnxModel(bytes).info.inputs);
  });

  it('takes string labels from ZipMap', () => {
    const { bytes } = sklearnModelFixture('random_forest_zipmap.onnx');
    expect(exposeZipMapProbabilities(bytes).labels).toEqual(['setosa', 'versicolor', 'virginica']);
  });

  it('leaves a file without ZipMap as it is', () => {
    const { bytes } = sklearnModelFixture('random_forest_tensor.onnx');
    expect(exposeZipMapProbabilities(bytes)).toEqual({ bytes, labels: null });
  });
});
