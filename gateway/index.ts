export { startGateway, type GatewayLimits, type GatewayOptions, type RunningGateway } from './gateway';
export {
  credentialsFromConnectionParams,
  credentialsFromHeaders,
  type Authenticator,
  type Credentials,
} from './auth/authenticator';
export {
  ACCESS_TOKEN_AUDIENCE,
  ACCESS_TOKEN_ISSUER,
  createJwksAuthenticator,
  createTokenAuthenticator,
  type ApiKeyVerifier,
  type JwksAuthenticatorOptions,
  type TokenAuthenticatorOptions,
} from './auth/jwks-authenticator';
