/**
 * Turns Set-Cookie headers from a sign-up into a Cookie request header, so the next better-auth call in the
 * same procedure acts as the new user (e.g. accepting an invitation right after creating the account).
 */
export function cookieHeaderFrom(setCookieHeaders: Headers | null | undefined): Headers {
  const pairs = (setCookieHeaders?.getSetCookie() ?? []).map((cookie) => cookie.split(';', 1)[0]);
  return new Headers({ cookie: pairs.join('; ') });
}
