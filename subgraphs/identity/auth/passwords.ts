import { randomBytes } from 'node:crypto';
import { hash, verify, type Algorithm } from '@node-rs/argon2';

// Algorithm.Argon2id: the enum is `const` in the typings, so it cannot be read at run time under isolated transpilers.
const ARGON2ID = 2 as Algorithm;

/** The OWASP minimum for argon2id (19 MiB, 2 passes), which is also the library's default. */
const options = { algorithm: ARGON2ID, memoryCost: 19456, timeCost: 2, parallelism: 1 };

/** Hashes and checks passwords with argon2id. One per process. */
export class PasswordHasher {
  private standIn?: Promise<string>;

  hash(password: string): Promise<string> {
    return hash(password, options);
  }

  async verify(passwordHash: string, password: string): Promise<boolean> {
    try {
      return await verify(passwordHash, password);
    } catch {
      // A malformed stored hash is a failed check, not a crash of the sign-in.
      return false;
    }
  }

  /**
   * Spends the time of a real check when there is no user to check against, so that an unknown email answers no
   * faster than a wrong password.
   */
  async verifyNobody(password: string): Promise<false> {
    await this.verify(await this.standInHash(), password);
    return false;
  }

  /** Computes the stand-in hash ahead of the first sign-in with an unknown email, which would otherwise be slower. */
  async warmUp(): Promise<void> {
    await this.standInHash();
  }

  private standInHash(): Promise<string> {
    this.standIn ??= this.hash(randomBytes(16).toString('base64url'));
    return this.standIn;
  }
}
