/**
 * @nucal/conditions-service — the conditions database over HTTP, and the HTTP provider
 * reconstruction jobs read it with.
 */
// the service
export { createConditionsService, type ServiceOptions } from './service.js';
export { serve, type ServeOptions, type RunningService } from './serve.js';
export { ServiceMetrics } from './metrics.js';
// tokens for writes (and for reads when they are not public)
export {
  createToken, listTokens, revokeToken, databaseTokens, CreateTokenInput, TOKEN_TABLE,
  type TokenInfo, type TokenHolder, type TokenLookup,
} from './tokens.js';
// caching rules and wire forms
export { cacheControl, IMMUTABLE_MAX_AGE_S, type CachePolicy, type CacheRules } from './http-cache.js';
export { timeFromText, timeToText } from './time-text.js';
export { jsonBody } from './json-body.js';
export { UnauthorizedError, type ErrorBody } from './http-errors.js';
// reading conditions in reconstruction jobs
export { httpConditionsProvider, type HttpProviderOptions } from './http-provider.js';
export { conditionsProviderFromUrl, type UrlConditionsProvider, type ProviderFromUrlOptions } from './provider-from-url.js';
