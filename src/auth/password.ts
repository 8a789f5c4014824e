import { hash, verify } from '@node-rs/argon2';

// @node-rs/argon2 defaults to Argon2id (OWASP: m=19 MiB, t=2, p=1 is the floor; these are above it).
const OPTIONS = { memoryCost: 19_456, timeCost: 2, parallelism: 1 };

export function hashPassword(password: string): Promise<string> {
  return hash(password, OPTIONS);
}

export async function verifyPassword(passwordHash: string, password: string): Promise<boolean> {
  try {
    return await verify(passwordHash, password);
  } catch {
    return false;
  }
}

let dummyHash: Promise<string> | undefined;
/** Verifying against a throwaway hash keeps "no such user" as slow as "wrong password". */
export async function burnVerification(password: string): Promise<void> {
  dummyHash ??= hashPassword('no-such-user-placeholder');
  await verifyPassword(await dummyHash, password);
}
