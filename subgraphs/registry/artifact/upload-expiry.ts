/** Why a version or dataset whose upload never completed was given up (its `statusReason` or `error`). */
export const UPLOAD_EXPIRED = 'The upload was not completed before its URL expired';

/** A date column read by a raw `returning`: PostgreSQL answers a Date, SQLite the stored text or number. */
export type SqlDate = Date | string | number;
