import type { Role } from '../../../lib/caller';
import type { EntityManager } from '../../../lib/database';
import { Membership } from '../organization/membership.entity';
import { Organization } from '../organization/organization.entity';
import { User } from '../user/user.entity';

const byAge = { createdAt: 'asc', id: 'asc' } as const;

/**
 * The identity data one user (the viewer) may read: the organizations they belong to, the memberships of those
 * organizations, and the users who share one of them. The restriction is a sub-query inside every statement, so
 * each read stays one SQL statement and no caller of this class can forget it.
 */
export class VisibleRecords {
  constructor(
    private readonly em: EntityManager,
    private readonly viewerId: string,
  ) {}

  /** `select organization_id from memberships where user_id = :viewer` */
  private viewerOrganizationIds() {
    return this.em
      .createQueryBuilder(Membership, 'vm')
      .select('vm.organizationId')
      .where({ userId: this.viewerId })
      .getKnexQuery();
  }

  async users(ids: readonly string[]): Promise<User[]> {
    const coMemberIds = this.em
      .createQueryBuilder(Membership, 'cm')
      .select('cm.userId')
      .where({ organizationId: { $in: this.viewerOrganizationIds() } })
      .getKnexQuery();
    return this.em
      .createQueryBuilder(User, 'u')
      .select('*')
      .where({ id: { $in: [...ids] } })
      .andWhere({ $or: [{ id: this.viewerId }, { id: { $in: coMemberIds } }] })
      .getResultList();
  }

  async organizations(ids: readonly string[]): Promise<Organization[]> {
    return this.em
      .createQueryBuilder(Organization, 'o')
      .select('*')
      .where({ id: { $in: [...ids] } })
      .andWhere({ id: { $in: this.viewerOrganizationIds() } })
      .getResultList();
  }

  /** Memberships of these users, in the viewer's organizations only (a user's other organizations stay private). */
  async membershipsOfUsers(userIds: readonly string[]): Promise<Membership[]> {
    return this.em
      .createQueryBuilder(Membership, 'm')
      .select('*')
      .where({ userId: { $in: [...userIds] } })
      .andWhere({ organizationId: { $in: this.viewerOrganizationIds() } })
      .orderBy(byAge)
      .getResultList();
  }

  async membershipsOfOrganizations(organizationIds: readonly string[]): Promise<Membership[]> {
    return this.em
      .createQueryBuilder(Membership, 'm')
      .select('*')
      .where({ organizationId: { $in: [...organizationIds] } })
      .andWhere({ organizationId: { $in: this.viewerOrganizationIds() } })
      .orderBy(byAge)
      .getResultList();
  }

  /** The viewer's role in an organization, or null when they are not a member. */
  async roleIn(organizationId: string): Promise<Role | null> {
    const membership = await this.em.findOne(Membership, { userId: this.viewerId, organizationId });
    return membership?.role ?? null;
  }
}
