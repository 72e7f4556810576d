// The signed-in request's fast path. better-auth's getSession verifies the cookie through WebCrypto (a thread-pool
// hop per request), reads the session and the user through its adapter, and runs its endpoint pipeline: most of a
// status query's time. This resolver does the common case itself, with the same rules: the cookie's HMAC-SHA256 with
// the same secret, checked in constant time (node:crypto, on the main thread), then ONE prepared read of the session,
// its user and their memberships. It keeps no cache: every request reads the database, so a sign-out, a removal or a
// suspension counts from the very next request. Anything unusual (no or a bad signature, a session not found or
// expired, an expiry due to slide, better-auth's other session cookies) is left to better-auth, which answers it
// with its own side effects (clearing cookies, deleting an expired session, sliding the expiry).
import { createHmac, timingSafeEqual } from 'node:crypto';
import type { WorkspaceRole } from '@callmine/contracts';
import { type Db, preparedRead } from '@callmine/db';
import { eq, getTableColumns, sql } from 'drizzle-orm';
import type { CallmineAuth } from './create-auth.ts';
import type { Membership } from './membership.ts';

/** What better-auth's getSession answers for a signed-in request. */
export type AuthSession = CallmineAuth['$Infer']['Session'];

export interface ResolvedSession {
  session: AuthSession;
  /** The person's memberships as `listMemberships` reads them (oldest first, suspended ones flagged). */
  memberships: Membership[];
}

/** better-auth's settings the fast path must follow, read once from its context. */
interface SessionRules {
  secret: string;
  sessionCookie: string;
  /** Cookies whose presence makes better-auth do more than read (clear a stale cache, skip sliding). */
  otherCookies: readonly string[];
  expiresInMs: number;
  updateAgeMs: number;
}

/** The rules once read (then every request takes them without awaiting), or the read under way. */
const rulesByAuth = new WeakMap<CallmineAuth, SessionRules | Promise<SessionRules>>();

function rulesOf(auth: CallmineAuth): SessionRules | Promise<SessionRules> {
  let rules = rulesByAuth.get(auth);
  if (!rules) {
    rules = auth.$context.then((context) => {
      const read: SessionRules = {
        secret: context.secret,
        sessionCookie: context.authCookies.sessionToken.name,
        otherCookies: [context.authCookies.sessionData.name, context.authCookies.dontRememberToken.name],
        expiresInMs: context.sessionConfig.expiresIn * 1000,
        updateAgeMs: context.sessionConfig.updateAge * 1000,
      };
      rulesByAuth.set(auth, read);
      return read;
    });
    rulesByAuth.set(auth, rules);
  }
  return rules;
}

const sessionByToken = preparedRead('callmine_session_by_token', (db: Db) => {
  const t = db.tables;
  return db
    .select({
      session: getTableColumns(t.session),
      user: getTableColumns(t.user),
      memberId: t.member.id,
      memberSince: t.member.createdAt,
      role: t.member.role,
      workspaceId: t.organization.id,
      workspaceName: t.organization.name,
      suspendedAt: t.workspaceSuspension.suspendedAt,
    })
    .from(t.session)
    .innerJoin(t.user, eq(t.user.id, t.session.userId))
    .leftJoin(t.member, eq(t.member.userId, t.session.userId))
    .leftJoin(t.organization, eq(t.organization.id, t.member.organizationId))
    .leftJoin(t.workspaceSuspension, eq(t.workspaceSuspension.workspaceId, t.member.organizationId))
    .where(eq(t.session.token, sql.placeholder('token')));
  // No ORDER BY: SQLite sorted the (one or few) rows in a temporary B-tree on every request; they are sorted below.
});

/**
 * The session and memberships of a request whose session cookie is valid, unexpired and not due to slide; undefined
 * for everything else (the caller then asks better-auth, which has the last word).
 */
export async function resolveSession(auth: CallmineAuth, db: Db, headers: Headers) {
  const cookieHeader = headers.get('cookie');
  if (!cookieHeader) return undefined;
  const known = rulesOf(auth);
  const rules = known instanceof Promise ? await known : known;
  const cookies = parseCookies(cookieHeader);
  if (rules.otherCookies.some((name) => cookies.has(name))) return undefined;
  const token = verifiedToken(cookies.get(rules.sessionCookie), rules.secret);
  if (token === undefined) return undefined;
  const rows = await sessionByToken(db, { token });
  const first = rows[0];
  if (!first) return undefined;
  const expiresAt = first.session.expiresAt.getTime();
  const now = Date.now();
  if (expiresAt < now) return undefined;
  // better-auth's rule for sliding the expiry forward (and re-setting the cookie): it does the write.
  if (expiresAt - rules.expiresInMs + rules.updateAgeMs <= now) return undefined;
  const memberships: Membership[] = [];
  // listMemberships' order: oldest membership first, then by id.
  if (rows.length > 1) rows.sort(byMembershipAge);
  for (const row of rows) {
    if (
      row.memberId === null ||
      row.role === null ||
      row.workspaceId === null ||
      row.workspaceName === null
    ) {
      continue;
    }
    memberships.push({
      memberId: row.memberId,
      role: row.role as WorkspaceRole,
      workspaceId: row.workspaceId,
      workspaceName: row.workspaceName,
      suspended: row.suspendedAt !== null,
    });
  }
  const session: AuthSession = { session: first.session, user: first.user };
  return { session, memberships } satisfies ResolvedSession;
}

function byMembershipAge(
  a: { memberSince: Date | null; memberId: string | null },
  b: { memberSince: Date | null; memberId: string | null },
): number {
  const since = (a.memberSince?.getTime() ?? 0) - (b.memberSince?.getTime() ?? 0);
  if (since !== 0) return since;
  return (a.memberId ?? '') < (b.memberId ?? '') ? -1 : (a.memberId ?? '') > (b.memberId ?? '') ? 1 : 0;
}

/**
 * Signed cookie values already verified, with their token: an HMAC per request (a fresh node:crypto Hmac object
 * each time) was a visible share of a status poll. Only the signature's verdict is kept, which depends on nothing
 * but the value and the secret; the session itself is read from the database on every request, so a sign-out or
 * a removal still counts from the very next one. Bounded: emptied when full.
 */
const verifiedCookies = new Map<string, { secret: string; token: string }>();
const VERIFIED_COOKIES_MAX = 10_000;

function verifiedToken(value: string | undefined, secret: string): string | undefined {
  if (!value) return undefined;
  const known = verifiedCookies.get(value);
  if (known && known.secret === secret) return known.token;
  const token = verifySignedCookie(value, secret);
  if (token === undefined) return undefined;
  if (verifiedCookies.size >= VERIFIED_COOKIES_MAX) verifiedCookies.clear();
  verifiedCookies.set(value, { secret, token });
  return token;
}

/**
 * The token inside better-call's signed cookie value (`<token>.<base64 HMAC-SHA256(secret, token)>`), or undefined
 * when the signature is missing or wrong. Stricter than better-call (the canonical base64 only), never looser.
 */
export function verifySignedCookie(value: string | undefined, secret: string): string | undefined {
  if (!value) return undefined;
  const dot = value.lastIndexOf('.');
  if (dot < 1) return undefined;
  const token = value.slice(0, dot);
  const signature = value.slice(dot + 1);
  if (signature.length !== 44 || !signature.endsWith('=')) return undefined;
  const expected = createHmac('sha256', secret).update(token, 'utf8').digest('base64');
  const presented = Buffer.from(signature, 'latin1');
  const wanted = Buffer.from(expected, 'latin1');
  if (presented.length !== wanted.length || !timingSafeEqual(presented, wanted)) return undefined;
  return token;
}

/** Cookie header → map, as better-call parses it: the first of a repeated name wins, values URL-decoded. */
function parseCookies(header: string): Map<string, string> {
  const cookies = new Map<string, string>();
  let index = 0;
  while (index < header.length) {
    const eq = header.indexOf('=', index);
    if (eq === -1) break;
    let end = header.indexOf(';', index);
    if (end === -1) end = header.length;
    else if (end < eq) {
      index = header.lastIndexOf(';', eq - 1) + 1;
      continue;
    }
    const name = header.slice(index, eq).trim();
    if (!cookies.has(name)) {
      let value = header.slice(eq + 1, end).trim();
      if (value.codePointAt(0) === 34) value = value.slice(1, -1);
      cookies.set(name, decode(value));
    }
    index = end + 1;
  }
  return cookies;
}

function decode(value: string): string {
  if (!value.includes('%')) return value;
  try {
    return decodeURIComponent(value);
  } catch {
    return value;
  }
}
