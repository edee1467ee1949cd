/** How a model takes a feature: API.md's FeatureType. Datasets, trainers, ONNX files and deployments share it. */
export const featureTypes = ['NUMBER', 'CATEGORY'] as const;
export type FeatureType = (typeof featureTypes)[number];

/** One named feature a model takes, in the order it takes them. */
export interface FeatureSpec {
  name: string;
  type: FeatureType;
}
