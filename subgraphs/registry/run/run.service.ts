import DataLoader from 'dataloader';
import type { EntityManager } from '../../../lib/database';
import { entityLoader, loadExisting } from '../../../lib/entity-loader';
import { errors } from '../../../lib/errors';
import {
  countOnce,
  decodeCursor,
  encodeCursor,
  isUuid,
  parsePageSize,
  toPage,
  type Page,
} from '../../../lib/keyset-page';
import type { Experiment } from '../experiment/experiment.entity';
import type { ExperimentService } from '../experiment/experiment.service';
import type { RegistryRequest } from '../registry-request';
import { Run, type RunParam, type RunStatus } from './run.entity';
import { RunRepository, type SearchedRun } from './run.repository';
import { parseParams } from './run.validation';
import { parseFilter, parseOrder } from './search/parser';
import { DEFAULT_RUN_ORDER, planOrder } from './search/run-query';

type Maybe<T> = T | null | undefined;

export interface RunSearchArguments {
  first?: Maybe<number>;
  after?: Maybe<string>;
  filter?: Maybe<string>;
  orderBy?: Maybe<string>;
}

export type RunPage = Page<Run>;

/** A param's value as it was logged: a string, a number or a boolean. */
function jsonValue(param: RunParam): string | number | boolean {
  if (param.kind === 'NUMBER') return Number(param.value);
  if (param.kind === 'BOOLEAN') return param.value === 'true';
  return param.value;
}

/**
 * Runs for one request, in the caller's organization: their lifecycle (RUNNING until finished once), immutable
 * params, searches, and batched lookups. Writes to a run hold its row lock, so they never interleave.
 */
export class RunService {
  private readonly byId = entityLoader((ids) => this.repo().findByIds(ids));
  private readonly paramsByRun = new DataLoader<string, Record<string, string | number | boolean>>(
    async (runIds) => {
      const params = new Map(runIds.map((id) => [id, {} as Record<string, string | number | boolean>]));
      for (const param of await this.repo().paramsOf(runIds)) {
        params.get(param.run.id)![param.key] = jsonValue(param);
      }
      return runIds.map((id) => params.get(id)!);
    },
  );

  constructor(
    private readonly request: RegistryRequest,
    private readonly experiments: ExperimentService,
  ) {}

  /** The run, or null when the caller's organization has none with this id (batched per request). */
  findById(id: string): Promise<Run | null> {
    return this.byId.load(id);
  }

  get(id: string): Promise<Run> {
    return loadExisting(this.byId, 'Run', id);
  }

  experiment(run: Run): Promise<Experiment> {
    return this.experiments.get(run.experiment.id);
  }

  /** The run's params as one JSON object, keys in alphabetical order (batched per request). */
  params(run: Run): Promise<Record<string, string | number | boolean>> {
    return this.paramsByRun.load(run.id);
  }

  /** A page of the experiment's runs that match the filter, in the requested order (see search/parser.ts). */
  async search(experiment: Experiment, args: RunSearchArguments): Promise<RunPage> {
    const repository = this.repo();
    const size = parsePageSize(args.first);
    const filter = parseFilter(args.filter ?? '');
    const plan = planOrder(parseOrder(args.orderBy ?? '') ?? DEFAULT_RUN_ORDER);
    const types = plan.keys.map((key) => key.type);
    const after = args.after ? decodeCursor(args.after, plan.name, types) : undefined;
    const rows = await repository.search(experiment.id, filter, plan, size + 1, after);
    const byRun = new Map<Run, SearchedRun>(rows.map((row) => [row.run, row]));
    for (const { run } of rows) this.byId.prime(run.id, run);
    const cursorOf = (run: Run) => encodeCursor(plan.name, byRun.get(run)!.sortValues, run.id);
    const count = countOnce(() => repository.count(experiment.id, filter));
    return toPage(
      rows.map((row) => row.run),
      size,
      cursorOf,
      after !== undefined,
      count,
    );
  }

  async create(experimentId: string, input: unknown): Promise<Run> {
    const caller = this.request.writer('runs');
    const params = parseParams(input);
    const experiment = await this.experiments.get(experimentId);
    const run = Object.assign(new Run(), { organizationId: caller.organizationId, experiment });
    await this.repo().transactional((repository) => repository.insert(run, params));
    this.byId.prime(run.id, run);
    return run;
  }

  /** Adds params; a key already logged with another value is refused (CONFLICT), the same value is a no-op. */
  async logParams(runId: string, input: unknown): Promise<Run> {
    this.request.writer('runs');
    const params = parseParams(input);
    return this.updateRunning(runId, async (run, repository) => {
      const logged = new Map((await repository.paramsOf([run.id])).map((p) => [p.key, p.value]));
      for (const param of params) {
        const value = logged.get(param.key);
        if (value !== undefined && value !== param.value) {
          throw errors.conflict(
            `Param "${param.key}" is already logged as "${value}"; params are immutable once logged`,
          );
        }
      }
      await repository.insertParams(
        run,
        params.filter((p) => !logged.has(p.key)),
      );
      this.paramsByRun.clear(run.id);
    });
  }

  async finish(runId: string, status: RunStatus): Promise<Run> {
    this.request.writer('runs');
    if (status === 'RUNNING') throw errors.badInput('A run finishes as FINISHED, FAILED or KILLED', 'status');
    return this.updateRunning(runId, async (run, repository) => {
      run.status = status;
      run.finishedAt = new Date();
      await repository.flush();
    });
  }

  /**
   * Runs `work` on the run in one transaction that holds the run's lock: NOT_FOUND when the organization has no
   * such run, CONFLICT once it is no longer RUNNING. `work` gets the transaction's EntityManager too.
   */
  async updateRunning(
    runId: string,
    work: (run: Run, repository: RunRepository, em: EntityManager) => Promise<void>,
  ): Promise<Run> {
    this.request.writer('runs');
    if (!isUuid(runId)) throw errors.notFound('Run', runId);
    const run = await this.request.transaction(async (tx) => {
      const repository = new RunRepository(tx, this.organizationId());
      const locked = await repository.findForUpdate(runId);
      if (!locked) throw errors.notFound('Run', runId);
      if (locked.status !== 'RUNNING') {
        throw errors.conflict(`Run ${runId} is ${locked.status}; only a RUNNING run can change`);
      }
      await work(locked, repository, tx);
      return locked;
    });
    this.byId.clear(run.id).prime(run.id, run);
    return run;
  }

  private organizationId(): string {
    return this.request.user().organizationId;
  }

  private repo(): RunRepository {
    return new RunRepository(this.request.em(), this.organizationId());
  }
}
