import type { GraphQLResolveInfo, GraphQLScalarType, GraphQLScalarTypeConfig } from 'graphql';
import type { Deployment as DeploymentMapper } from '../deployment/deployment.entity';
import type { DeploymentPage as DeploymentPageMapper } from '../deployment/deployment.service';
import type { InferenceContext } from '../context';
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
  /** Any JSON value. */
  JSON: { input: unknown; output: unknown; }
  federation__FieldSet: { input: unknown; output: unknown; }
  link__Import: { input: unknown; output: unknown; }
  _FieldSet: { input: unknown; output: unknown; }
};

export type ClassProbability = {
  __typename?: 'ClassProbability';
  label: Scalars['String']['output'];
  probability: Scalars['Float']['output'];
};

/**
 * A model version served for predictions. `deployModel` loads it (PENDING → LOADING → READY, or FAILED with the
 * reason); it becomes the model's deployment once READY, and the one it replaces is then STOPPED. Of two deployments
 * of one model loading at once, the one deployed later wins: whichever finishes first, the model ends with that one
 * READY and the other STOPPED. A deployment left PENDING or LOADING longer than DEPLOY_LOAD_TIMEOUT_MS (default 10
 * minutes: the replica loading it stopped) becomes FAILED.
 */
export type Deployment = {
  __typename?: 'Deployment';
  /**
   * How long its predictions stay cached, in seconds: 0 when they are never cached, null for the service's default
   * (PREDICTION_CACHE_TTL_SECONDS, 300).
   */
  cacheTtlSeconds: Maybe<Scalars['Int']['output']>;
  createdAt: Scalars['DateTime']['output'];
  /**
   * Why the deployment FAILED (e.g. the file no longer matches the SHA-256 recorded at upload), or why it was STOPPED
   * without serving (a deployment of the same model made after it became READY first).
   */
  error: Maybe<Scalars['String']['output']>;
  id: Scalars['ID']['output'];
  model: Model;
  /** When the deployment became READY. */
  readyAt: Maybe<Scalars['DateTime']['output']>;
  status: DeploymentStatus;
  /** The version served, as the registry recorded it when the deployment was made. */
  version: ModelVersion;
};

export type DeploymentConnection = {
  __typename?: 'DeploymentConnection';
  edges: Array<DeploymentEdge>;
  pageInfo: PageInfo;
  /** How many deployments match the filter, on every page. */
  totalCount: Scalars['Int']['output'];
};

export type DeploymentEdge = {
  __typename?: 'DeploymentEdge';
  /** Opaque; pass it as `after` (with the same filter) to read the deployments that follow this one. */
  cursor: Scalars['String']['output'];
  node: Deployment;
};

export type DeploymentFilter = {
  modelId?: InputMaybe<Scalars['ID']['input']>;
  status?: InputMaybe<DeploymentStatus>;
};

export type DeploymentStatus =
  | 'FAILED'
  | 'LOADING'
  | 'PENDING'
  | 'READY'
  | 'STOPPED';

export type Model = {
  __typename?: 'Model';
  /** The READY deployment predictions go to; otherwise the newest one that is not STOPPED (loading or FAILED). */
  deployment: Maybe<Deployment>;
  id: Scalars['ID']['output'];
};

/** Owned by the registry; inference only refers to versions. */
export type ModelVersion = {
  __typename?: 'ModelVersion';
  id: Scalars['ID']['output'];
};

export type Mutation = {
  __typename?: 'Mutation';
  /**
   * Deploys a READY version (default: the model's PRODUCTION version, else its latest READY one) and returns it READY,
   * or FAILED with the reason (STOPPED if it was undeployed, or outrun by a later deployment, while it loaded). The
   * model's previous deployment keeps serving until then, and is STOPPED after. With `wait: false` it returns the
   * deployment PENDING at once and loads it in the background: poll `deployment(id)` for LOADING, then READY or
   * FAILED. SERVICE_UNAVAILABLE when the registry cannot be reached (nothing was deployed; try again).
   * `cacheTtlSeconds`: how long its predictions stay cached (0: never; null: the default, 300 s).
   */
  deployModel: Deployment;
  /** Predicts one row with the model's READY deployment (CONFLICT when it has none). */
  predict: Prediction;
  /** Predicts up to PREDICT_BATCH_MAX rows (default 10,000), in order: the rows not cached run as one batch. */
  predictBatch: Array<Prediction>;
  /**
   * Stops a deployment: predictions no longer reach it. A deployment still PENDING or LOADING is stopped too and
   * never becomes READY.
   */
  undeployModel: Deployment;
};


export type MutationDeployModelArgs = {
  cacheTtlSeconds?: InputMaybe<Scalars['Int']['input']>;
  modelId: Scalars['ID']['input'];
  versionId?: InputMaybe<Scalars['ID']['input']>;
  wait?: InputMaybe<Scalars['Boolean']['input']>;
};


export type MutationPredictArgs = {
  input: PredictionInput;
  modelId: Scalars['ID']['input'];
};


export type MutationPredictBatchArgs = {
  inputs: Array<PredictionInput>;
  modelId: Scalars['ID']['input'];
};


export type MutationUndeployModelArgs = {
  deploymentId: Scalars['ID']['input'];
};

export type PageInfo = {
  __typename?: 'PageInfo';
  endCursor: Maybe<Scalars['String']['output']>;
  hasNextPage: Scalars['Boolean']['output'];
  /** Forward pagination only: true when the page was read `after` a cursor. */
  hasPreviousPage: Scalars['Boolean']['output'];
  startCursor: Maybe<Scalars['String']['output']>;
};

/** The prediction for one row. */
export type Prediction = {
  __typename?: 'Prediction';
  /**
   * Whether the answer came from the prediction cache: the same version already predicted the same feature values
   * (given positionally or by name alike) within the deployment's cacheTtlSeconds.
   */
  cacheHit: Scalars['Boolean']['output'];
  /** Which cache answered; null when the row was computed. */
  cachedIn: Maybe<PredictionCacheLevel>;
  /** The predicted class of a classifier. */
  label: Maybe<Scalars['String']['output']>;
  /**
   * What the row cost, in milliseconds: for a computed row, the wait and model run of its batch (the whole batch for
   * predictBatch); for a cached one, the cache lookup.
   */
  latencyMs: Scalars['Float']['output'];
  /** The version that answered. */
  modelVersion: ModelVersion;
  /** A classifier's probability of each class, in the order of the version's labels. */
  probabilities: Maybe<Array<ClassProbability>>;
  /** The predicted value of a regressor. */
  value: Maybe<Scalars['Float']['output']>;
};

/** Where a cached prediction came from. */
export type PredictionCacheLevel =
  /** The answering replica's own memory (L1). */
  | 'MEMORY'
  /** Redis, shared by every replica (L2): another replica, or this one before its memory forgot it, computed the row. */
  | 'REDIS';

/**
 * One row, given either positionally (`features`, in the order of the version's inputSchema) or by feature name
 * (`named`: a JSON object with every feature of the inputSchema; null for a missing value where the model takes one).
 * Exactly one of the two.
 */
export type PredictionInput = {
  features?: InputMaybe<Array<Scalars['Float']['input']>>;
  named?: InputMaybe<Scalars['JSON']['input']>;
};

export type Query = {
  __typename?: 'Query';
  deployment: Maybe<Deployment>;
  /** Newest first. */
  deployments: DeploymentConnection;
};


export type QueryDeploymentArgs = {
  id: Scalars['ID']['input'];
};


export type QueryDeploymentsArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  filter?: InputMaybe<DeploymentFilter>;
  first?: InputMaybe<Scalars['Int']['input']>;
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
  Deployment: Deployment;
  Model: Model;
}>;

/** Mapping of federation reference types */
export type FederationReferenceTypes = ResolversObject<{
  Deployment:
    ( { __typename: 'Deployment' }
    & GraphQLRecursivePick<FederationTypes['Deployment'], {"id":true}> );
  Model:
    ( { __typename: 'Model' }
    & GraphQLRecursivePick<FederationTypes['Model'], {"id":true}> );
}>;



/** Mapping between all available schema types and the resolvers types */
export type ResolversTypes = ResolversObject<{
  ClassProbability: ResolverTypeWrapper<ClassProbability>;
  Float: ResolverTypeWrapper<Scalars['Float']['output']>;
  DateTime: ResolverTypeWrapper<Scalars['DateTime']['output']>;
  Deployment: ResolverTypeWrapper<DeploymentMapper>;
  Int: ResolverTypeWrapper<Scalars['Int']['output']>;
  ID: ResolverTypeWrapper<Scalars['ID']['output']>;
  DeploymentConnection: ResolverTypeWrapper<DeploymentPageMapper>;
  DeploymentEdge: ResolverTypeWrapper<Omit<DeploymentEdge, 'node'> & { node: ResolversTypes['Deployment'] }>;
  DeploymentFilter: DeploymentFilter;
  DeploymentStatus: DeploymentStatus;
  JSON: ResolverTypeWrapper<Scalars['JSON']['output']>;
  Model: ResolverTypeWrapper<{ id: string }>;
  ModelVersion: ResolverTypeWrapper<{ id: string }>;
  Mutation: ResolverTypeWrapper<Record<PropertyKey, never>>;
  Boolean: ResolverTypeWrapper<Scalars['Boolean']['output']>;
  PageInfo: ResolverTypeWrapper<PageInfo>;
  Prediction: ResolverTypeWrapper<Omit<Prediction, 'modelVersion'> & { modelVersion: ResolversTypes['ModelVersion'] }>;
  PredictionCacheLevel: PredictionCacheLevel;
  PredictionInput: PredictionInput;
  Query: ResolverTypeWrapper<Record<PropertyKey, never>>;
  federation__FieldSet: ResolverTypeWrapper<Scalars['federation__FieldSet']['output']>;
  link__Import: ResolverTypeWrapper<Scalars['link__Import']['output']>;
  String: ResolverTypeWrapper<Scalars['String']['output']>;
}>;

/** Mapping between all available schema types and the resolvers parents */
export type ResolversParentTypes = ResolversObject<{
  ClassProbability: ClassProbability;
  Float: Scalars['Float']['output'];
  DateTime: Scalars['DateTime']['output'];
  Deployment: DeploymentMapper;
  Int: Scalars['Int']['output'];
  ID: Scalars['ID']['output'];
  DeploymentConnection: DeploymentPageMapper;
  DeploymentEdge: Omit<DeploymentEdge, 'node'> & { node: ResolversParentTypes['Deployment'] };
  DeploymentFilter: DeploymentFilter;
  JSON: Scalars['JSON']['output'];
  Model: { id: string };
  ModelVersion: { id: string };
  Mutation: Record<PropertyKey, never>;
  Boolean: Scalars['Boolean']['output'];
  PageInfo: PageInfo;
  Prediction: Omit<Prediction, 'modelVersion'> & { modelVersion: ResolversParentTypes['ModelVersion'] };
  PredictionInput: PredictionInput;
  Query: Record<PropertyKey, never>;
  federation__FieldSet: Scalars['federation__FieldSet']['output'];
  link__Import: Scalars['link__Import']['output'];
  String: Scalars['String']['output'];
}>;

export type InaccessibleDirectiveArgs = { };

export type InaccessibleDirectiveResolver<Result, Parent, ContextType = InferenceContext, Args = InaccessibleDirectiveArgs> = DirectiveResolverFn<Result, Parent, ContextType, Args>;

export type InterfaceObjectDirectiveArgs = { };

export type InterfaceObjectDirectiveResolver<Result, Parent, ContextType = InferenceContext, Args = InterfaceObjectDirectiveArgs> = DirectiveResolverFn<Result, Parent, ContextType, Args>;

export type LinkDirectiveArgs = {
  as?: Maybe<Scalars['String']['input']>;
  for?: Maybe<Scalars['String']['input']>;
  import?: Maybe<Array<Maybe<Scalars['link__Import']['input']>>>;
  url: Scalars['String']['input'];
};

export type LinkDirectiveResolver<Result, Parent, ContextType = InferenceContext, Args = LinkDirectiveArgs> = DirectiveResolverFn<Result, Parent, ContextType, Args>;

export type OverrideDirectiveArgs = {
  from: Scalars['String']['input'];
  label?: Maybe<Scalars['String']['input']>;
};

export type OverrideDirectiveResolver<Result, Parent, ContextType = InferenceContext, Args = OverrideDirectiveArgs> = DirectiveResolverFn<Result, Parent, ContextType, Args>;

export type ShareableDirectiveArgs = { };

export type ShareableDirectiveResolver<Result, Parent, ContextType = InferenceContext, Args = ShareableDirectiveArgs> = DirectiveResolverFn<Result, Parent, ContextType, Args>;

export type TagDirectiveArgs = {
  name: Scalars['String']['input'];
};

export type TagDirectiveResolver<Result, Parent, ContextType = InferenceContext, Args = TagDirectiveArgs> = DirectiveResolverFn<Result, Parent, ContextType, Args>;

export type ClassProbabilityResolvers<ContextType = InferenceContext, ParentType extends ResolversParentTypes['ClassProbability'] = ResolversParentTypes['ClassProbability']> = ResolversObject<{
  label?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  probability?: Resolver<ResolversTypes['Float'], ParentType, ContextType>;
}>;

export interface DateTimeScalarConfig extends GraphQLScalarTypeConfig<ResolversTypes['DateTime'], any> {
  name: 'DateTime';
}

export type DeploymentResolvers<ContextType = InferenceContext, ParentType extends ResolversParentTypes['Deployment'] = ResolversParentTypes['Deployment'], FederationReferenceType extends FederationReferenceTypes['Deployment'] = FederationReferenceTypes['Deployment']> = ResolversObject<{
  __resolveReference?: ReferenceResolver<Maybe<ResolversTypes['Deployment']> | FederationReferenceType, FederationReferenceType, ContextType>;
  cacheTtlSeconds?: Resolver<Maybe<ResolversTypes['Int']>, ParentType, ContextType>;
  createdAt?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  error?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  model?: Resolver<ResolversTypes['Model'], ParentType, ContextType>;
  readyAt?: Resolver<Maybe<ResolversTypes['DateTime']>, ParentType, ContextType>;
  status?: Resolver<ResolversTypes['DeploymentStatus'], ParentType, ContextType>;
  version?: Resolver<ResolversTypes['ModelVersion'], ParentType, ContextType>;
}>;

export type DeploymentConnectionResolvers<ContextType = InferenceContext, ParentType extends ResolversParentTypes['DeploymentConnection'] = ResolversParentTypes['DeploymentConnection']> = ResolversObject<{
  edges?: Resolver<Array<ResolversTypes['DeploymentEdge']>, ParentType, ContextType>;
  pageInfo?: Resolver<ResolversTypes['PageInfo'], ParentType, ContextType>;
  totalCount?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
}>;

export type DeploymentEdgeResolvers<ContextType = InferenceContext, ParentType extends ResolversParentTypes['DeploymentEdge'] = ResolversParentTypes['DeploymentEdge']> = ResolversObject<{
  cursor?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  node?: Resolver<ResolversTypes['Deployment'], ParentType, ContextType>;
}>;

export interface JsonScalarConfig extends GraphQLScalarTypeConfig<ResolversTypes['JSON'], any> {
  name: 'JSON';
}

export type ModelResolvers<ContextType = InferenceContext, ParentType extends ResolversParentTypes['Model'] = ResolversParentTypes['Model'], FederationReferenceType extends FederationReferenceTypes['Model'] = FederationReferenceTypes['Model']> = ResolversObject<{
  __resolveReference?: ReferenceResolver<Maybe<ResolversTypes['Model']> | FederationReferenceType, FederationReferenceType, ContextType>;
  deployment?: Resolver<Maybe<ResolversTypes['Deployment']>, ParentType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
}>;

export type ModelVersionResolvers<ContextType = InferenceContext, ParentType extends ResolversParentTypes['ModelVersion'] = ResolversParentTypes['ModelVersion']> = ResolversObject<{
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
}>;

export type MutationResolvers<ContextType = InferenceContext, ParentType extends ResolversParentTypes['Mutation'] = ResolversParentTypes['Mutation']> = ResolversObject<{
  deployModel?: Resolver<ResolversTypes['Deployment'], ParentType, ContextType, RequireFields<MutationDeployModelArgs, 'modelId' | 'wait'>>;
  predict?: Resolver<ResolversTypes['Prediction'], ParentType, ContextType, RequireFields<MutationPredictArgs, 'input' | 'modelId'>>;
  predictBatch?: Resolver<Array<ResolversTypes['Prediction']>, ParentType, ContextType, RequireFields<MutationPredictBatchArgs, 'inputs' | 'modelId'>>;
  undeployModel?: Resolver<ResolversTypes['Deployment'], ParentType, ContextType, RequireFields<MutationUndeployModelArgs, 'deploymentId'>>;
}>;

export type PageInfoResolvers<ContextType = InferenceContext, ParentType extends ResolversParentTypes['PageInfo'] = ResolversParentTypes['PageInfo']> = ResolversObject<{
  endCursor?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  hasNextPage?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
  hasPreviousPage?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
  startCursor?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
}>;

export type PredictionResolvers<ContextType = InferenceContext, ParentType extends ResolversParentTypes['Prediction'] = ResolversParentTypes['Prediction']> = ResolversObject<{
  cacheHit?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
  cachedIn?: Resolver<Maybe<ResolversTypes['PredictionCacheLevel']>, ParentType, ContextType>;
  label?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  latencyMs?: Resolver<ResolversTypes['Float'], ParentType, ContextType>;
  modelVersion?: Resolver<ResolversTypes['ModelVersion'], ParentType, ContextType>;
  probabilities?: Resolver<Maybe<Array<ResolversTypes['ClassProbability']>>, ParentType, ContextType>;
  value?: Resolver<Maybe<ResolversTypes['Float']>, ParentType, ContextType>;
}>;

export type QueryResolvers<ContextType = InferenceContext, ParentType extends ResolversParentTypes['Query'] = ResolversParentTypes['Query']> = ResolversObject<{
  deployment?: Resolver<Maybe<ResolversTypes['Deployment']>, ParentType, ContextType, RequireFields<QueryDeploymentArgs, 'id'>>;
  deployments?: Resolver<ResolversTypes['DeploymentConnection'], ParentType, ContextType, RequireFields<QueryDeploymentsArgs, 'first'>>;
}>;

export interface Federation__FieldSetScalarConfig extends GraphQLScalarTypeConfig<ResolversTypes['federation__FieldSet'], any> {
  name: 'federation__FieldSet';
}

export interface Link__ImportScalarConfig extends GraphQLScalarTypeConfig<ResolversTypes['link__Import'], any> {
  name: 'link__Import';
}

export type Resolvers<ContextType = InferenceContext> = ResolversObject<{
  ClassProbability?: ClassProbabilityResolvers<ContextType>;
  DateTime?: GraphQLScalarType;
  Deployment?: DeploymentResolvers<ContextType>;
  DeploymentConnection?: DeploymentConnectionResolvers<ContextType>;
  DeploymentEdge?: DeploymentEdgeResolvers<ContextType>;
  JSON?: GraphQLScalarType;
  Model?: ModelResolvers<ContextType>;
  ModelVersion?: ModelVersionResolvers<ContextType>;
  Mutation?: MutationResolvers<ContextType>;
  PageInfo?: PageInfoResolvers<ContextType>;
  Prediction?: PredictionResolvers<ContextType>;
  Query?: QueryResolvers<ContextType>;
  federation__FieldSet?: GraphQLScalarType;
  link__Import?: GraphQLScalarType;
}>;

export type DirectiveResolvers<ContextType = InferenceContext> = ResolversObject<{
  inaccessible?: InaccessibleDirectiveResolver<any, any, ContextType>;
  interfaceObject?: InterfaceObjectDirectiveResolver<any, any, ContextType>;
  link?: LinkDirectiveResolver<any, any, ContextType>;
  override?: OverrideDirectiveResolver<any, any, ContextType>;
  shareable?: ShareableDirectiveResolver<any, any, ContextType>;
  tag?: TagDirectiveResolver<any, any, ContextType>;
}>;
