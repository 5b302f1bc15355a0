import { exportSPKI, generateKeyPair, SignJWT } from 'jose';

/**
 * A stand-in for a Clerk instance: a key pair made for this run, whose public key the worker is
 * given as CLERK_JWT_KEY, and session tokens in Clerk's format (claims v1) signed with it.
 */
export interface SessionIssuer {
  readonly publicKeyPem: string;
  /** A session token of `userId` as a member of `orgId` with `role`, issued for `origin`. */
  token(session: {
    readonly userId: string;
    readonly orgId: string;
    readonly role: `org:${string}`;
    readonly origin: string;
  }): Promise<string>;
}

export async function createSessionIssuer(): Promise<SessionIssuer> {
  const { publicKey, privateKey } = await generateKeyPair('RS256');
  return {
    publicKeyPem: await exportSPKI(publicKey),
    token: ({ userId, orgId, role, origin }) => {
      const now = Math.floor(Date.now() / 1000);
      return new SignJWT({ sid: `sess_${userId}`, azp: origin, org_id: orgId, org_role: role })
        .setProtectedHeader({ alg: 'RS256', typ: 'JWT' })
        .setSubject(userId)
        .setIssuedAt(now)
        .setNotBefore(now)
        .setExpirationTime(now + 3600)
        .sign(privateKey);
    },
  };
}
