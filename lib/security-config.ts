/** The variables of the safe defaults (issue 11), parsed here so lib/config.ts only lists them. */
import { z } from 'zod';

/** Who may run `__schema`/`__type` on the gateway: anyone, signed-in callers only, or nobody. */
export const introspectionPolicies = ['public', 'authenticated', 'off'] as const;
export type IntrospectionPolicy = (typeof introspectionPolicies)[number];

const KEY_BYTES = 32;

/** 32 bytes written as 64 hex digits or as base64 (`openssl rand -base64 32`), else undefined. */
export function decodeEncryptionKey(text: string): Buffer | undefined {
  const trimmed = text.trim();
  if (/^[0-9a-f]{64}$/i.test(trimmed)) return Buffer.from(trimmed, 'hex');
  if (!/^[A-Za-z0-9+/_-]+={0,2}$/.test(trimmed)) return undefined;
  const bytes = Buffer.from(trimmed, 'base64');
  return bytes.length === KEY_BYTES ? bytes : undefined;
}

export const encryptionKeySchema = z.string().transform((text, context) => {
  const key = decodeEncryptionKey(text);
  if (!key) {
    context.addIssue({
      code: 'custom',
      message: 'must be 32 bytes written as 64 hex digits or in base64 (e.g. `openssl rand -base64 32`)',
    });
    return z.NEVER;
  }
  return key;
});

// An origin as browsers send it: scheme, host, optional port, nothing after. `:*` stands for any port.
const ORIGIN = /^https?:\/\/([a-z0-9.-]+|\[[0-9a-f:]+\])(:(\d{1,5}|\*))?$/i;

export const corsOriginsSchema = z.string().transform((text, context) => {
  const origins = text
    .split(',')
    .map((origin) => origin.trim())
    .filter(Boolean);
  const bad = origins.filter((origin) => !ORIGIN.test(origin));
  if (bad.length) {
    context.addIssue({
      code: 'custom',
      message: `${bad.map((b) => JSON.stringify(b)).join(', ')} is not an origin (scheme://host[:port|:*], no path)`,
    });
    return z.NEVER;
  }
  return origins.map((origin) => origin.toLowerCase());
});
