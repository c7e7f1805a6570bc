import { randomBytes, scrypt as scryptCb, timingSafeEqual, type ScryptOptions } from 'node:crypto';
import { CommunityError } from '../../socket/community-error';

const scrypt = (password: string, salt: Buffer, keylen: number, options: ScryptOptions) =>
  new Promise<Buffer>((resolve, reject) => scryptCb(password, salt, keylen, options, (err, key) => (err ? reject(err) : resolve(key))));

const PARAMS = { N: 16384, r: 8, p: 1 };
const KEYLEN = 64;

/** `scrypt$N$r$p$salt$hash` (base64url), from node:crypto's scrypt. */
export async function hashPassword(password: string): Promise<string> {
  const salt = randomBytes(16);
  const key = await scrypt(password, salt, KEYLEN, PARAMS);
  return ['scrypt', PARAMS.N, PARAMS.r, PARAMS.p, salt.toString('base64url'), key.toString('base64url')].join('$');
}

/** Constant-time check. A malformed stored hash never matches. */
export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const [scheme, n, r, p, salt, hash] = stored.split('$');
  if (scheme !== 'scrypt' || !salt || !hash) return false;
  const expected = Buffer.from(hash, 'base64url');
  const key = await scrypt(password, Buffer.from(salt, 'base64url'), expected.length, { N: Number(n), r: Number(r), p: Number(p) });
  return key.length === expected.length && timingSafeEqual(key, expected);
}

/** Verified against when a username does not exist, so timing does not tell who has an account. */
export const DUMMY_HASH = 'scrypt$16384$8$1$AAAAAAAAAAAAAAAAAAAAAA$' + 'A'.repeat(86);

export interface PasswordHasher {
  hash(password: string, purpose: 'register'): Promise<string>;
  verify(password: string, stored: string): Promise<boolean>;
}

export interface HasherLimits {
  /** scrypt jobs at once (each takes a libuv pool thread, 4 by default, shared with file I/O). */
  slots: number;
  /** How many of them registrations may hold: sign-ins always have the rest. */
  registerSlots: number;
  /** Registrations waiting beyond this are refused (`rate_limited`) rather than queued. */
  registerQueue: number;
}

/**
 * scrypt with bounded concurrency and sign-in first. A registration flood once queued a
 * thousand hashes on the pool that sign-in uses (a sign-in took 35 s instead of 0.1 s):
 * now registrations hold at most `registerSlots` of the slots, a free slot goes to a waiting
 * sign-in first, and registrations beyond a short queue are turned away at once.
 */
export function createPasswordHasher(limits: HasherLimits = { slots: 3, registerSlots: 1, registerQueue: 32 }): PasswordHasher {
  let running = 0;
  let registering = 0;
  const signIns: Array<() => void> = [];
  const registers: Array<() => void> = [];
  const next = () => {
    while (running < limits.slots) {
      if (signIns.length > 0) {
        running++;
        signIns.shift()!();
      } else if (registers.length > 0 && registering < limits.registerSlots) {
        running++;
        registering++;
        registers.shift()!();
      } else return;
    }
  };
  const run = async <T>(kind: 'sign-in' | 'register', job: () => Promise<T>): Promise<T> => {
    if (kind === 'register' && registers.length >= limits.registerQueue) {
      throw new CommunityError('rate_limited', 'The server is busy creating accounts. Try again in a minute.');
    }
    await new Promise<void>((start) => {
      (kind === 'register' ? registers : signIns).push(start);
      next();
    });
    try {
      return await job();
    } finally {
      running--;
      if (kind === 'register') registering--;
      next();
    }
  };
  return {
    hash: (password) => run('register', () => hashPassword(password)),
    verify: (password, stored) => run('sign-in', () => verifyPassword(password, stored)),
  };
}
