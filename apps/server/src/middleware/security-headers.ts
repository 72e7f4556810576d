// The security headers every answer carries, computed once. Hono's secureHeaders() applied the same list, but with
// one Headers.set per header per answer after the handler had run (about a microsecond each, a dozen per answer);
// here the list is fixed at start-up and applied in one pass by the request envelope (request-envelope.ts).
// security-headers.test.ts checks that the list equals what Hono's secureHeaders() sends for these options.

/** The built SPA loads only its own script and style files; nothing inline, nothing third-party. */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "connect-src 'self'",
  "font-src 'self'",
  "object-src 'none'",
  "base-uri 'self'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

/** [name, value] pairs, lower-case names. Strict-Transport-Security only behind https (a browser ignores it on http). */
export function securityHeaders(publicUrl: string): ReadonlyArray<readonly [string, string]> {
  const headers: [string, string][] = [
    ['cross-origin-resource-policy', 'same-origin'],
    ['cross-origin-opener-policy', 'same-origin'],
    ['origin-agent-cluster', '?1'],
    ['referrer-policy', 'same-origin'],
    ['x-content-type-options', 'nosniff'],
    ['x-dns-prefetch-control', 'off'],
    ['x-download-options', 'noopen'],
    ['x-frame-options', 'SAMEORIGIN'],
    ['x-permitted-cross-domain-policies', 'none'],
    ['x-xss-protection', '0'],
    ['content-security-policy', CONTENT_SECURITY_POLICY],
  ];
  if (publicUrl.startsWith('https:')) {
    headers.push(['strict-transport-security', 'max-age=31536000; includeSubDomains']);
  }
  return Object.freeze(headers.map((pair) => Object.freeze(pair)));
}
