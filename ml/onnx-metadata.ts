/**
 * What mlaas's exporter writes into an ONNX file besides the graph, and what its reader trusts again: the one
 * place both sides take the names from, so that a renamed key cannot silently stop the reader finding labels.
 */
export const MLAAS_PRODUCER = 'mlaas';

/** Keys of `metadata_props`: the algorithm, the features (JSON [{name, type}]) and, for classifiers, the labels. */
export const METADATA_KEYS = { algorithm: 'algorithm', features: 'features', labels: 'labels' } as const;

/** Output names of an exported model: classifiers give `label` and `probabilities`, regressors `prediction`. */
export const ONNX_OUTPUTS = {
  label: 'label',
  probabilities: 'probabilities',
  prediction: 'prediction',
} as const;
