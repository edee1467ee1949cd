import {
  featureDrift,
  type DriftThresholds,
  type FeatureDriftResult,
  type FeatureKind,
} from '../../../ml/drift';
import type { CurrentWindow } from './drift-window';
import { DriftReport } from './drift-report.entity';
import type { ReferenceSample } from './reference-sample.entity';

/**
 * Compares the window with the reference, feature by feature in the version's input order. A row's missing value
 * (null, or a number where a category is expected and vice versa) is left out of that feature's comparison, as
 * missing values are left out of the reference.
 */
export function computeReport(
  organizationId: string,
  modelId: string,
  window: CurrentWindow,
  reference: ReferenceSample,
  thresholds: DriftThresholds,
): DriftReport {
  const features = reference.features.map((feature) => {
    const current: (number | string)[] = [];
    for (const row of window.rows) {
      const value = row[feature.name];
      if (feature.kind === 'NUMERIC' ? typeof value === 'number' && Number.isFinite(value) : value != null)
        current.push(feature.kind === 'NUMERIC' ? (value as number) : String(value));
    }
    const referenceValues = reference.columns[feature.name] ?? [];
    // Nothing to compare (every value missing on one side): no evidence of drift, rather than NaN.
    if (!current.length || !referenceValues.length) return noEvidence(feature.name, feature.kind);
    return featureDrift(feature.name, feature.kind, referenceValues, current, thresholds);
  });
  return Object.assign(new DriftReport(), {
    organizationId,
    modelId,
    versionId: window.versionId,
    sampleSize: window.rows.length,
    referenceSize: reference.rowCount,
    drifted: features.some((f) => f.drifted),
    features,
  });
}

function noEvidence(feature: string, kind: FeatureKind): FeatureDriftResult {
  return { feature, kind, psi: 0, ksStatistic: 0, chiSquareStatistic: null, pValue: 1, drifted: false };
}
