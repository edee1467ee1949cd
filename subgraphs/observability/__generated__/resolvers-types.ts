import type { GraphQLResolveInfo, GraphQLScalarType, GraphQLScalarTypeConfig } from 'graphql';
import type { DriftPolicyValues as DriftPolicyValuesMapper } from '../drift-policy/drift-policy.entity';
import type { ModelMetricsView as ModelMetricsViewMapper } from '../metrics/model-metrics.service';
import type { DriftReport as DriftReportMapper } from '../drift/drift-report.entity';
import type { DriftReportPage as DriftReportPageMapper } from '../drift/drift-report.service';
import type { FeatureDriftResult as FeatureDriftResultMapper } from '../../../ml/drift';
import type { DriftAlert as DriftAlertMapper } from '../drift-alert/drift-alert.entity';
import type { DriftAlertPage as DriftAlertPageMapper } from '../drift-alert/drift-alert.service';
import type { SystemHealth as SystemHealthMapper, ServiceHealth as ServiceHealthMapper } from '../health/system-health.service';
import type { AuditEventRecord as AuditEventRecordMapper } from '../audit/audit-event.entity';
import type { AuditEventPage as AuditEventPageMapper } from '../audit/audit-log.service';
import type { ObservabilityContext } from '../context';
export type Maybe<T> = T | null | undefined;
export type InputMaybe<T> = T | null | undefined;
export type Omit<T, K extends keyof T> = Pick<T, Exclude<keyof T, K>>;
export type RequireFields<T, K extends keyof T> = Omit<T, K> & { [P in K]-?: NonNullable<T[P]> };
/** All built-in and custom scalars, mapped to their actual values */
export type Scalars = {
  ID: { input: string; output: string; }
  String: { input: string; output: string; }
  Boolean: { input: boolean; output: boolean; }
  Int: { input: number; output: number; }
  Float: { input: number; output: number; }
  DateTime: { input: Date | string; output: Date | string; }
  JSON: { input: unknown; output: unknown; }
  federation__FieldSet: { input: unknown; output: unknown; }
  link__Import: { input: unknown; output: unknown; }
  _FieldSet: { input: unknown; output: unknown; }
};

/**
 * One mutation field executed: who, what, on which ids and how it ended. Argument values other than ids are never
 * recorded (no password, token, key or URL can appear here).
 */
export type AuditEvent = {
  __typename?: 'AuditEvent';
  /** The user who acted; null when nobody was signed in (e.g. a failed login). */
  actor: Maybe<User>;
  actorId: Maybe<Scalars['ID']['output']>;
  /** The API key the actor used, if any. */
  apiKeyId: Maybe<Scalars['ID']['output']>;
  /** The client's address as the gateway saw it (see TRUSTED_PROXY_HOPS). */
  clientAddress: Maybe<Scalars['String']['output']>;
  createdAt: Scalars['DateTime']['output'];
  /** The error's code when the outcome is ERROR. */
  errorCode: Maybe<Scalars['String']['output']>;
  id: Scalars['ID']['output'];
  /** The mutation field, e.g. `createModel`. */
  operation: Scalars['String']['output'];
  organizationId: Scalars['ID']['output'];
  outcome: AuditOutcome;
  /** The request id (`x-request-id`) of the client's request. */
  requestId: Scalars['String']['output'];
  /** The subgraph that executed it. */
  subgraph: Scalars['String']['output'];
  /** The ID arguments of the mutation and the id of the object it returned. */
  targetIds: Array<Scalars['ID']['output']>;
};

export type AuditEventConnection = {
  __typename?: 'AuditEventConnection';
  edges: Array<AuditEventEdge>;
  pageInfo: PageInfo;
  /** How many events match the filter, on every page. */
  totalCount: Scalars['Int']['output'];
};

export type AuditEventEdge = {
  __typename?: 'AuditEventEdge';
  /** Opaque; pass it as `after` to read the events that follow this one. */
  cursor: Scalars['String']['output'];
  node: AuditEvent;
};

/** Every condition given must hold. */
export type AuditFilter = {
  actorId?: InputMaybe<Scalars['ID']['input']>;
  /** Events at or after this time. */
  from?: InputMaybe<Scalars['DateTime']['input']>;
  /** A mutation field's name, e.g. `createModel`. */
  operation?: InputMaybe<Scalars['String']['input']>;
  /** Events naming this id among their targets. */
  targetId?: InputMaybe<Scalars['ID']['input']>;
  /** Events before this time. */
  to?: InputMaybe<Scalars['DateTime']['input']>;
};

export type AuditOutcome =
  | 'ERROR'
  | 'OK';

/** A drift report that drifted, kept, and what was done about it. */
export type DriftAlert = {
  __typename?: 'DriftAlert';
  /** What autoDeploy did with the retrained version once its job finished; null until then, or without autoDeploy. */
  autoDeployResult: Maybe<Scalars['String']['output']>;
  createdAt: Scalars['DateTime']['output'];
  id: Scalars['ID']['output'];
  /** Why no retrain started, or which one did. */
  message: Scalars['String']['output'];
  model: Model;
  report: DriftReport;
  /** The training job the alert started, if any. */
  retrainJob: Maybe<TrainingJob>;
  retrainStatus: RetrainStatus;
};

export type DriftAlertConnection = {
  __typename?: 'DriftAlertConnection';
  edges: Array<DriftAlertEdge>;
  pageInfo: PageInfo;
  totalCount: Scalars['Int']['output'];
};

export type DriftAlertEdge = {
  __typename?: 'DriftAlertEdge';
  cursor: Scalars['String']['output'];
  node: DriftAlert;
};

export type DriftPolicy = {
  __typename?: 'DriftPolicy';
  /** A retrained version is deployed when its validation metric is at least the deployed one's. */
  autoDeploy: Scalars['Boolean']['output'];
  /** A drift alert starts a training job like the one that trained the deployed version. */
  autoRetrain: Scalars['Boolean']['output'];
  /** A feature drifted when its test's p-value is below this (between 0 and 1). */
  pValueThreshold: Scalars['Float']['output'];
  /** A feature drifted when its PSI is above this (greater than 0). */
  psiThreshold: Scalars['Float']['output'];
  /** At least this many minutes between two retrains of the model (0 to 10,080). */
  retrainCooldownMinutes: Scalars['Int']['output'];
  /** Retrain on this dataset instead of the one the deployed version was trained on. */
  retrainDatasetId: Maybe<Scalars['ID']['output']>;
  /** How many recent predictions are compared with the training distribution (30 to 100,000). */
  windowSize: Scalars['Int']['output'];
};

/** Fields left out keep their current value (the defaults until a policy is set). */
export type DriftPolicyInput = {
  autoDeploy?: InputMaybe<Scalars['Boolean']['input']>;
  autoRetrain?: InputMaybe<Scalars['Boolean']['input']>;
  pValueThreshold?: InputMaybe<Scalars['Float']['input']>;
  psiThreshold?: InputMaybe<Scalars['Float']['input']>;
  retrainCooldownMinutes?: InputMaybe<Scalars['Int']['input']>;
  /** A READY dataset of the organization; null retrains on the deployed version's own dataset. */
  retrainDatasetId?: InputMaybe<Scalars['ID']['input']>;
  windowSize?: InputMaybe<Scalars['Int']['input']>;
};

/** The model's current prediction window compared with the reference sample of the version it predicts with. */
export type DriftReport = {
  __typename?: 'DriftReport';
  computedAt: Scalars['DateTime']['output'];
  /** True when any feature drifted. */
  drifted: Scalars['Boolean']['output'];
  /** One per feature of the version, in its input order. */
  features: Array<FeatureDrift>;
  id: Scalars['ID']['output'];
  model: Model;
  /** Rows of the reference sample compared. */
  referenceSize: Scalars['Int']['output'];
  /** Rows of the current window compared. */
  sampleSize: Scalars['Int']['output'];
  version: ModelVersion;
};

export type DriftReportConnection = {
  __typename?: 'DriftReportConnection';
  edges: Array<DriftReportEdge>;
  pageInfo: PageInfo;
  totalCount: Scalars['Int']['output'];
};

export type DriftReportEdge = {
  __typename?: 'DriftReportEdge';
  cursor: Scalars['String']['output'];
  node: DriftReport;
};

export type FeatureDrift = {
  __typename?: 'FeatureDrift';
  /** Chi-square statistic (CATEGORICAL features; null for NUMERIC ones). */
  chiSquareStatistic: Maybe<Scalars['Float']['output']>;
  drifted: Scalars['Boolean']['output'];
  feature: Scalars['String']['output'];
  kind: FeatureKind;
  /** Kolmogorov-Smirnov statistic (NUMERIC features; 0 for CATEGORICAL ones). */
  ksStatistic: Scalars['Float']['output'];
  /** Of the Kolmogorov-Smirnov test (NUMERIC) or the chi-square test (CATEGORICAL). */
  pValue: Scalars['Float']['output'];
  psi: Scalars['Float']['output'];
};

/** How drift is measured on a feature: NUMERIC features by PSI over deciles and Kolmogorov-Smirnov, CATEGORICAL ones by PSI over categories and chi-square. */
export type FeatureKind =
  | 'CATEGORICAL'
  | 'NUMERIC';

export type HealthStatus =
  | 'DEGRADED'
  | 'DOWN'
  | 'UP';

/** The minutes a metrics window covers: the current minute and those before it, up to the window's length. */
export type MetricsWindow =
  | 'LAST_5_MINUTES'
  | 'LAST_DAY'
  | 'LAST_HOUR';

export type Model = {
  __typename?: 'Model';
  /** The latest drift report of the model; null until one was computed. */
  drift: Maybe<DriftReport>;
  /** The drift alerts of the model (a report that drifted), newest first, `first` (1 to 100) at a time. */
  driftAlerts: DriftAlertConnection;
  /** How drift is detected for this model (the defaults until a policy is set). */
  driftPolicy: DriftPolicy;
  /** Every drift report of the model, newest first, `first` (1 to 100) at a time. */
  driftReports: DriftReportConnection;
  id: Scalars['ID']['output'];
  /**
   * What the model served in the window, counted from its prediction events (cached answers and failed rows
   * included); zeros and null latencies when it served nothing. Only the caller's organization's predictions count.
   */
  metrics: ModelMetrics;
};


export type ModelDriftAlertsArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  first?: InputMaybe<Scalars['Int']['input']>;
};


export type ModelDriftReportsArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  first?: InputMaybe<Scalars['Int']['input']>;
};


export type ModelMetricsArgs = {
  window?: InputMaybe<MetricsWindow>;
};

export type ModelMetrics = {
  __typename?: 'ModelMetrics';
  /** Answers the prediction cache gave / requestCount; 0 when there were no requests. */
  cacheHitRate: Scalars['Float']['output'];
  errorCount: Scalars['Int']['output'];
  /** errorCount / requestCount; 0 when there were no requests. */
  errorRate: Scalars['Float']['output'];
  /** The start of the window's first minute. */
  from: Scalars['DateTime']['output'];
  /** Latency percentiles (nearest rank) within 1 % of the exact value; null when there were no requests. */
  latencyP50Ms: Maybe<Scalars['Float']['output']>;
  latencyP95Ms: Maybe<Scalars['Float']['output']>;
  latencyP99Ms: Maybe<Scalars['Float']['output']>;
  model: Model;
  requestCount: Scalars['Int']['output'];
  /** requestCount / the window's length in minutes. */
  throughputPerMinute: Scalars['Float']['output'];
  /** When the metrics were read. */
  to: Scalars['DateTime']['output'];
  window: MetricsWindow;
};

/** Owned by the registry. */
export type ModelVersion = {
  __typename?: 'ModelVersion';
  id: Scalars['ID']['output'];
};

export type Mutation = {
  __typename?: 'Mutation';
  /**
   * Compares the model's current window with its reference now and records the report (MEMBER and up). CONFLICT
   * when the model has no prediction window yet or its version has no reference sample.
   */
  computeDrift: DriftReport;
  /** Sets the model's drift policy (MEMBER and up); BAD_USER_INPUT naming the field out of range. */
  setDriftPolicy: DriftPolicy;
  /**
   * Makes the dataset the reference sample of an uploaded version (MEMBER and up): its columns are matched to the
   * version's features by name; BAD_USER_INPUT names the features the dataset lacks.
   */
  setReferenceDataset: Scalars['Boolean']['output'];
};


export type MutationComputeDriftArgs = {
  modelId: Scalars['ID']['input'];
};


export type MutationSetDriftPolicyArgs = {
  input: DriftPolicyInput;
  modelId: Scalars['ID']['input'];
};


export type MutationSetReferenceDatasetArgs = {
  datasetId: Scalars['ID']['input'];
  versionId: Scalars['ID']['input'];
};

export type PageInfo = {
  __typename?: 'PageInfo';
  endCursor: Maybe<Scalars['String']['output']>;
  hasNextPage: Scalars['Boolean']['output'];
  /** Forward pagination only: true when the page was read `after` a cursor. */
  hasPreviousPage: Scalars['Boolean']['output'];
  startCursor: Maybe<Scalars['String']['output']>;
};

export type Query = {
  __typename?: 'Query';
  /**
   * The organization's audit log, newest first: one event per mutation field any subgraph executed for a caller in
   * this organization. OWNER and ADMIN only (FORBIDDEN otherwise).
   */
  auditLog: AuditEventConnection;
  /** Readiness of every service of the platform, as each reports it. */
  systemHealth: SystemHealth;
};


export type QueryAuditLogArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  filter?: InputMaybe<AuditFilter>;
  first?: InputMaybe<Scalars['Int']['input']>;
};

/** Whether a drift alert started a retrain. */
export type RetrainStatus =
  /** The model was retrained less than retrainCooldownMinutes ago. */
  | 'COOLDOWN'
  /** The policy's autoRetrain is off. */
  | 'DISABLED'
  /** Another retrain of the model is still QUEUED or RUNNING. */
  | 'IN_FLIGHT'
  /** Nothing to retrain with (an uploaded version without a training job and no retrainDatasetId), or starting failed: `message` says why. */
  | 'NOT_STARTED'
  /** A training job was started (`retrainJob`). */
  | 'STARTED';

export type ServiceHealth = {
  __typename?: 'ServiceHealth';
  details: Maybe<Scalars['JSON']['output']>;
  latencyMs: Maybe<Scalars['Float']['output']>;
  name: Scalars['String']['output'];
  status: HealthStatus;
};

export type Subscription = {
  __typename?: 'Subscription';
  /** Every drift alert of the model, or of every model of the organization when modelId is left out. */
  driftAlerts: DriftAlert;
  /** Every drift report of the model as it is computed. NOT_FOUND unless the model is the caller's organization's. */
  modelDriftUpdated: DriftReport;
  /**
   * The model's metrics over the window each time new predictions changed them: at most one event a second, and
   * only when a number changed. NOT_FOUND unless the model belongs to the caller's organization.
   */
  modelMetricsUpdated: ModelMetrics;
};


export type SubscriptionDriftAlertsArgs = {
  modelId?: InputMaybe<Scalars['ID']['input']>;
};


export type SubscriptionModelDriftUpdatedArgs = {
  modelId: Scalars['ID']['input'];
};


export type SubscriptionModelMetricsUpdatedArgs = {
  modelId: Scalars['ID']['input'];
  window?: InputMaybe<MetricsWindow>;
};

export type SystemHealth = {
  __typename?: 'SystemHealth';
  services: Array<ServiceHealth>;
  status: HealthStatus;
};

/** Owned by the registry. */
export type TrainingJob = {
  __typename?: 'TrainingJob';
  id: Scalars['ID']['output'];
};

/** A user, resolved by the identity subgraph. */
export type User = {
  __typename?: 'User';
  id: Scalars['ID']['output'];
};

export type WithIndex<TObject> = TObject & Record<string, any>;
export type ResolversObject<TObject> = WithIndex<TObject>;

export type ResolverTypeWrapper<T> = Promise<T> | T;

export type ReferenceResolver<TResult, TReference, TContext> = (
      reference: TReference,
      context: TContext,
      info: GraphQLResolveInfo
    ) => Promise<TResult> | TResult;

      type ScalarCheck<T, S> = S extends true ? T : NullableCheck<T, S>;
      type NullableCheck<T, S> = Maybe<T> extends T ? Maybe<ListCheck<NonNullable<T>, S>> : ListCheck<T, S>;
      type ListCheck<T, S> = T extends (infer U)[] ? NullableCheck<U, S>[] : GraphQLRecursivePick<T, S>;
      export type GraphQLRecursivePick<T, S> = { [K in keyof T & keyof S]: ScalarCheck<T[K], S[K]> };
    

export type ResolverWithResolve<TResult, TParent, TContext, TArgs> = {
  resolve: ResolverFn<TResult, TParent, TContext, TArgs>;
};
export type Resolver<TResult, TParent = Record<PropertyKey, never>, TContext = Record<PropertyKey, never>, TArgs = Record<PropertyKey, never>> = ResolverFn<TResult, TParent, TContext, TArgs> | ResolverWithResolve<TResult, TParent, TContext, TArgs>;

export type ResolverFn<TResult, TParent, TContext, TArgs> = (
  parent: TParent,
  args: TArgs,
  context: TContext,
  info: GraphQLResolveInfo
) => Promise<TResult> | TResult;

export type SubscriptionSubscribeFn<TResult, TParent, TContext, TArgs> = (
  parent: TParent,
  args: TArgs,
  context: TContext,
  info: GraphQLResolveInfo
) => AsyncIterable<TResult> | Promise<AsyncIterable<TResult>>;

export type SubscriptionResolveFn<TResult, TParent, TContext, TArgs> = (
  parent: TParent,
  args: TArgs,
  context: TContext,
  info: GraphQLResolveInfo
) => TResult | Promise<TResult>;

export interface SubscriptionSubscriberObject<TResult, TKey extends string, TParent, TContext, TArgs> {
  subscribe: SubscriptionSubscribeFn<{ [key in TKey]: TResult }, TParent, TContext, TArgs>;
  resolve?: SubscriptionResolveFn<TResult, { [key in TKey]: TResult }, TContext, TArgs>;
}

export interface SubscriptionResolverObject<TResult, TParent, TContext, TArgs> {
  subscribe: SubscriptionSubscribeFn<any, TParent, TContext, TArgs>;
  resolve: SubscriptionResolveFn<TResult, any, TContext, TArgs>;
}

export type SubscriptionObject<TResult, TKey extends string, TParent, TContext, TArgs> =
  | SubscriptionSubscriberObject<TResult, TKey, TParent, TContext, TArgs>
  | SubscriptionResolverObject<TResult, TParent, TContext, TArgs>;

export type SubscriptionResolver<TResult, TKey extends string, TParent = Record<PropertyKey, never>, TContext = Record<PropertyKey, never>, TArgs = Record<PropertyKey, never>> =
  | ((...args: any[]) => SubscriptionObject<TResult, TKey, TParent, TContext, TArgs>)
  | SubscriptionObject<TResult, TKey, TParent, TContext, TArgs>;

export type TypeResolveFn<TTypes, TParent = Record<PropertyKey, never>, TContext = Record<PropertyKey, never>> = (
  parent: TParent,
  context: TContext,
  info: GraphQLResolveInfo
) => Maybe<TTypes> | Promise<Maybe<TTypes>>;

export type IsTypeOfResolverFn<T = Record<PropertyKey, never>, TContext = Record<PropertyKey, never>> = (obj: T, context: TContext, info: GraphQLResolveInfo) => boolean | Promise<boolean>;

export type NextResolverFn<T> = () => Promise<T>;

export type DirectiveResolverFn<TResult = Record<PropertyKey, never>, TParent = Record<PropertyKey, never>, TContext = Record<PropertyKey, never>, TArgs = Record<PropertyKey, never>> = (
  next: NextResolverFn<TResult>,
  parent: TParent,
  args: TArgs,
  context: TContext,
  info: GraphQLResolveInfo
) => TResult | Promise<TResult>;

/** Mapping of federation types */
export type FederationTypes = ResolversObject<{
  DriftAlert: DriftAlert;
  DriftReport: DriftReport;
  Model: Model;
}>;

/** Mapping of federation reference types */
export type FederationReferenceTypes = ResolversObject<{
  DriftAlert:
    ( { __typename: 'DriftAlert' }
    & GraphQLRecursivePick<FederationTypes['DriftAlert'], {"id":true}> );
  DriftReport:
    ( { __typename: 'DriftReport' }
    & GraphQLRecursivePick<FederationTypes['DriftReport'], {"id":true}> );
  Model:
    ( { __typename: 'Model' }
    & GraphQLRecursivePick<FederationTypes['Model'], {"id":true}> );
}>;



/** Mapping between all available schema types and the resolvers types */
export type ResolversTypes = ResolversObject<{
  AuditEvent: ResolverTypeWrapper<AuditEventRecordMapper>;
  ID: ResolverTypeWrapper<Scalars['ID']['output']>;
  AuditEventConnection: ResolverTypeWrapper<AuditEventPageMapper>;
  Int: ResolverTypeWrapper<Scalars['Int']['output']>;
  AuditEventEdge: ResolverTypeWrapper<Omit<AuditEventEdge, 'node'> & { node: ResolversTypes['AuditEvent'] }>;
  AuditFilter: AuditFilter;
  AuditOutcome: AuditOutcome;
  DateTime: ResolverTypeWrapper<Scalars['DateTime']['output']>;
  DriftAlert: ResolverTypeWrapper<DriftAlertMapper>;
  DriftAlertConnection: ResolverTypeWrapper<DriftAlertPageMapper>;
  DriftAlertEdge: ResolverTypeWrapper<Omit<DriftAlertEdge, 'node'> & { node: ResolversTypes['DriftAlert'] }>;
  DriftPolicy: ResolverTypeWrapper<DriftPolicyValuesMapper>;
  Boolean: ResolverTypeWrapper<Scalars['Boolean']['output']>;
  Float: ResolverTypeWrapper<Scalars['Float']['output']>;
  DriftPolicyInput: DriftPolicyInput;
  DriftReport: ResolverTypeWrapper<DriftReportMapper>;
  DriftReportConnection: ResolverTypeWrapper<DriftReportPageMapper>;
  DriftReportEdge: ResolverTypeWrapper<Omit<DriftReportEdge, 'node'> & { node: ResolversTypes['DriftReport'] }>;
  FeatureDrift: ResolverTypeWrapper<FeatureDriftResultMapper>;
  FeatureKind: FeatureKind;
  HealthStatus: HealthStatus;
  JSON: ResolverTypeWrapper<Scalars['JSON']['output']>;
  MetricsWindow: MetricsWindow;
  Model: ResolverTypeWrapper<{ id: string }>;
  ModelMetrics: ResolverTypeWrapper<ModelMetricsViewMapper>;
  ModelVersion: ResolverTypeWrapper<{ id: string }>;
  Mutation: ResolverTypeWrapper<Record<PropertyKey, never>>;
  PageInfo: ResolverTypeWrapper<PageInfo>;
  Query: ResolverTypeWrapper<Record<PropertyKey, never>>;
  RetrainStatus: RetrainStatus;
  ServiceHealth: ResolverTypeWrapper<ServiceHealthMapper>;
  Subscription: ResolverTypeWrapper<Record<PropertyKey, never>>;
  SystemHealth: ResolverTypeWrapper<SystemHealthMapper>;
  TrainingJob: ResolverTypeWrapper<{ id: string }>;
  User: ResolverTypeWrapper<{ id: string }>;
  federation__FieldSet: ResolverTypeWrapper<Scalars['federation__FieldSet']['output']>;
  link__Import: ResolverTypeWrapper<Scalars['link__Import']['output']>;
  String: ResolverTypeWrapper<Scalars['String']['output']>;
}>;

/** Mapping between all available schema types and the resolvers parents */
export type ResolversParentTypes = ResolversObject<{
  AuditEvent: AuditEventRecordMapper;
  ID: Scalars['ID']['output'];
  AuditEventConnection: AuditEventPageMapper;
  Int: Scalars['Int']['output'];
  AuditEventEdge: Omit<AuditEventEdge, 'node'> & { node: ResolversParentTypes['AuditEvent'] };
  AuditFilter: AuditFilter;
  DateTime: Scalars['DateTime']['output'];
  DriftAlert: DriftAlertMapper;
  DriftAlertConnection: DriftAlertPageMapper;
  DriftAlertEdge: Omit<DriftAlertEdge, 'node'> & { node: ResolversParentTypes['DriftAlert'] };
  DriftPolicy: DriftPolicyValuesMapper;
  Boolean: Scalars['Boolean']['output'];
  Float: Scalars['Float']['output'];
  DriftPolicyInput: DriftPolicyInput;
  DriftReport: DriftReportMapper;
  DriftReportConnection: DriftReportPageMapper;
  DriftReportEdge: Omit<DriftReportEdge, 'node'> & { node: ResolversParentTypes['DriftReport'] };
  FeatureDrift: FeatureDriftResultMapper;
  JSON: Scalars['JSON']['output'];
  Model: { id: string };
  ModelMetrics: ModelMetricsViewMapper;
  ModelVersion: { id: string };
  Mutation: Record<PropertyKey, never>;
  PageInfo: PageInfo;
  Query: Record<PropertyKey, never>;
  ServiceHealth: ServiceHealthMapper;
  Subscription: Record<PropertyKey, never>;
  SystemHealth: SystemHealthMapper;
  TrainingJob: { id: string };
  User: { id: string };
  federation__FieldSet: Scalars['federation__FieldSet']['output'];
  link__Import: Scalars['link__Import']['output'];
  String: Scalars['String']['output'];
}>;

export type InaccessibleDirectiveArgs = { };

export type InaccessibleDirectiveResolver<Result, Parent, ContextType = ObservabilityContext, Args = InaccessibleDirectiveArgs> = DirectiveResolverFn<Result, Parent, ContextType, Args>;

export type InterfaceObjectDirectiveArgs = { };

export type InterfaceObjectDirectiveResolver<Result, Parent, ContextType = ObservabilityContext, Args = InterfaceObjectDirectiveArgs> = DirectiveResolverFn<Result, Parent, ContextType, Args>;

export type LinkDirectiveArgs = {
  as?: Maybe<Scalars['String']['input']>;
  for?: Maybe<Scalars['String']['input']>;
  import?: Maybe<Array<Maybe<Scalars['link__Import']['input']>>>;
  url: Scalars['String']['input'];
};

export type LinkDirectiveResolver<Result, Parent, ContextType = ObservabilityContext, Args = LinkDirectiveArgs> = DirectiveResolverFn<Result, Parent, ContextType, Args>;

export type OverrideDirectiveArgs = {
  from: Scalars['String']['input'];
  label?: Maybe<Scalars['String']['input']>;
};

export type OverrideDirectiveResolver<Result, Parent, ContextType = ObservabilityContext, Args = OverrideDirectiveArgs> = DirectiveResolverFn<Result, Parent, ContextType, Args>;

export type ShareableDirectiveArgs = { };

export type ShareableDirectiveResolver<Result, Parent, ContextType = ObservabilityContext, Args = ShareableDirectiveArgs> = DirectiveResolverFn<Result, Parent, ContextType, Args>;

export type TagDirectiveArgs = {
  name: Scalars['String']['input'];
};

export type TagDirectiveResolver<Result, Parent, ContextType = ObservabilityContext, Args = TagDirectiveArgs> = DirectiveResolverFn<Result, Parent, ContextType, Args>;

export type AuditEventResolvers<ContextType = ObservabilityContext, ParentType extends ResolversParentTypes['AuditEvent'] = ResolversParentTypes['AuditEvent']> = ResolversObject<{
  actor?: Resolver<Maybe<ResolversTypes['User']>, ParentType, ContextType>;
  actorId?: Resolver<Maybe<ResolversTypes['ID']>, ParentType, ContextType>;
  apiKeyId?: Resolver<Maybe<ResolversTypes['ID']>, ParentType, ContextType>;
  clientAddress?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  createdAt?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  errorCode?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  operation?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  organizationId?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  outcome?: Resolver<ResolversTypes['AuditOutcome'], ParentType, ContextType>;
  requestId?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  subgraph?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  targetIds?: Resolver<Array<ResolversTypes['ID']>, ParentType, ContextType>;
}>;

export type AuditEventConnectionResolvers<ContextType = ObservabilityContext, ParentType extends ResolversParentTypes['AuditEventConnection'] = ResolversParentTypes['AuditEventConnection']> = ResolversObject<{
  edges?: Resolver<Array<ResolversTypes['AuditEventEdge']>, ParentType, ContextType>;
  pageInfo?: Resolver<ResolversTypes['PageInfo'], ParentType, ContextType>;
  totalCount?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
}>;

export type AuditEventEdgeResolvers<ContextType = ObservabilityContext, ParentType extends ResolversParentTypes['AuditEventEdge'] = ResolversParentTypes['AuditEventEdge']> = ResolversObject<{
  cursor?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  node?: Resolver<ResolversTypes['AuditEvent'], ParentType, ContextType>;
}>;

export interface DateTimeScalarConfig extends GraphQLScalarTypeConfig<ResolversTypes['DateTime'], any> {
  name: 'DateTime';
}

export type DriftAlertResolvers<ContextType = ObservabilityContext, ParentType extends ResolversParentTypes['DriftAlert'] = ResolversParentTypes['DriftAlert'], FederationReferenceType extends FederationReferenceTypes['DriftAlert'] = FederationReferenceTypes['DriftAlert']> = ResolversObject<{
  __resolveReference?: ReferenceResolver<Maybe<ResolversTypes['DriftAlert']> | FederationReferenceType, FederationReferenceType, ContextType>;
  autoDeployResult?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  createdAt?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  message?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  model?: Resolver<ResolversTypes['Model'], ParentType, ContextType>;
  report?: Resolver<ResolversTypes['DriftReport'], ParentType, ContextType>;
  retrainJob?: Resolver<Maybe<ResolversTypes['TrainingJob']>, ParentType, ContextType>;
  retrainStatus?: Resolver<ResolversTypes['RetrainStatus'], ParentType, ContextType>;
}>;

export type DriftAlertConnectionResolvers<ContextType = ObservabilityContext, ParentType extends ResolversParentTypes['DriftAlertConnection'] = ResolversParentTypes['DriftAlertConnection']> = ResolversObject<{
  edges?: Resolver<Array<ResolversTypes['DriftAlertEdge']>, ParentType, ContextType>;
  pageInfo?: Resolver<ResolversTypes['PageInfo'], ParentType, ContextType>;
  totalCount?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
}>;

export type DriftAlertEdgeResolvers<ContextType = ObservabilityContext, ParentType extends ResolversParentTypes['DriftAlertEdge'] = ResolversParentTypes['DriftAlertEdge']> = ResolversObject<{
  cursor?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  node?: Resolver<ResolversTypes['DriftAlert'], ParentType, ContextType>;
}>;

export type DriftPolicyResolvers<ContextType = ObservabilityContext, ParentType extends ResolversParentTypes['DriftPolicy'] = ResolversParentTypes['DriftPolicy']> = ResolversObject<{
  autoDeploy?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
  autoRetrain?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
  pValueThreshold?: Resolver<ResolversTypes['Float'], ParentType, ContextType>;
  psiThreshold?: Resolver<ResolversTypes['Float'], ParentType, ContextType>;
  retrainCooldownMinutes?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  retrainDatasetId?: Resolver<Maybe<ResolversTypes['ID']>, ParentType, ContextType>;
  windowSize?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
}>;

export type DriftReportResolvers<ContextType = ObservabilityContext, ParentType extends ResolversParentTypes['DriftReport'] = ResolversParentTypes['DriftReport'], FederationReferenceType extends FederationReferenceTypes['DriftReport'] = FederationReferenceTypes['DriftReport']> = ResolversObject<{
  __resolveReference?: ReferenceResolver<Maybe<ResolversTypes['DriftReport']> | FederationReferenceType, FederationReferenceType, ContextType>;
  computedAt?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  drifted?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
  features?: Resolver<Array<ResolversTypes['FeatureDrift']>, ParentType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  model?: Resolver<ResolversTypes['Model'], ParentType, ContextType>;
  referenceSize?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  sampleSize?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  version?: Resolver<ResolversTypes['ModelVersion'], ParentType, ContextType>;
}>;

export type DriftReportConnectionResolvers<ContextType = ObservabilityContext, ParentType extends ResolversParentTypes['DriftReportConnection'] = ResolversParentTypes['DriftReportConnection']> = ResolversObject<{
  edges?: Resolver<Array<ResolversTypes['DriftReportEdge']>, ParentType, ContextType>;
  pageInfo?: Resolver<ResolversTypes['PageInfo'], ParentType, ContextType>;
  totalCount?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
}>;

export type DriftReportEdgeResolvers<ContextType = ObservabilityContext, ParentType extends ResolversParentTypes['DriftReportEdge'] = ResolversParentTypes['DriftReportEdge']> = ResolversObject<{
  cursor?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  node?: Resolver<ResolversTypes['DriftReport'], ParentType, ContextType>;
}>;

export type FeatureDriftResolvers<ContextType = ObservabilityContext, ParentType extends ResolversParentTypes['FeatureDrift'] = ResolversParentTypes['FeatureDrift']> = ResolversObject<{
  chiSquareStatistic?: Resolver<Maybe<ResolversTypes['Float']>, ParentType, ContextType>;
  drifted?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
  feature?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  kind?: Resolver<ResolversTypes['FeatureKind'], ParentType, ContextType>;
  ksStatistic?: Resolver<ResolversTypes['Float'], ParentType, ContextType>;
  pValue?: Resolver<ResolversTypes['Float'], ParentType, ContextType>;
  psi?: Resolver<ResolversTypes['Float'], ParentType, ContextType>;
}>;

export interface JsonScalarConfig extends GraphQLScalarTypeConfig<ResolversTypes['JSON'], any> {
  name: 'JSON';
}

export type ModelResolvers<ContextType = ObservabilityContext, ParentType extends ResolversParentTypes['Model'] = ResolversParentTypes['Model'], FederationReferenceType extends FederationReferenceTypes['Model'] = FederationReferenceTypes['Model']> = ResolversObject<{
  __resolveReference?: ReferenceResolver<Maybe<ResolversTypes['Model']> | FederationReferenceType, FederationReferenceType, ContextType>;
  drift?: Resolver<Maybe<ResolversTypes['DriftReport']>, ParentType, ContextType>;
  driftAlerts?: Resolver<ResolversTypes['DriftAlertConnection'], ParentType, ContextType, RequireFields<ModelDriftAlertsArgs, 'first'>>;
  driftPolicy?: Resolver<ResolversTypes['DriftPolicy'], ParentType, ContextType>;
  driftReports?: Resolver<ResolversTypes['DriftReportConnection'], ParentType, ContextType, RequireFields<ModelDriftReportsArgs, 'first'>>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  metrics?: Resolver<ResolversTypes['ModelMetrics'], ParentType, ContextType, RequireFields<ModelMetricsArgs, 'window'>>;
}>;

export type ModelMetricsResolvers<ContextType = ObservabilityContext, ParentType extends ResolversParentTypes['ModelMetrics'] = ResolversParentTypes['ModelMetrics']> = ResolversObject<{
  cacheHitRate?: Resolver<ResolversTypes['Float'], ParentType, ContextType>;
  errorCount?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  errorRate?: Resolver<ResolversTypes['Float'], ParentType, ContextType>;
  from?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  latencyP50Ms?: Resolver<Maybe<ResolversTypes['Float']>, ParentType, ContextType>;
  latencyP95Ms?: Resolver<Maybe<ResolversTypes['Float']>, ParentType, ContextType>;
  latencyP99Ms?: Resolver<Maybe<ResolversTypes['Float']>, ParentType, ContextType>;
  model?: Resolver<ResolversTypes['Model'], ParentType, ContextType>;
  requestCount?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  throughputPerMinute?: Resolver<ResolversTypes['Float'], ParentType, ContextType>;
  to?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  window?: Resolver<ResolversTypes['MetricsWindow'], ParentType, ContextType>;
}>;

export type ModelVersionResolvers<ContextType = ObservabilityContext, ParentType extends ResolversParentTypes['ModelVersion'] = ResolversParentTypes['ModelVersion']> = ResolversObject<{
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
}>;

export type MutationResolvers<ContextType = ObservabilityContext, ParentType extends ResolversParentTypes['Mutation'] = ResolversParentTypes['Mutation']> = ResolversObject<{
  computeDrift?: Resolver<ResolversTypes['DriftReport'], ParentType, ContextType, RequireFields<MutationComputeDriftArgs, 'modelId'>>;
  setDriftPolicy?: Resolver<ResolversTypes['DriftPolicy'], ParentType, ContextType, RequireFields<MutationSetDriftPolicyArgs, 'input' | 'modelId'>>;
  setReferenceDataset?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType, RequireFields<MutationSetReferenceDatasetArgs, 'datasetId' | 'versionId'>>;
}>;

export type PageInfoResolvers<ContextType = ObservabilityContext, ParentType extends ResolversParentTypes['PageInfo'] = ResolversParentTypes['PageInfo']> = ResolversObject<{
  endCursor?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  hasNextPage?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
  hasPreviousPage?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
  startCursor?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
}>;

export type QueryResolvers<ContextType = ObservabilityContext, ParentType extends ResolversParentTypes['Query'] = ResolversParentTypes['Query']> = ResolversObject<{
  auditLog?: Resolver<ResolversTypes['AuditEventConnection'], ParentType, ContextType, Partial<QueryAuditLogArgs>>;
  systemHealth?: Resolver<ResolversTypes['SystemHealth'], ParentType, ContextType>;
}>;

export type ServiceHealthResolvers<ContextType = ObservabilityContext, ParentType extends ResolversParentTypes['ServiceHealth'] = ResolversParentTypes['ServiceHealth']> = ResolversObject<{
  details?: Resolver<Maybe<ResolversTypes['JSON']>, ParentType, ContextType>;
  latencyMs?: Resolver<Maybe<ResolversTypes['Float']>, ParentType, ContextType>;
  name?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  status?: Resolver<ResolversTypes['HealthStatus'], ParentType, ContextType>;
}>;

export type SubscriptionResolvers<ContextType = ObservabilityContext, ParentType extends ResolversParentTypes['Subscription'] = ResolversParentTypes['Subscription']> = ResolversObject<{
  driftAlerts?: SubscriptionResolver<ResolversTypes['DriftAlert'], "driftAlerts", ParentType, ContextType, Partial<SubscriptionDriftAlertsArgs>>;
  modelDriftUpdated?: SubscriptionResolver<ResolversTypes['DriftReport'], "modelDriftUpdated", ParentType, ContextType, RequireFields<SubscriptionModelDriftUpdatedArgs, 'modelId'>>;
  modelMetricsUpdated?: SubscriptionResolver<ResolversTypes['ModelMetrics'], "modelMetricsUpdated", ParentType, ContextType, RequireFields<SubscriptionModelMetricsUpdatedArgs, 'modelId' | 'window'>>;
}>;

export type SystemHealthResolvers<ContextType = ObservabilityContext, ParentType extends ResolversParentTypes['SystemHealth'] = ResolversParentTypes['SystemHealth']> = ResolversObject<{
  services?: Resolver<Array<ResolversTypes['ServiceHealth']>, ParentType, ContextType>;
  status?: Resolver<ResolversTypes['HealthStatus'], ParentType, ContextType>;
}>;

export type TrainingJobResolvers<ContextType = ObservabilityContext, ParentType extends ResolversParentTypes['TrainingJob'] = ResolversParentTypes['TrainingJob']> = ResolversObject<{
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
}>;

export type UserResolvers<ContextType = ObservabilityContext, ParentType extends ResolversParentTypes['User'] = ResolversParentTypes['User']> = ResolversObject<{
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
}>;

export interface Federation__FieldSetScalarConfig extends GraphQLScalarTypeConfig<ResolversTypes['federation__FieldSet'], any> {
  name: 'federation__FieldSet';
}

export interface Link__ImportScalarConfig extends GraphQLScalarTypeConfig<ResolversTypes['link__Import'], any> {
  name: 'link__Import';
}

export type Resolvers<ContextType = ObservabilityContext> = ResolversObject<{
  AuditEvent?: AuditEventResolvers<ContextType>;
  AuditEventConnection?: AuditEventConnectionResolvers<ContextType>;
  AuditEventEdge?: AuditEventEdgeResolvers<ContextType>;
  DateTime?: GraphQLScalarType;
  DriftAlert?: DriftAlertResolvers<ContextType>;
  DriftAlertConnection?: DriftAlertConnectionResolvers<ContextType>;
  DriftAlertEdge?: DriftAlertEdgeResolvers<ContextType>;
  DriftPolicy?: DriftPolicyResolvers<ContextType>;
  DriftReport?: DriftReportResolvers<ContextType>;
  DriftReportConnection?: DriftReportConnectionResolvers<ContextType>;
  DriftReportEdge?: DriftReportEdgeResolvers<ContextType>;
  FeatureDrift?: FeatureDriftResolvers<ContextType>;
  JSON?: GraphQLScalarType;
  Model?: ModelResolvers<ContextType>;
  ModelMetrics?: ModelMetricsResolvers<ContextType>;
  ModelVersion?: ModelVersionResolvers<ContextType>;
  Mutation?: MutationResolvers<ContextType>;
  PageInfo?: PageInfoResolvers<ContextType>;
  Query?: QueryResolvers<ContextType>;
  ServiceHealth?: ServiceHealthResolvers<ContextType>;
  Subscription?: SubscriptionResolvers<ContextType>;
  SystemHealth?: SystemHealthResolvers<ContextType>;
  TrainingJob?: TrainingJobResolvers<ContextType>;
  User?: UserResolvers<ContextType>;
  federation__FieldSet?: GraphQLScalarType;
  link__Import?: GraphQLScalarType;
}>;

export type DirectiveResolvers<ContextType = ObservabilityContext> = ResolversObject<{
  inaccessible?: InaccessibleDirectiveResolver<any, any, ContextType>;
  interfaceObject?: InterfaceObjectDirectiveResolver<any, any, ContextType>;
  link?: LinkDirectiveResolver<any, any, ContextType>;
  override?: OverrideDirectiveResolver<any, any, ContextType>;
  shareable?: ShareableDirectiveResolver<any, any, ContextType>;
  tag?: TagDirectiveResolver<any, any, ContextType>;
}>;
