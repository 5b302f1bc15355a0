import { pemToDer } from './pem.js';

/**
 * SHA-256 (hex) of the DER of the committed dev-only public key, dev/dev-jwt-public.pem:
 * anyone can sign tokens for it with the private key next to it. A fingerprint rather than the
 * key itself, so that the package ships no key; a node test keeps it equal to the file.
 */
export const COMMITTED_DEV_KEY_FINGERPRINT =
  'cdbe3dcd7b8d6fb7fcc857bebce0fdd2e540a8f88be6ec998e964c611a4b2ec9';

// One worker has one CLERK_JWT_KEY: remember the answer for it rather than hash per request.
let remembered: { readonly pem: string; readonly isDevKey: Promise<boolean> } | undefined;

/** Whether `pem` (a CLERK_JWT_KEY) is the committed dev key, which only loopback may trust. */
export function isCommittedDevKey(pem: string | undefined): Promise<boolean> {
  if (!pem?.trim()) return Promise.resolve(false);
  if (remembered?.pem !== pem) remembered = { pem, isDevKey: matchesFingerprint(pem) };
  return remembered.isDevKey;
}

async function matchesFingerprint(pem: string): Promise<boolean> {
  let der: Uint8Array<ArrayBuffer>;
  try {
    der = pemToDer(pem);
  } catch {
    // Not base64 at all: certainly not the dev key (verification reports the bad key itself).
    return false;
  }
  return (await keyFingerprint(der)) === COMMITTED_DEV_KEY_FINGERPRINT;
}

/** SHA-256 of a key's DER bytes, in hex. */
export async function keyFingerprint(der: Uint8Array<ArrayBuffer>): Promise<string> {
  const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', der));
  return Array.from(digest, (byte) => byte.toString(16).padStart(2, '0')).join('');
}
