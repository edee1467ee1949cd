/** A bucket or key that cannot name a file inside the store's directory. */
export class InvalidObjectNameError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'InvalidObjectNameError';
  }
}

/** S3's bucket rule, which also keeps bucket folders apart from the store's own dot-folders. */
const BUCKET_NAME = /^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/;
/** S3's limit on a key, in UTF-8 bytes. */
const MAX_KEY_BYTES = 1024;
/** Most file systems' limit on one name. */
const MAX_SEGMENT_BYTES = 255;

export function checkBucketName(bucket: string): void {
  if (!BUCKET_NAME.test(bucket)) throw new InvalidObjectNameError('invalid bucket name');
}

/**
 * Checks that a key maps to exactly one file below its bucket's folder: relative, at most 1024 bytes, no NUL, and
 * no empty, `.` or `..` segment (which a path join would fold into another key or out of the bucket).
 */
export function checkObjectKey(key: string): void {
  if (key.length === 0 || Buffer.byteLength(key) > MAX_KEY_BYTES) {
    throw new InvalidObjectNameError('an object key has 1 to 1024 bytes');
  }
  if (key.includes('\0')) throw new InvalidObjectNameError('an object key contains no NUL character');
  for (const segment of key.split('/')) {
    if (segment === '' || segment === '.' || segment === '..') {
      throw new InvalidObjectNameError('an object key has no empty, "." or ".." segment and no leading "/"');
    }
    if (Buffer.byteLength(segment) > MAX_SEGMENT_BYTES) {
      throw new InvalidObjectNameError('an object key segment has at most 255 bytes');
    }
  }
}
