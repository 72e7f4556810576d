/** Copies better-auth's Set-Cookie headers onto the response the transport will send. */
export function forwardCookies(from: Headers | null | undefined, to: Headers): void {
  if (!from) return;
  for (const cookie of from.getSetCookie()) to.append('set-cookie', cookie);
}
