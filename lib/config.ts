import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { z } from 'zod';
import {
  corsOriginsSchema,
  encryptionKeySchema,
  introspectionPolicies,
  type IntrospectionPolicy,
} from './security-config';

/** How the process runs: every service in one process, or one service per process. */
export type RunMode = 'embedded' | 'service';

const port = (fallback: number) => z.coerce.number().int().min(0).max(65535).default(fallback);
const optionalUrl = z.url().optional();
/** The largest upload any limit may allow: 2 GiB - 1 byte. */
const MAX_UPLOAD_BYTES = 2 ** 31 - 1;
const uploadBytes = (fallback: number) =>
  z.coerce.number().int().min(1).max(MAX_UPLOAD_BYTES).default(fallback);

const environmentSchema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).optional(),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  // Default by mode (loadConfig): loopback for embedded mode, every interface for a service in a container.
  HOST: z.string().min(1).optional(),
  DATA_DIR: z.string().default('data'),
  DATABASE_URL: optionalUrl,
  REDIS_URL: optionalUrl,
  S3_ENDPOINT: optionalUrl,
  S3_PUBLIC_ENDPOINT: optionalUrl,
  S3_ACCESS_KEY: z.string().optional(),
  S3_SECRET_KEY: z.string().optional(),
  S3_REGION: z.string().default('us-east-1'),
  S3_BUCKET_PREFIX: z.string().default(''),
  OBJECT_STORE_HOST: z.string().min(1).default('127.0.0.1'),
  OBJECT_STORE_PORT: port(4005),
  OBJECT_STORE_PUBLIC_URL: optionalUrl,
  OBJECT_STORE_SECRET: z.string().min(32, 'must be at least 32 characters').optional(),
  INTERNAL_SECRET: z.string().min(32, 'must be at least 32 characters').optional(),
  GATEWAY_PORT: port(4000),
  IDENTITY_PORT: port(4001),
  REGISTRY_PORT: port(4002),
  INFERENCE_PORT: port(4003),
  OBSERVABILITY_PORT: port(4004),
  IDENTITY_URL: optionalUrl,
  REGISTRY_URL: optionalUrl,
  INFERENCE_URL: optionalUrl,
  OBSERVABILITY_URL: optionalUrl,
  JWT_PRIVATE_KEY: z.string().optional(),
  ACCESS_TOKEN_TTL_SECONDS: z.coerce.number().int().min(60).max(86400).default(900),
  REFRESH_TOKEN_TTL_SECONDS: z.coerce
    .number()
    .int()
    .min(3600)
    .default(30 * 86400),
  MAX_QUERY_DEPTH: z.coerce.number().int().min(2).default(12),
  MAX_QUERY_ALIASES: z.coerce.number().int().min(1).default(30),
  MAX_REQUEST_BYTES: z.coerce.number().int().min(1024).default(1_000_000),
  MAX_OPERATIONS_PER_CONNECTION: z.coerce.number().int().min(1).default(100),
  MAX_QUERY_TOKENS: z.coerce.number().int().min(100).default(15_000),
  MAX_QUERY_ROOT_FIELDS: z.coerce.number().int().min(1).default(20),
  MAX_QUERY_DIRECTIVES: z.coerce.number().int().min(0).default(50),
  MAX_QUERY_FRAGMENTS: z.coerce.number().int().min(0).default(200),
  MAX_QUERY_COST: z.coerce.number().int().min(1).default(10_000),
  QUERY_COST_LIST_SIZE: z.coerce.number().int().min(1).default(20),
  QUERY_COST_MAX_PAGE_SIZE: z.coerce.number().int().min(1).default(100),
  MAX_INPUT_DEPTH: z.coerce.number().int().min(1).max(1000).default(32),
  MAX_INPUT_BYTES: z.coerce.number().int().min(1024).optional(),
  MAX_CONNECTIONS_PER_ADDRESS: z.coerce.number().int().min(1).default(50),
  MAX_CONNECTIONS_PER_USER: z.coerce.number().int().min(1).default(20),
  MAX_SUBSCRIPTIONS_PER_CALLER: z.coerce.number().int().min(1).default(100),
  SUBSCRIPTION_CACHE_MB: z.coerce.number().min(0).max(65_536).default(32),
  METRICS_TOKEN: z.string().min(16, 'must be at least 16 characters').optional(),
  // Long enough for the slowest synchronous mutation (profiling a 1 GB dataset takes ~25 s on 2 cores).
  SUBGRAPH_TIMEOUT_MS: z.coerce.number().int().min(100).default(120_000),
  REDIS_KEY_PREFIX: z.string().min(1).max(100).default('mlaas:'),
  TRAINING_CONCURRENCY: z.coerce.number().int().min(1).max(64).default(1),
  TRAINING_STALL_TIMEOUT_MS: z.coerce.number().int().min(500).max(600_000).default(30_000),
  PREDICT_BATCH_MAX: z.coerce.number().int().min(1).max(1_000_000).default(10_000),
  INFERENCE_MEMORY_MB: z.coerce.number().int().min(1).max(1_048_576).default(1024),
  BATCH_MAX_SIZE: z.coerce.number().int().min(1).max(100_000).default(64),
  BATCH_MAX_DELAY_MS: z.coerce.number().min(0).max(1000).default(2),
  PREDICTION_CACHE_L1_MB: z.coerce.number().min(0).max(1_048_576).default(64),
  PREDICTION_CACHE_TTL_SECONDS: z.coerce.number().int().min(1).max(2_592_000).default(300),
  PREDICTION_STREAM_MAXLEN: z.coerce.number().int().min(1).max(100_000_000).default(100_000),
  PREDICTION_EVENTS_QUEUE_MAX: z.coerce.number().int().min(1).max(10_000_000).default(10_000),
  TRUSTED_PROXY_HOPS: z.coerce.number().int().min(0).max(10).default(0),
  AUDIT_STREAM_MAXLEN: z.coerce.number().int().min(1).max(100_000_000).default(1_000_000),
  AUDIT_EVENTS_QUEUE_MAX: z.coerce.number().int().min(1).max(10_000_000).default(10_000),
  AUDIT_RETENTION_DAYS: z.coerce.number().int().min(1).max(36_500).default(365),
  METRICS_RETENTION_DAYS: z.coerce.number().int().min(1).max(3650).default(30),
  DRIFT_RETRAIN_POLL_MS: z.coerce.number().int().min(100).max(3_600_000).default(5_000),
  MODEL_NAME_CACHE_MS: z.coerce.number().int().min(0).max(3_600_000).default(5_000),
  DEPLOY_LOAD_TIMEOUT_MS: z.coerce
    .number()
    .int()
    .min(1000)
    .default(10 * 60_000),
  // Uploads past these sizes are refused when they complete (and at the PUT where the store can enforce it).
  // At most 2^31 - 1: sizes are GraphQL Ints, and an ONNX file cannot be larger (the protobuf limit).
  MAX_MODEL_UPLOAD_BYTES: uploadBytes(MAX_UPLOAD_BYTES),
  MAX_DATASET_UPLOAD_BYTES: uploadBytes(1024 ** 3),
  OTEL_EXPORTER_OTLP_ENDPOINT: optionalUrl,
  OTEL_SERVICE_NAME: z.string().min(1).max(200).optional(),
  // Safe defaults (issue 11): see lib/security-config.ts.
  SIGNING_KEY_ENCRYPTION_KEY: encryptionKeySchema.optional(),
  INTROSPECTION: z.enum(introspectionPolicies).default('public'),
  CORS_ORIGINS: corsOriginsSchema.default([]),
});

export type Environment = z.infer<typeof environmentSchema>;

export const subgraphNames = ['identity', 'registry', 'inference', 'observability'] as const;
export type SubgraphName = (typeof subgraphNames)[number];

export interface S3Config {
  endPoint: string;
  /** Where clients reach S3 for presigned URLs, when not at `endPoint`. */
  publicEndPoint?: string;
  accessKey: string;
  secretKey: string;
  region: string;
  bucketPrefix: string;
}

/** The embedded object store (no S3_*): files under DATA_DIR, served at URLs the platform signs. */
export interface EmbeddedObjectStoreConfig {
  /** Interface its HTTP server binds (loopback unless told otherwise). */
  host: string;
  /** A fixed port by default, so links handed out before a restart still work after it; 0 picks a free one. */
  port: number;
  /** Base URL clients reach the server at, when not `http://<host>:<port>`. */
  publicUrl?: string;
  /** Signs the URLs; without one a key generated once is kept in `<dataDir>/object-store.key`. */
  secret?: string;
}

export interface Config {
  mode: RunMode;
  env: 'development' | 'production' | 'test';
  /** Stack traces of internal errors in responses: only when NODE_ENV=development is set explicitly. */
  exposeStack: boolean;
  logLevel: Environment['LOG_LEVEL'];
  /** Interface to listen on: 127.0.0.1 in embedded mode, 0.0.0.0 for a service (containers), unless HOST says. */
  host: string;
  dataDir: string;
  databaseUrl?: string;
  redisUrl?: string;
  /** Starts every Redis key, channel and queue of the deployment, so deployments can share one Redis. */
  redisKeyPrefix: string;
  /** Absent in embedded mode without S3_*: the embedded file object store is used instead. */
  s3?: S3Config;
  /** Used only when `s3` is absent. */
  embeddedObjectStore: EmbeddedObjectStoreConfig;
  /** Signs the caller between gateway and subgraphs; embedded mode without one makes a random one per process. */
  internalSecret: string;
  ports: Record<SubgraphName | 'gateway', number>;
  subgraphUrls: Partial<Record<SubgraphName, string>>;
  jwtPrivateKey?: string;
  /** Encrypts the stored JWT signing key (AES-256-GCM); 32 bytes. Absent: the key is stored as plaintext. */
  signingKeyEncryptionKey?: Buffer;
  /** Who may introspect the gateway's schema. */
  introspection: IntrospectionPolicy;
  /** Origins (exact, or `scheme://host:*` for any port) whose browsers may call `/graphql` and `/v2/…`. */
  corsOrigins: string[];
  accessTokenTtlSeconds: number;
  refreshTokenTtlSeconds: number;
  /** The gateway's limits (gateway/limits.ts describes each). */
  limits: {
    maxDepth: number;
    maxAliases: number;
    maxRequestBytes: number;
    maxOperationsPerConnection: number;
    maxTokens: number;
    maxRootFields: number;
    maxDirectives: number;
    maxFragments: number;
    maxCost: number;
    defaultListSize: number;
    maxPageSize: number;
    maxInputDepth: number;
    maxInputBytes: number;
  };
  /** The gateway's WebSocket side, per client: sockets per address, connections per user, subscriptions. */
  sockets: {
    maxConnectionsPerAddress: number;
    maxConnectionsPerUser: number;
    maxSubscriptionsPerCaller: number;
    /** Budget of each cache of subscription work (documents; plans), in bytes. */
    cacheBytes: number;
  };
  /** Bearer token `/metrics` requires on every service; without one `/metrics` is not served. */
  metricsToken?: string;
  /** How long the gateway waits for a subgraph's answer. */
  subgraphTimeoutMs: number;
  /**
   * Reverse proxies in front of the gateway whose `X-Forwarded-For` is believed: the client address is the entry
   * this many hops from the right. 0 (the default) ignores the header and takes the connection's peer address.
   */
  trustedProxyHops: number;
  audit: {
    /** Entries the audit stream keeps at least (`XADD MAXLEN ~`); observability stores them as they come. */
    streamMaxLength: number;
    /** Audit events waiting for the stream per subgraph at most; beyond it they are dropped (and counted). */
    eventsQueueMax: number;
    /** Stored audit events older than this many days are deleted by observability. */
    retentionDays: number;
  };
  training: {
    /** Jobs a worker process trains at once, each on its own thread. */
    concurrency: number;
    /** A job whose worker has not renewed its lock for this long is taken to have lost its worker. */
    stallTimeoutMs: number;
  };
  inference: {
    /** Rows a `predictBatch` may carry; more is refused (BAD_USER_INPUT), not run. */
    predictBatchMax: number;
    /** Budget of the models one inference replica keeps loaded (file sizes, in MiB); least recently used go. */
    memoryMb: number;
    /** Micro-batching of single predictions: rows per batch at most, and how long a row may wait for others. */
    batchMaxSize: number;
    batchMaxDelayMs: number;
    /** In-process prediction cache (L1) budget, in MiB of keys and answers; 0 turns L1 off. */
    cacheL1Mb: number;
    /** How long a prediction stays cached unless its deployment says otherwise (`cacheTtlSeconds`). */
    cacheTtlSeconds: number;
    /** Entries the prediction event stream keeps at least (`XADD MAXLEN ~`). */
    streamMaxLength: number;
    /** Events waiting for the stream at most; beyond it they are dropped (and counted) rather than slow a prediction. */
    eventsQueueMax: number;
    /**
     * How long an inference replica keeps the model id a name (Open Inference Protocol paths) resolved to, per
     * organization; 0 asks the registry on every request. A renamed model answers to its old name this long.
     */
    modelNameCacheMs: number;
    /** A deployment still PENDING or LOADING after this long lost its replica (or took too long): FAILED. */
    deployLoadTimeoutMs: number;
  };
  tracing: {
    /** OTLP/HTTP collector base URL (`/v1/traces` is appended); without one nothing is traced or exported. */
    otlpEndpoint?: string;
    /** The `service.name` of every span this process exports; by default `mlaas-<service>`. */
    serviceName?: string;
  };
  modelMetrics: {
    /** Per-minute model metrics older than this are deleted by a periodic sweep. */
    retentionDays: number;
  };
  drift: {
    /** How often observability checks the training jobs of retrains that autoDeploy waits for. */
    retrainPollMs: number;
  };
  uploads: {
    /** Largest model version file (ONNX) an upload may complete with, in bytes. */
    maxModelBytes: number;
    /** Largest dataset file (CSV) an upload may complete with, in bytes. */
    maxDatasetBytes: number;
  };
}

export class ConfigError extends Error {
  constructor(public readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

/** Which shared infrastructure a process of its own must be given. */
export interface ServiceNeeds {
  database: boolean;
  redis: boolean;
  objectStore: boolean;
  /** Everything that serves or calls subgraphs; a training worker does neither. @default true */
  internalSecret?: boolean;
}

/** What a subgraph needs; the gateway keeps no state of its own and needs none of it. */
export const subgraphNeeds: ServiceNeeds = { database: true, redis: true, objectStore: true };

function parseEnvironment(source: NodeJS.ProcessEnv): Environment {
  // An empty variable (as in a copied .env.example) means "not set".
  const present = Object.fromEntries(
    Object.entries(source).filter(([, value]) => value !== undefined && value.trim() !== ''),
  );
  const parsed = environmentSchema.safeParse(present);
  if (!parsed.success) {
    throw new ConfigError(
      parsed.error.issues.map((i) => `${i.path.join('.') || 'environment'}: ${i.message}`),
    );
  }
  return parsed.data;
}

/** What the variables get wrong together, or for this mode: each a line of the ConfigError. */
function environmentProblems(e: Environment, mode: RunMode, needs: ServiceNeeds): string[] {
  const problems: string[] = [];
  if (mode === 'service') {
    const required = [
      ['DATABASE_URL', needs.database],
      ['REDIS_URL', needs.redis],
      ['INTERNAL_SECRET', needs.internalSecret ?? true],
    ] as const;
    for (const [name, needed] of required) {
      if (needed && !e[name]) problems.push(`${name} is required when a service runs on its own process`);
    }
  }
  const s3Vars = [e.S3_ENDPOINT, e.S3_ACCESS_KEY, e.S3_SECRET_KEY];
  if (s3Vars.some(Boolean) && !s3Vars.every(Boolean)) {
    problems.push('S3_ENDPOINT, S3_ACCESS_KEY and S3_SECRET_KEY must be set together');
  } else if (mode === 'service' && needs.objectStore && !e.S3_ENDPOINT) {
    problems.push(
      'S3_ENDPOINT, S3_ACCESS_KEY and S3_SECRET_KEY are required when a service runs on its own process',
    );
  }
  if (e.DATABASE_URL && !/^postgres(ql)?:/.test(e.DATABASE_URL)) {
    problems.push('DATABASE_URL: must be a postgres:// or postgresql:// URL');
  }
  if (e.REDIS_URL && !/^rediss?:/.test(e.REDIS_URL))
    problems.push('REDIS_URL: must be a redis:// or rediss:// URL');
  return problems;
}

function objectStoreConfig(e: Environment): S3Config | undefined {
  if (!e.S3_ENDPOINT) return undefined;
  return {
    endPoint: e.S3_ENDPOINT,
    publicEndPoint: e.S3_PUBLIC_ENDPOINT,
    accessKey: e.S3_ACCESS_KEY!,
    secretKey: e.S3_SECRET_KEY!,
    region: e.S3_REGION,
    bucketPrefix: e.S3_BUCKET_PREFIX,
  };
}

/**
 * Parses the environment once. In `service` mode the shared infrastructure the service needs is mandatory,
 * because state kept in one process would split the moment a second replica starts.
 */
export function loadConfig(
  mode: RunMode,
  source: NodeJS.ProcessEnv = process.env,
  needs: ServiceNeeds = subgraphNeeds,
): Config {
  const e = parseEnvironment(source);
  const problems = environmentProblems(e, mode, needs);
  if (problems.length) throw new ConfigError(problems);
  // A service of its own is a deployment; the embedded mode is, by default, someone trying the platform.
  const env = e.NODE_ENV ?? (mode === 'service' ? 'production' : 'development');
  return {
    mode,
    env,
    // Stack traces carry absolute paths and code structure: only an operator who says NODE_ENV=development gets them,
    // never the embedded mode's default (whose port may be reachable by others).
    exposeStack: e.NODE_ENV === 'development',
    logLevel: e.LOG_LEVEL,
    host: e.HOST ?? (mode === 'embedded' ? '127.0.0.1' : '0.0.0.0'),
    dataDir: path.resolve(e.DATA_DIR),
    databaseUrl: e.DATABASE_URL,
    redisUrl: e.REDIS_URL,
    redisKeyPrefix: e.REDIS_KEY_PREFIX,
    s3: objectStoreConfig(e),
    embeddedObjectStore: {
      host: e.OBJECT_STORE_HOST,
      port: e.OBJECT_STORE_PORT,
      publicUrl: e.OBJECT_STORE_PUBLIC_URL,
      secret: e.OBJECT_STORE_SECRET,
    },
    internalSecret: e.INTERNAL_SECRET ?? randomBytes(32).toString('hex'),
    ports: {
      gateway: e.GATEWAY_PORT,
      identity: e.IDENTITY_PORT,
      registry: e.REGISTRY_PORT,
      inference: e.INFERENCE_PORT,
      observability: e.OBSERVABILITY_PORT,
    },
    subgraphUrls: {
      identity: e.IDENTITY_URL,
      registry: e.REGISTRY_URL,
      inference: e.INFERENCE_URL,
      observability: e.OBSERVABILITY_URL,
    },
    sockets: {
      maxConnectionsPerAddress: e.MAX_CONNECTIONS_PER_ADDRESS,
      maxConnectionsPerUser: e.MAX_CONNECTIONS_PER_USER,
      maxSubscriptionsPerCaller: e.MAX_SUBSCRIPTIONS_PER_CALLER,
      cacheBytes: Math.round(e.SUBSCRIPTION_CACHE_MB * 1024 * 1024),
    },
    metricsToken: e.METRICS_TOKEN,
    subgraphTimeoutMs: e.SUBGRAPH_TIMEOUT_MS,
    trustedProxyHops: e.TRUSTED_PROXY_HOPS,
    audit: {
      streamMaxLength: e.AUDIT_STREAM_MAXLEN,
      eventsQueueMax: e.AUDIT_EVENTS_QUEUE_MAX,
      retentionDays: e.AUDIT_RETENTION_DAYS,
    },
    training: { concurrency: e.TRAINING_CONCURRENCY, stallTimeoutMs: e.TRAINING_STALL_TIMEOUT_MS },
    inference: {
      predictBatchMax: e.PREDICT_BATCH_MAX,
      memoryMb: e.INFERENCE_MEMORY_MB,
      batchMaxSize: e.BATCH_MAX_SIZE,
      batchMaxDelayMs: e.BATCH_MAX_DELAY_MS,
      cacheL1Mb: e.PREDICTION_CACHE_L1_MB,
      cacheTtlSeconds: e.PREDICTION_CACHE_TTL_SECONDS,
      streamMaxLength: e.PREDICTION_STREAM_MAXLEN,
      eventsQueueMax: e.PREDICTION_EVENTS_QUEUE_MAX,
      modelNameCacheMs: e.MODEL_NAME_CACHE_MS,
      deployLoadTimeoutMs: e.DEPLOY_LOAD_TIMEOUT_MS,
    },
    tracing: { otlpEndpoint: e.OTEL_EXPORTER_OTLP_ENDPOINT, serviceName: e.OTEL_SERVICE_NAME },
    modelMetrics: { retentionDays: e.METRICS_RETENTION_DAYS },
    drift: { retrainPollMs: e.DRIFT_RETRAIN_POLL_MS },
    uploads: { maxModelBytes: e.MAX_MODEL_UPLOAD_BYTES, maxDatasetBytes: e.MAX_DATASET_UPLOAD_BYTES },
    jwtPrivateKey: e.JWT_PRIVATE_KEY,
    signingKeyEncryptionKey: e.SIGNING_KEY_ENCRYPTION_KEY,
    introspection: e.INTROSPECTION,
    corsOrigins: e.CORS_ORIGINS,
    accessTokenTtlSeconds: e.ACCESS_TOKEN_TTL_SECONDS,
    refreshTokenTtlSeconds: e.REFRESH_TOKEN_TTL_SECONDS,
    limits: {
      maxDepth: e.MAX_QUERY_DEPTH,
      maxAliases: e.MAX_QUERY_ALIASES,
      maxRequestBytes: e.MAX_REQUEST_BYTES,
      maxOperationsPerConnection: e.MAX_OPERATIONS_PER_CONNECTION,
      maxTokens: e.MAX_QUERY_TOKENS,
      maxRootFields: e.MAX_QUERY_ROOT_FIELDS,
      maxDirectives: e.MAX_QUERY_DIRECTIVES,
      maxFragments: e.MAX_QUERY_FRAGMENTS,
      maxCost: e.MAX_QUERY_COST,
      defaultListSize: e.QUERY_COST_LIST_SIZE,
      maxPageSize: e.QUERY_COST_MAX_PAGE_SIZE,
      maxInputDepth: e.MAX_INPUT_DEPTH,
      maxInputBytes: e.MAX_INPUT_BYTES ?? e.MAX_REQUEST_BYTES,
    },
  };
}

/** A subgraph's GraphQL URL: configured (split deployments), else on this host at its port (embedded mode). */
export function subgraphUrl(config: Config, name: SubgraphName): string {
  return config.subgraphUrls[name] ?? `http://127.0.0.1:${config.ports[name]}/graphql`;
}
