/**
 * Adam (Kingma & Ba, 2015): per-parameter step sizes make one default learning rate work across datasets
 * whose gradients differ by orders of magnitude, which plain SGD does not.
 */
export interface AdamOptions {
  learningRate: number;
  /** @default 0.9 */
  beta1?: number;
  /** @default 0.999 */
  beta2?: number;
  /** @default 1e-8 */
  epsilon?: number;
}

export class Adam {
  private readonly firstMoments: Float64Array[];
  private readonly secondMoments: Float64Array[];
  private step = 0;
  private readonly beta1: number;
  private readonly beta2: number;
  private readonly epsilon: number;

  constructor(
    private readonly parameters: Float64Array[],
    private readonly options: AdamOptions,
  ) {
    this.firstMoments = parameters.map((p) => new Float64Array(p.length));
    this.secondMoments = parameters.map((p) => new Float64Array(p.length));
    this.beta1 = options.beta1 ?? 0.9;
    this.beta2 = options.beta2 ?? 0.999;
    this.epsilon = options.epsilon ?? 1e-8;
  }

  /** Applies one update; `gradients[i]` matches `parameters[i]` element for element. */
  update(gradients: Float64Array[]): void {
    this.step++;
    const { beta1, beta2, epsilon } = this;
    // Bias correction folded into the step size, as in the paper's efficient form.
    const stepSize =
      (this.options.learningRate * Math.sqrt(1 - beta2 ** this.step)) / (1 - beta1 ** this.step);
    for (let k = 0; k < this.parameters.length; k++) {
      const p = this.parameters[k];
      const g = gradients[k];
      const m = this.firstMoments[k];
      const v = this.secondMoments[k];
      for (let i = 0; i < p.length; i++) {
        m[i] = beta1 * m[i] + (1 - beta1) * g[i];
        v[i] = beta2 * v[i] + (1 - beta2) * g[i] * g[i];
        p[i] -= (stepSize * m[i]) / (Math.sqrt(v[i]) + epsilon);
      }
    }
  }
}
