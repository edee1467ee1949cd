import { TestEnvironment } from 'jest-environment-node';

/**
 * Jest's node environment for tests that run onnxruntime-node. The native binding creates output tensors from
 * Node's own typed arrays, while onnxruntime-common (loaded in the test's sandbox) checks them with `instanceof`
 * against the sandbox's constructors and throws "A float64 tensor's data must be type of Float64Array". Giving
 * the sandbox Node's typed-array constructors, as Jest already does for Uint8Array, makes both sides agree.
 * Use with a `@jest-environment ./test/onnxruntime-environment.ts` docblock.
 */
const TYPED_ARRAYS = [
  'Int8Array',
  'Uint8Array',
  'Uint8ClampedArray',
  'Int16Array',
  'Uint16Array',
  'Int32Array',
  'Uint32Array',
  'Float32Array',
  'Float64Array',
  'BigInt64Array',
  'BigUint64Array',
] as const;

export default class OnnxRuntimeEnvironment extends TestEnvironment {
  constructor(...args: ConstructorParameters<typeof TestEnvironment>) {
    super(...args);
    for (const name of TYPED_ARRAYS) this.global[name] = globalThis[name] as never;
  }
}
