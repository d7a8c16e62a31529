/**
 * Passwords, lockout and opaque tokens: pure rules plus the hashing primitives they need.
 */
import { createHash, randomBytes } from 'node:crypto';
import { argon2Verify, argon2id } from 'hash-wasm';
import { AppError } from '../../platform/errors.ts';

/** OWASP's argon2id baseline: 19 MiB, 2 passes, 1 lane. */
export async function hashPassword(password: string): Promise<string> {
  return argon2id({
    password,
    salt: randomBytes(16),
    parallelism: 1,
    iterations: 2,
    memorySize: 19 * 1024,
    hashLength: 32,
    outputType: 'encoded',
  });
}

export function verifyPassword(password: string, hash: string): Promise<boolean> {
  return argon2Verify({ password, hash });
}

/** At least 10 characters, letters and digits, and not the username inside it. */
export function assertPasswordPolicy(username: string, password: string): void {
  const tooShort = password.length < 10;
  const lacksMix = !/[A-Za-z]/.test(password) || !/\d/.test(password);
  const containsUsername = password.toLowerCase().includes(username.toLowerCase());
  if (tooShort || lacksMix || containsUsername) throw new AppError('auth.weak_password', 400);
}

export interface LockoutPolicy {
  maxFailures: number;
  lockMinutes: number;
}

export function isLocked(lockedUntil: Date | null, now: number): boolean {
  return lockedUntil !== null && lockedUntil.getTime() > now;
}

/** The state after one more failed login: the counter grows and locks the account at the limit. */
export function afterFailedLogin(failedLogins: number, now: number, policy: LockoutPolicy) {
  const failures = failedLogins + 1;
  if (failures >= policy.maxFailures) {
    return { failedLogins: 0, lockedUntil: new Date(now + policy.lockMinutes * 60_000), lockedNow: true };
  }
  return { failedLogins: failures, lockedUntil: null, lockedNow: false };
}

export function newOpaqueToken(prefix: 'sls' | 'slt'): string {
  return `${prefix}_${randomBytes(32).toString('base64url')}`;
}

export function tokenHash(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}
