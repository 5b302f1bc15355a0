import * as z from 'zod';
import { ApiError } from '../http/api-error.js';

/** A Clerk organization role, always with its `org:` prefix (`org:admin`, `org:viewer`, …). */
export type OrgRole = `org:${string}`;

/** What the worker needs from a verified session token, whichever claims version it used. */
export interface SessionClaims {
  /** Clerk user id (`sub`), e.g. `user_2abc`. */
  readonly userId: string;
  /** Clerk session id (`sid`), e.g. `sess_2abc`. */
  readonly sessionId: string;
  /** The session's active organization, if any. */
  readonly orgId?: string;
  /** The user's role in that organization; only ever set together with `orgId`. */
  readonly orgRole?: OrgRole;
  readonly orgSlug?: string;
  /** When the token stops being valid, in ms since the epoch (`exp` × 1000). */
  readonly expiresAt: number;
}

const nonEmpty = z.string().min(1);

// Only what we read is checked; Clerk adds other claims (`fva`, `sts`, `pla`, `fea`, …) freely.
const baseClaims = z.object({
  sub: nonEmpty,
  // Every Clerk session token names its session; one without is not Clerk's.
  sid: nonEmpty,
  exp: z.number(),
  // A session that has not finished signing in (e.g. a pending second factor or an
  // organization it must still choose) is `pending`: it may not open a store yet.
  sts: z
    .string()
    .refine((status) => status !== 'pending')
    .optional(),
});

/** Claims v1: flat `org_*` claims. */
const claimsV1 = baseClaims.extend({
  v: z.undefined().optional(),
  org_id: nonEmpty.optional(),
  org_role: nonEmpty.optional(),
  org_slug: nonEmpty.optional(),
});

/** Claims v2: the organization is the compact `o` object; `rol` has no `org:` prefix. */
const claimsV2 = baseClaims.extend({
  v: z.literal(2),
  o: z
    .object({
      id: nonEmpty,
      rol: nonEmpty.optional(),
      slg: nonEmpty.optional(),
      per: z.string().optional(),
    })
    .optional(),
});

// An unknown version is refused rather than read as v1: silently losing its organization
// claims would hide the change instead of surfacing it as a 401.
const sessionClaimsSchema = z.union([claimsV1, claimsV2]);

/**
 * Normalises the claims of a verified Clerk session token (v1 or v2) into `SessionClaims`.
 *
 * @throws ApiError `token_invalid` when a claim we rely on is missing or has the wrong type.
 */
export function sessionClaimsFrom(payload: unknown): SessionClaims {
  const parsed = sessionClaimsSchema.safeParse(payload);
  if (!parsed.success) {
    throw new ApiError('token_invalid', 'The session token does not carry valid Clerk claims');
  }
  const claims = parsed.data;
  const org =
    claims.v === 2
      ? claims.o && { id: claims.o.id, role: claims.o.rol, slug: claims.o.slg }
      : claims.org_id === undefined
        ? undefined
        : { id: claims.org_id, role: claims.org_role, slug: claims.org_slug };

  return {
    userId: claims.sub,
    sessionId: claims.sid,
    ...(org === undefined ? {} : { orgId: org.id }),
    ...(org?.role === undefined ? {} : { orgRole: toOrgRole(org.role) }),
    ...(org?.slug === undefined ? {} : { orgSlug: org.slug }),
    expiresAt: claims.exp * 1000,
  };
}

/**
 * v2 drops the `org:` prefix (`admin`); v1 keeps it (`org:admin`). Clerk's own parser always
 * prepends it; we add it only when missing so that either spelling gives the same role.
 */
export function toOrgRole(role: string): OrgRole {
  return role.startsWith('org:') ? (role as OrgRole) : `org:${role}`;
}
