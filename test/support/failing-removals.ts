import type { ObjectStore } from '../../lib/object-store/object-store';

/**
 * Makes an object store's removals fail on demand, as S3 does during an outage: set `failures` to the number of
 * removals that should throw next. Pass `decorate` as the harness's `objectStore` option.
 */
export function failingRemovals() {
  const control = {
    /** How many of the next removals throw. */
    failures: 0,
    /** Every removal attempted, failed or not. */
    calls: 0,
    decorate: (store: ObjectStore): ObjectStore => {
      const wrapped: ObjectStore = Object.create(store) as ObjectStore;
      wrapped.removeObjects = async (bucket, keys) => {
        control.calls++;
        if (control.failures > 0) {
          control.failures--;
          throw new Error('S3 is unavailable');
        }
        return store.removeObjects(bucket, keys);
      };
      return wrapped;
    },
  };
  return control;
}
