const PI_SQUARED = Math.PI ** 2;
const PI_FOUR = Math.PI ** 4;
const PI_SIX = Math.PI ** 6;
const SQRT_2PI = Math.sqrt(2 * Math.PI);
const SQRT3 = Math.sqrt(3);
const MIN_LOG = -708;

/**
 * The Pelz–Good (1976) approximation of Pr(D_n <= x): Li-Chien and Korolyuk's K0 + K1/√n + K2/n + K3/n^1.5 in
 * the Jacobi-theta form suited to small z = x√n, term for term as scipy's `_kolmogn_PelzGood`. scipy uses it only
 * for n > 100,000 or n·x^1.5 > 1.4, where it is accurate to double precision in practice.
 */
export function pelzGoodCdf(n: number, x: number): number {
  if (x <= 0) return 0;
  if (x >= 1) return 1;
  const z = Math.sqrt(n) * x;
  const z2 = z ** 2;
  const z4 = z ** 4;
  const z6 = z ** 6;
  const qlog = -PI_SQUARED / 8 / z2;
  if (qlog < MIN_LOG) return 0;
  const q = Math.exp(qlog);
  const maxk = Math.ceil((16 * z) / Math.PI);
  const k = [0, 0, 0, 0];
  for (let j = maxk; j > 0; j--) {
    const m = 2 * j - 1;
    const m2 = m ** 2;
    const m4 = m ** 4;
    const m6 = m ** 6;
    const qPower = q ** (8 * j);
    const coefficients = [
      1,
      -z2 + (PI_SQUARED / 4) * m2,
      6 * z6 + 2 * z4 + (((2 * z4 - 5 * z2) * PI_SQUARED) / 4) * m2 + ((PI_FOUR * (1 - 2 * z2)) / 16) * m4,
      -30 * z6 -
        90 * z ** 8 +
        ((PI_SQUARED * (135 * z4 - 96 * z6)) / 4) * m2 +
        ((PI_FOUR * (-60 * z2 + 212 * z4)) / 16) * m4 +
        ((PI_SIX * (5 - 30 * z2)) / 64) * m6,
    ];
    for (let i = 0; i < 4; i++) k[i] = k[i] * qPower + coefficients[i];
  }
  const denominators = [z, 6 * z4, 72 * z ** 7, 6480 * z ** 10];
  for (let i = 0; i < 4; i++) k[i] = (k[i] * q * SQRT_2PI) / denominators[i];
  addThetaCorrections(k, z, maxk);
  let sum = 0;
  for (let i = 0; i < 4; i++) sum += k[i] / n ** (i / 2);
  return sum;
}

/** The extra sums over exp(−π²k²/2z²) that K2 and K3 carry. */
function addThetaCorrections(k: number[], z: number, maxk: number): void {
  const q = Math.exp(-PI_SQUARED / 2 / z ** 2);
  const sqrt3z = SQRT3 * z;
  let k2Extra = 0;
  let k3Extra = 0;
  for (let j = maxk; j > 0; j--) {
    const j2 = j ** 2;
    const qPower = q ** j2;
    const jPi = Math.PI * j;
    k2Extra += j2 * qPower;
    k3Extra += (sqrt3z + jPi) * (sqrt3z - jPi) * j2 * qPower;
  }
  k[2] += (k2Extra * PI_SQUARED * SQRT_2PI) / (-36 * z ** 3);
  k[3] += (k3Extra * PI_SQUARED * SQRT_2PI) / (216 * z ** 6);
}
