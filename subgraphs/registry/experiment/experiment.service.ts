import { UniqueConstraintViolationException } from '@mikro-orm/core';
import { entityLoader, loadExisting } from '../../../lib/entity-loader';
import { errors } from '../../../lib/errors';
import { newestFirst, readPage, type Page, type PageArguments } from '../../../lib/keyset-page';
import { parseDescription, parseName, parseTags } from '../validation';
import type { RegistryRequest } from '../registry-request';
import { tagLoader } from '../tags';
import { Experiment } from './experiment.entity';
import { ExperimentRepository } from './experiment.repository';
import { canBeStored } from '../../../lib/stored-text';

type Maybe<T> = T | null | undefined;

export interface CreateExperimentFields {
  name: string;
  description?: Maybe<string>;
  tags?: Maybe<readonly string[]>;
}

export type ExperimentPage = Page<Experiment>;

/**
 * Experiments for one request, in the caller's organization: who may create them, what a valid one is, unique
 * names, and batched lookups. Nothing is read before the caller is known to be a user.
 */
export class ExperimentService {
  private repository?: ExperimentRepository;
  private readonly byId = entityLoader((ids) => this.repo().findByIds(ids));
  private readonly tagsByExperiment = tagLoader<Experiment>((ids) => this.repo().tagsOf(ids));

  constructor(private readonly request: RegistryRequest) {}

  /** The experiment, or null when the caller's organization has none with this id (batched per request). */
  findById(id: string): Promise<Experiment | null> {
    return this.byId.load(id);
  }

  get(id: string): Promise<Experiment> {
    return loadExisting(this.byId, 'Experiment', id);
  }

  async findByName(name: string): Promise<Experiment | null> {
    if (!canBeStored(name)) return null;
    const experiment = await this.repo().findByName(name.trim());
    if (experiment) this.byId.prime(experiment.id, experiment);
    return experiment;
  }

  tags(experiment: Experiment): Promise<string[]> {
    return this.tagsByExperiment.load(experiment);
  }

  async list(args: PageArguments): Promise<ExperimentPage> {
    return readPage(args, newestFirst, this.repo(), this.byId);
  }

  async create(input: CreateExperimentFields): Promise<Experiment> {
    const caller = this.request.writer('experiments');
    const name = parseName(input.name, 'input.name');
    const description = parseDescription(input.description, 'input.description');
    const tags = parseTags(input.tags ?? [], 'input.tags', 'An experiment');
    if (await this.repo().findByName(name)) throw nameTaken(name);
    const experiment = Object.assign(new Experiment(), {
      organizationId: caller.organizationId,
      name,
      description,
    });
    try {
      await this.repo().transactional((repository) => repository.insert(experiment, tags));
    } catch (error) {
      // A concurrent create took the name between the check and the insert.
      if (error instanceof UniqueConstraintViolationException) throw nameTaken(name);
      throw error;
    }
    this.byId.prime(experiment.id, experiment);
    this.tagsByExperiment.prime(experiment, tags);
    return experiment;
  }

  private repo(): ExperimentRepository {
    this.repository ??= new ExperimentRepository(this.request.em());
    return this.repository;
  }
}

function nameTaken(name: string) {
  return errors.conflict(`An experiment named "${name}" already exists in this organization`);
}
