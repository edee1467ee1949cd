/**
 * How many seconds a presigned URL has left, whichever store signed it: S3's SigV4 URLs carry their lifetime
 * (`X-Amz-Expires`, counted from `X-Amz-Date`), the embedded store's their expiry time (`expires`, Unix seconds).
 * Compare it with the lifetime asked for within a second or two, not exactly: time passes between signing and reading.
 */
export function secondsLeft(url: string): number {
  const query = new URL(url).searchParams;
  const lifetime = query.get('X-Amz-Expires');
  const signedAt = query.get('X-Amz-Date');
  if (lifetime && signedAt) {
    const start = Date.parse(
      signedAt.replace(/^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/, '$1-$2-$3T$4:$5:$6Z'),
    );
    return Number(lifetime) - (Date.now() - start) / 1000;
  }
  const expires = query.get('expires');
  if (!expires) throw new Error('not a presigned URL: it carries no lifetime');
  return Number(expires) - Date.now() / 1000;
}

/**
 * Expects `url` to be presigned for `seconds`, signed just now: its time left is within a few seconds of it.
 */
export function expectPresignedFor(url: string, seconds: number): void {
  const left = secondsLeft(url);
  expect(left).toBeGreaterThan(seconds - 5);
  expect(left).toBeLessThanOrEqual(seconds + 1);
}
