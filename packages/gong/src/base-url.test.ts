import { describe, expect, it } from 'vitest';
import { type BaseUrlRules, isGongApiHost, normalizeGongBaseUrl } from './base-url.ts';

const rules: BaseUrlRules = { defaultBaseUrl: 'https://api.gong.io', allowedOrigins: [] };

type Expected = string | `reject:${string}`;

// [input, expected origin or rejection reason, why]
const table: ReadonlyArray<readonly [string | undefined, Expected, string]> = [
  // good
  ['https://api.gong.io', 'https://api.gong.io', 'the standard base URL'],
  ['https://api.gong.io/', 'https://api.gong.io', 'a single trailing slash'],
  ['https://us-44392.api.gong.io', 'https://us-44392.api.gong.io', 'a regional base URL'],
  ['https://eu-12.api.gong.io/', 'https://eu-12.api.gong.io', 'a regional base URL with slash'],
  ['  https://api.gong.io  ', 'https://api.gong.io', 'surrounding whitespace is trimmed'],
  ['HTTPS://API.GONG.IO', 'https://api.gong.io', 'upper case scheme and host'],
  ['https://US-44392.Api.Gong.Io', 'https://us-44392.api.gong.io', 'mixed case regional host'],
  ['https://api.gong.io.', 'https://api.gong.io', 'a trailing dot is tolerated and dropped'],
  ['https://us-1.api.gong.io./', 'https://us-1.api.gong.io', 'regional host with trailing dot'],
  [
    'https://api\uff0egong\uff0eio',
    'https://api.gong.io',
    'full-width dots are the real host after IDNA mapping',
  ],
  // blank → default
  [undefined, 'https://api.gong.io', 'missing means the default'],
  ['', 'https://api.gong.io', 'blank means the default'],
  ['   ', 'https://api.gong.io', 'whitespace means the default'],
  // scheme
  ['http://api.gong.io', 'reject:not-https', 'plain http'],
  ['ftp://api.gong.io', 'reject:not-https', 'another scheme'],
  ['https:api.gong.io', 'reject:not-a-url', 'no slashes (WHATWG would guess)'],
  ['api.gong.io', 'reject:not-a-url', 'no scheme'],
  ['https://', 'reject:not-a-url', 'no host'],
  ['https://api.gong.io\t', 'https://api.gong.io', 'trailing tab is trimmed'],
  ['https://api.go\nng.io', 'reject:not-a-url', 'a newline inside (WHATWG would drop it)'],
  // other hosts and look-alike suffixes
  ['https://gong.io', 'reject:host-not-allowed', 'the parent domain'],
  ['https://app.gong.io', 'reject:host-not-allowed', 'another gong.io host'],
  ['https://evil.com', 'reject:host-not-allowed', 'any other host'],
  ['https://api.gong.io.evil.com', 'reject:host-not-allowed', 'look-alike suffix'],
  ['https://evilapi.gong.io', 'reject:host-not-allowed', 'label glued to api'],
  ['https://api-gong.io', 'reject:host-not-allowed', 'hyphen look-alike'],
  ['https://api.gong.io.com', 'reject:host-not-allowed', 'extra TLD'],
  ['https://api.gong.iox', 'reject:host-not-allowed', 'longer TLD'],
  ['https://a.b.api.gong.io', 'reject:host-not-allowed', 'two labels deep'],
  ['https://-us.api.gong.io', 'reject:host-not-allowed', 'label starting with a hyphen'],
  ['https://us_1.api.gong.io', 'reject:host-not-allowed', 'underscore is not a hostname character'],
  ['https://evil.com\\@api.gong.io', 'reject:host-not-allowed', 'backslash trick: WHATWG host is evil.com'],
  ['https://api.gong.io\\@evil.com', 'reject:has-path', 'backslash starts a path in https'],
  // IDN look-alikes (WHATWG punycodes them)
  ['https://api.g\u043eng.io', 'reject:host-not-allowed', 'Cyrillic o in gong'],
  ['https://\u0430pi.gong.io', 'reject:host-not-allowed', 'Cyrillic a in api'],
  ['https://api.gong.i\u03bf', 'reject:host-not-allowed', 'Greek omicron in io'],
  // user info
  ['https://user:pass@api.gong.io', 'reject:has-user-info', 'user and password'],
  ['https://user@api.gong.io', 'reject:has-user-info', 'user only'],
  ['https://@api.gong.io', 'reject:has-user-info', 'empty user info'],
  ['https://api.gong.io@evil.com', 'reject:has-user-info', 'user info look-alike (the host is evil.com)'],
  // ports
  ['https://api.gong.io:443', 'reject:has-port', 'explicit default port (WHATWG elides it)'],
  ['https://api.gong.io:8443', 'reject:has-port', 'other port'],
  ['https://api.gong.io:', 'reject:has-port', 'empty port'],
  ['https://us-1.api.gong.io:443/', 'reject:has-port', 'regional with port'],
  // paths, queries, fragments
  ['https://api.gong.io/v2', 'reject:has-path', 'a path'],
  ['https://api.gong.io//', 'reject:has-path', 'double slash'],
  ['https://api.gong.io/.', 'reject:has-path', 'dot segment'],
  ['https://api.gong.io?x=1', 'reject:has-query', 'a query'],
  ['https://api.gong.io/?', 'reject:has-query', 'an empty query'],
  ['https://api.gong.io#x', 'reject:has-fragment', 'a fragment'],
  ['https://api.gong.io/#', 'reject:has-fragment', 'an empty fragment'],
  // IP literals in every notation
  ['https://127.0.0.1', 'reject:host-not-allowed', 'IPv4 loopback'],
  ['https://2130706433', 'reject:host-not-allowed', 'IPv4 as one decimal number'],
  ['https://0x7f000001', 'reject:host-not-allowed', 'IPv4 as one hex number'],
  ['https://0177.0.0.1', 'reject:host-not-allowed', 'IPv4 octal'],
  ['https://127.1', 'reject:host-not-allowed', 'IPv4 short form'],
  ['https://169.254.169.254', 'reject:host-not-allowed', 'cloud metadata address'],
  ['https://10.0.0.1', 'reject:host-not-allowed', 'private IPv4'],
  ['https://8.8.8.8', 'reject:host-not-allowed', 'public IPv4'],
  ['https://[::1]', 'reject:host-not-allowed', 'IPv6 loopback'],
  ['https://[::ffff:127.0.0.1]', 'reject:host-not-allowed', 'IPv4-mapped IPv6'],
  ['https://[0:0:0:0:0:0:0:1]', 'reject:host-not-allowed', 'IPv6 long form'],
  ['https://[fd00::1]', 'reject:host-not-allowed', 'IPv6 unique local'],
];

describe('normalizeGongBaseUrl', () => {
  it.each(table)('%j → %s (%s)', (input, expected) => {
    const verdict = normalizeGongBaseUrl(input, rules);
    if (expected.startsWith('reject:')) {
      expect(verdict).toEqual({ ok: false, reason: expected.slice('reject:'.length) });
    } else {
      expect(verdict).toEqual({ ok: true, origin: expected, allowedByDevList: false });
    }
  });

  it('has a table of at least 30 cases', () => {
    expect(table.length).toBeGreaterThanOrEqual(30);
  });

  it('uses the configured default for a blank input', () => {
    const verdict = normalizeGongBaseUrl(' ', { ...rules, defaultBaseUrl: 'https://eu-7.api.gong.io' });
    expect(verdict).toEqual({ ok: true, origin: 'https://eu-7.api.gong.io', allowedByDevList: false });
  });

  it('refuses a blank input when the default is blank too', () => {
    expect(normalizeGongBaseUrl('', { ...rules, defaultBaseUrl: '' })).toEqual({
      ok: false,
      reason: 'not-a-url',
    });
  });

  describe('development origins', () => {
    const dev: BaseUrlRules = { ...rules, allowedOrigins: ['http://127.0.0.1:4010'] };

    it('accepts an exactly listed origin, port and http included', () => {
      expect(normalizeGongBaseUrl('http://127.0.0.1:4010/', dev)).toEqual({
        ok: true,
        origin: 'http://127.0.0.1:4010',
        allowedByDevList: true,
      });
    });

    it('refuses a different port on the listed host', () => {
      expect(normalizeGongBaseUrl('http://127.0.0.1:4011', dev)).toEqual({ ok: false, reason: 'not-https' });
    });

    it('still refuses a path or user info on a listed origin', () => {
      expect(normalizeGongBaseUrl('http://127.0.0.1:4010/v2', dev)).toMatchObject({ ok: false });
      expect(normalizeGongBaseUrl('http://u:p@127.0.0.1:4010', dev)).toMatchObject({ ok: false });
    });

    it('lets the default itself be a listed origin', () => {
      const verdict = normalizeGongBaseUrl(undefined, { ...dev, defaultBaseUrl: 'http://127.0.0.1:4010' });
      expect(verdict).toEqual({ ok: true, origin: 'http://127.0.0.1:4010', allowedByDevList: true });
    });
  });
});

describe('isGongApiHost', () => {
  it('accepts api.gong.io and one label under it, nothing else', () => {
    expect(isGongApiHost('api.gong.io')).toBe(true);
    expect(isGongApiHost('us-1.api.gong.io.')).toBe(true);
    expect(isGongApiHost('x.us-1.api.gong.io')).toBe(false);
    expect(isGongApiHost('api.gong.io.evil.com')).toBe(false);
  });
});
