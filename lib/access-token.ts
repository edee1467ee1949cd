/** Claims identity puts in every access token and the gateway requires: one definition for both sides. */
export const ACCESS_TOKEN_ISSUER = 'mlaas-identity';
export const ACCESS_TOKEN_AUDIENCE = 'mlaas';
