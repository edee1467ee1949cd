import { randomUUID } from 'node:crypto';
import type { EntityManager } from '../../../lib/database';
import { errors } from '../../../lib/errors';
import type { Logger } from '../../../lib/logger';
import type { IdentityRequest } from '../identity-request';
import type { TokenIssuer } from '../signing-key/token-issuer';
import type { Membership } from '../organization/membership.entity';
import { OrganizationRepository } from '../organization/organization.repository';
import { retryOnSlugCollision } from '../organization/slug';
import { isUniqueViolationOn } from '../unique-violation';
import { UserRepository } from '../user/user.repository';
import type { User } from '../user/user.entity';
import { MAX_EMAIL_LENGTH, MAX_PASSWORD_LENGTH, parseEmail, parseName, parsePassword } from '../validation';
import type { Viewer } from '../viewer/viewer';
import type { PasswordHasher } from './passwords';
import { RefreshTokenRepository } from './refresh-token.repository';

/** What register, login and refreshToken return (the GraphQL AuthPayload). */
export interface AuthResult {
  accessToken: string;
  refreshToken: string;
  expiresIn: number;
  user: User;
}

export interface RegisterData {
  email: string;
  password: string;
  displayName: string;
  organizationName: string;
}

/** Shared by every request of the process. */
export interface AuthDependencies {
  passwords: PasswordHasher;
  tokens: TokenIssuer;
  refreshTokenTtlSeconds: number;
}

// One answer for every failed sign-in, so that it tells nothing about which accounts exist.
const invalidCredentials = () => errors.unauthenticated('Invalid email or password');
const invalidRefreshToken = () => errors.unauthenticated('Invalid or expired refresh token');

/** The public operations: they work for an anonymous caller and establish who the caller is. */
export class AuthService {
  constructor(
    private readonly request: IdentityRequest,
    private readonly viewer: Viewer,
    private readonly deps: AuthDependencies,
    private readonly logger: Logger,
  ) {}

  async register(input: RegisterData): Promise<AuthResult> {
    const email = parseEmail(input.email, 'input.email');
    const password = parsePassword(input.password, 'input.password');
    const displayName = parseName(input.displayName, 'input.displayName');
    const organizationName = parseName(input.organizationName, 'input.organizationName');
    const emailTaken = () => errors.conflict('An account with this email already exists');
    if (await this.users().findByEmail(email)) throw emailTaken();
    const passwordHash = await this.deps.passwords.hash(password);

    try {
      // User, organization, membership and session are written together or not at all.
      const { user, membership, secret } = await retryOnSlugCollision((attempt) =>
        this.request.transaction(async (tx) => {
          const user = new UserRepository(tx).add({ email, passwordHash, displayName });
          const { membership } = await new OrganizationRepository(tx).addWithOwner(
            organizationName,
            user.id,
            attempt,
          );
          const { secret } = this.refreshTokens(tx).add(user.id, randomUUID(), this.ttl, new Date());
          return { user, membership, secret };
        }),
      );
      return await this.signedIn(user, [membership], secret);
    } catch (error) {
      // Registered by a concurrent request since our check.
      if (isUniqueViolationOn(error, 'email')) throw emailTaken();
      throw error;
    }
  }

  async login(emailInput: string, password: string): Promise<AuthResult> {
    const email = emailInput.trim().toLowerCase();
    // Over-long input cannot be anyone's credentials; refusing it before hashing denies a cheap way to burn CPU.
    if (email.length > MAX_EMAIL_LENGTH || password.length > MAX_PASSWORD_LENGTH) throw invalidCredentials();
    const user = await this.users().findByEmail(email);
    const valid = user
      ? await this.deps.passwords.verify(user.passwordHash, password)
      : await this.deps.passwords.verifyNobody(password);
    if (!user || !valid) throw invalidCredentials();

    const refreshTokens = this.refreshTokens();
    const { secret } = refreshTokens.add(user.id, randomUUID(), this.ttl, new Date());
    await refreshTokens.flush();
    return this.signedIn(user, await this.organizations().membershipsOf(user.id), secret);
  }

  /** Rotates: the presented token stops working. Presenting an already rotated token revokes its whole family. */
  async refresh(presented: string): Promise<AuthResult> {
    const now = new Date();
    const outcome = await this.request.transaction(async (tx) => {
      const tokens = this.refreshTokens(tx);
      const current = await tokens.findBySecret(presented);
      if (!current || (current.revokedAt && !current.replacedBy)) return { kind: 'invalid' as const };
      if (current.revokedAt) return { kind: 'reused' as const, familyId: current.familyId };
      if (current.expiresAt.getTime() <= now.getTime()) return { kind: 'invalid' as const };
      const nextId = randomUUID();
      // Losing a race against another exchange of the same token is reuse as well.
      if (!(await tokens.markRotated(current.id, nextId, now))) {
        return { kind: 'reused' as const, familyId: current.familyId };
      }
      const { secret } = tokens.add(current.userId, current.familyId, this.ttl, now, nextId);
      return { kind: 'rotated' as const, userId: current.userId, secret };
    });

    if (outcome.kind === 'reused') {
      // Outside the transaction above, which must not roll this revocation back.
      await this.refreshTokens().revokeFamily(outcome.familyId, now);
      this.logger.warn({ familyId: outcome.familyId }, 'refresh token reused; session revoked');
      throw invalidRefreshToken();
    }
    if (outcome.kind === 'invalid') throw invalidRefreshToken();
    const user = await this.users().findById(outcome.userId);
    if (!user) throw invalidRefreshToken();
    return this.signedIn(user, await this.organizations().membershipsOf(user.id), outcome.secret);
  }

  /** Ends the session the token belongs to. Idempotent: an unknown or already revoked token is not an error. */
  async logout(presented: string): Promise<boolean> {
    const refreshTokens = this.refreshTokens();
    const token = await refreshTokens.findBySecret(presented);
    if (token) await refreshTokens.revokeFamily(token.familyId, new Date());
    return true;
  }

  private get ttl(): number {
    return this.deps.refreshTokenTtlSeconds;
  }

  /** Repositories on the request's EntityManager, or on a transaction's. */
  private refreshTokens(em: EntityManager = this.request.em()): RefreshTokenRepository {
    return new RefreshTokenRepository(em);
  }

  private users(): UserRepository {
    return new UserRepository(this.request.em());
  }

  private organizations(): OrganizationRepository {
    return new OrganizationRepository(this.request.em());
  }

  private async signedIn(user: User, memberships: Membership[], refreshToken: string): Promise<AuthResult> {
    this.viewer.becomes(user.id);
    this.viewer.read().prime({ users: [user] });
    return {
      accessToken: await this.deps.tokens.issue(user, memberships),
      refreshToken,
      expiresIn: this.deps.tokens.ttlSeconds,
      user,
    };
  }
}
