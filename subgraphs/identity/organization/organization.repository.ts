import type { Role } from '../../../lib/caller';
import type { EntityManager } from '../../../lib/database';
import { Membership } from './membership.entity';
import { Organization } from './organization.entity';
import { nextFreeSlug, randomSlug, slugify } from './slug';

export interface NewOrganization {
  organization: Organization;
  membership: Membership;
}

/** Writes organizations and memberships, and reads a user's own memberships (for their access token). */
export class OrganizationRepository {
  constructor(private readonly em: EntityManager) {}

  /**
   * Persists an organization and its first OWNER; the caller flushes (in a transaction). The slug is the next
   * free one on the first attempt, and gets a random suffix on the next (see `retryOnSlugCollision`).
   */
  async addWithOwner(name: string, ownerId: string, attempt = 1): Promise<NewOrganization> {
    const base = slugify(name);
    const slug = attempt === 1 ? nextFreeSlug(base, await this.slugsLike(base)) : randomSlug(base);
    const organization = Object.assign(new Organization(), { name, slug });
    this.em.persist(organization);
    return { organization, membership: this.addMembership(organization.id, ownerId, 'OWNER') };
  }

  addMembership(organizationId: string, userId: string, role: Role): Membership {
    const membership = Object.assign(new Membership(), { organizationId, userId, role });
    this.em.persist(membership);
    return membership;
  }

  findMembership(organizationId: string, userId: string): Promise<Membership | null> {
    return this.em.findOne(Membership, { organizationId, userId });
  }

  /** Oldest first: the first one is the organization a token acts in when the client names none. */
  membershipsOf(userId: string): Promise<Membership[]> {
    return this.em.find(Membership, { userId }, { orderBy: { createdAt: 'asc', id: 'asc' } });
  }

  /** Writes what this request has persisted so far. */
  async flush(): Promise<void> {
    await this.em.flush();
  }

  /** The base slug and the slugs that extend it (`base-…`); slugs hold no LIKE wildcards. */
  private async slugsLike(base: string): Promise<string[]> {
    const rows = await this.em
      .createQueryBuilder(Organization, 'o')
      .select('o.slug')
      .where({ $or: [{ slug: base }, { slug: { $like: `${base}-%` } }] })
      .execute<{ slug: string }[]>('all');
    return rows.map((row) => row.slug);
  }
}
