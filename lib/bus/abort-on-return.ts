/**
 * The generator as a subscription's iterator whose return() and throw() abort `subscription` first. A generator's
 * return() waits for its pending next(), which waits for the next bus message: aborting the bus subscription
 * first ends that next() now, so a client that leaves a quiet topic frees everything at once.
 */
export function abortOnReturn<T>(
  generator: AsyncGenerator<T>,
  subscription: AbortController,
): AsyncIterableIterator<T> {
  const iterator: AsyncIterableIterator<T> = {
    next: () => generator.next(),
    return: (value?: unknown) => {
      subscription.abort();
      return generator.return(value as never);
    },
    throw: (error?: unknown) => {
      subscription.abort();
      return generator.throw(error);
    },
    [Symbol.asyncIterator]: () => iterator,
  };
  return iterator;
}
