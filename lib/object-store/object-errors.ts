/** Errors of the embedded file object store, each with the code S3 gives the same failure. */

/** The object does not exist (S3: NoSuchKey). */
export class NoSuchObjectError extends Error {
  readonly code = 'NoSuchKey';
  constructor() {
    super('no such object');
    this.name = 'NoSuchObjectError';
  }
}

/** The bucket was never created (S3: NoSuchBucket). */
export class NoSuchBucketError extends Error {
  readonly code = 'NoSuchBucket';
  constructor(bucket: string) {
    super(`no such bucket: ${bucket}`);
    this.name = 'NoSuchBucketError';
  }
}

/** A body longer than its upload allows (S3: EntityTooLarge); nothing was stored. */
export class ObjectTooLargeError extends Error {
  readonly code = 'EntityTooLarge';
  constructor(readonly maxBytes: number) {
    super(`the object is larger than ${maxBytes} bytes`);
    this.name = 'ObjectTooLargeError';
  }
}

/**
 * The key names an existing object's folder (`a` while `a/b` exists) or lies below an existing object (`a/b` while
 * `a` exists): one file system path cannot be both, as one S3 key can.
 */
export class ObjectKeyConflictError extends Error {
  readonly code = 'KeyConflict';
  constructor() {
    super('the key is the folder of other objects, or lies below an object');
    this.name = 'ObjectKeyConflictError';
  }
}
