import type { Role } from '../../../lib/caller';
import { qualifiedTableName } from '../../../lib/database';
import { errors } from '../../../lib/errors';
import {
  emptyPage,
  newestFirst,
  parsePageSize,
  readPage,
  type Page,
  type PageArguments,
} from '../../../lib/keyset-page';
import { findNewestFirst } from '../../../lib/keyset-query';
import type { ObservabilityRequest } from '../observability-request';
import { AuditEventRecord, AuditEventTarget } from './audit-event.entity';
import { auditConditions, canMatch, checkAuditFilter, type AuditFilterInput } from './audit-filter';

export type AuditEventPage = Page<AuditEventRecord>;

const AUDITORS: ReadonlySet<Role> = new Set(['OWNER', 'ADMIN']);

/** The audit log of the caller's organization, for its OWNERs and ADMINs. */
export class AuditLogService {
  constructor(private readonly request: ObservabilityRequest) {}

  async list(input: AuditFilterInput = {}, args: PageArguments = {}): Promise<AuditEventPage> {
    const caller = this.request.user();
    if (!AUDITORS.has(caller.role))
      throw errors.forbidden('Only an OWNER or ADMIN of the organization may read its audit log');
    const filter = checkAuditFilter(input);
    if (!canMatch(filter)) {
      parsePageSize(args.first);
      return emptyPage();
    }
    const em = this.request.em();
    const targets = qualifiedTableName(em, AuditEventTarget);
    // Built per query: a raw() fragment (the target condition) can be used in one query only.
    const where = () => auditConditions(filter, caller.organizationId, targets);
    return readPage(args, newestFirst, {
      findPage: (limit, after) => findNewestFirst(em, AuditEventRecord, where(), limit, after),
      count: () => em.count(AuditEventRecord, where()),
    });
  }
}
