import DataLoader from 'dataloader';
import type { Role } from '../../../lib/caller';
import { errors } from '../../../lib/errors';
import type { IdentityRequest } from '../identity-request';
import type { Membership } from '../organization/membership.entity';
import type { Organization } from '../organization/organization.entity';
import type { User } from '../user/user.entity';
import { isUuid } from '../../../lib/ids';
import { VisibleRecords } from './visible-records';

function byId<T extends { id: string }>(rows: T[], ids: readonly string[]): (T | null)[] {
  const found = new Map(rows.map((row) => [row.id, row]));
  return ids.map((id) => found.get(id) ?? null);
}

function groupBy<T>(rows: T[], key: (row: T) => string, ids: readonly string[]): T[][] {
  const groups = new Map<string, T[]>(ids.map((id) => [id, []]));
  for (const row of rows) groups.get(key(row))?.push(row);
  return ids.map((id) => groups.get(id)!);
}

/**
 * Batched reads for one viewer within one request: N references or N parents cost one statement per kind of
 * record, whatever N is. Ids that are not UUIDs name nothing and never reach the database.
 */
export class ViewerReader {
  private readonly users = new DataLoader<string, User | null>(async (ids) =>
    byId(await this.records.users(ids), ids),
  );
  private readonly organizations = new DataLoader<string, Organization | null>(async (ids) =>
    byId(await this.records.organizations(ids), ids),
  );
  private readonly membershipsByUser = new DataLoader<string, Membership[]>(async (ids) =>
    groupBy(await this.records.membershipsOfUsers(ids), (m) => m.userId, ids),
  );
  private readonly membershipsByOrganization = new DataLoader<string, Membership[]>(async (ids) =>
    groupBy(await this.records.membershipsOfOrganizations(ids), (m) => m.organizationId, ids),
  );

  constructor(private readonly records: VisibleRecords) {}

  async user(id: string): Promise<User | null> {
    return isUuid(id) ? this.users.load(id) : null;
  }

  async organization(id: string): Promise<Organization | null> {
    return isUuid(id) ? this.organizations.load(id) : null;
  }

  membershipsOfUser(userId: string): Promise<Membership[]> {
    return this.membershipsByUser.load(userId);
  }

  membersOf(organizationId: string): Promise<Membership[]> {
    return this.membershipsByOrganization.load(organizationId);
  }

  roleIn(organizationId: string): Promise<Role | null> {
    return this.records.roleIn(organizationId);
  }

  /** Records this request wrote itself, so that reading them back costs no query. */
  prime(records: { users?: User[]; organizations?: Organization[] }): void {
    for (const user of records.users ?? []) this.users.clear(user.id).prime(user.id, user);
    for (const org of records.organizations ?? []) this.organizations.clear(org.id).prime(org.id, org);
  }
}

/**
 * Whom a request reads for: the signed-in caller, or the user that a public mutation (register, login,
 * refreshToken) has just authenticated, so that its payload shows that user's own organizations.
 */
export class Viewer {
  private userId: string | undefined;
  private reader?: ViewerReader;

  constructor(private readonly request: IdentityRequest) {
    const { caller } = request;
    this.userId = caller.kind === 'user' ? caller.userId : undefined;
  }

  /** The viewer's user id; UNAUTHENTICATED for an anonymous caller. */
  get id(): string {
    if (!this.userId) throw errors.unauthenticated();
    return this.userId;
  }

  becomes(userId: string): void {
    if (userId === this.userId) return;
    this.userId = userId;
    this.reader = undefined;
  }

  read(): ViewerReader {
    this.reader ??= new ViewerReader(new VisibleRecords(this.request.em(), this.id));
    return this.reader;
  }
}
