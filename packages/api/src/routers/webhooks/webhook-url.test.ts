// Where a webhook may point: the Gong base-URL matrix's cases that apply to a URL with a path (scheme, user info,
// IP literals in every notation, inside host names, development origins), through the shared zod field and the
// server's rule together, as createWebhook applies them.
import { webhookUrlField } from '@callmine/contracts';
import { describe, expect, it } from 'vitest';
import { allowedWebhookUrl } from './webhook-url.ts';

const dev = ['http://127.0.0.1:4020'];

function verdict(input: string): string {
  const parsed = webhookUrlField.safeParse(input);
  if (!parsed.success) return `form:${parsed.error.issues[0]?.message}`;
  try {
    return allowedWebhookUrl(parsed.data, dev);
  } catch (error) {
    return `refused:${(error as Error).message}`;
  }
}

const refusedInside = 'refused:The URL must point to a public internet address.';
const notHttps = 'refused:The URL must start with https://.';
const urlForm = 'form:Enter the full address the events go to, like https://hooks.example.com/callmine.';

const table: ReadonlyArray<readonly [string, string, string]> = [
  ['https://hooks.example.com/callmine', 'https://hooks.example.com/callmine', 'a public https URL'],
  [
    'https://hooks.example.com:8443/a?b=c',
    'https://hooks.example.com:8443/a?b=c',
    'port, path and query are fine',
  ],
  ['  https://hooks.example.com/x  ', 'https://hooks.example.com/x', 'surrounding whitespace'],
  ['https://8.8.8.8/hook', 'https://8.8.8.8/hook', 'a public IPv4 literal'],
  ['http://hooks.example.com/x', notHttps, 'plain http'],
  [
    'ftp://hooks.example.com/x',
    'form:Enter the full address the events go to, like https://hooks.example.com/callmine.',
    'another scheme',
  ],
  [
    'hooks.example.com/x',
    'form:Enter the full address the events go to, like https://hooks.example.com/callmine.',
    'no scheme',
  ],
  [
    'https://user:pass@hooks.example.com/x',
    'form:The URL must not contain a user name or password.',
    'user info',
  ],
  [
    'https://@hooks.example.com/x',
    'form:The URL must not contain a user name or password.',
    'empty user info',
  ],
  [
    'https://hooks.example.com@evil.com/x',
    'form:The URL must not contain a user name or password.',
    'user-info look-alike',
  ],
  ['https://hooks.example.com/x#frag', 'form:The URL must not contain a fragment (#…).', 'a fragment'],
  ['https://localhost/x', refusedInside, 'localhost'],
  ['https://api.localhost/x', refusedInside, 'a .localhost name'],
  ['https://127.0.0.1/x', refusedInside, 'IPv4 loopback'],
  ['https://2130706433/x', refusedInside, 'IPv4 as one decimal number'],
  ['https://0x7f000001/x', refusedInside, 'IPv4 as one hex number'],
  ['https://0177.0.0.1/x', refusedInside, 'IPv4 octal'],
  ['https://127.1/x', refusedInside, 'IPv4 short form'],
  ['https://169.254.169.254/latest', refusedInside, 'cloud metadata address'],
  ['https://10.0.0.1/x', refusedInside, 'private IPv4'],
  ['https://192.168.1.1/x', refusedInside, 'private 192.168/16'],
  ['https://100.64.0.1/x', refusedInside, 'CGNAT'],
  ['https://[::1]/x', refusedInside, 'IPv6 loopback'],
  ['https://[::ffff:127.0.0.1]/x', refusedInside, 'IPv4-mapped IPv6'],
  ['https://[0:0:0:0:0:0:0:1]/x', refusedInside, 'IPv6 long form'],
  ['https://[fd00::1]/x', refusedInside, 'IPv6 unique local'],
  ['https://[fe80::1]/x', refusedInside, 'IPv6 link-local'],
  // The rest of the Gong base-URL matrix's shape cases.
  ['', urlForm, 'empty'],
  ['   ', urlForm, 'blank'],
  ['https://', urlForm, 'no host'],
  ['https:hooks.example.com/x', urlForm, 'no slashes (WHATWG would guess)'],
  ['https://hooks.exa\nmple.com/x', urlForm, 'a newline inside (WHATWG would drop it)'],
  ['https://hooks.example.com/a b', urlForm, 'a space inside'],
  ['https://hooks.example.com/x\t', 'https://hooks.example.com/x', 'a trailing tab is trimmed'],
  ['HTTPS://HOOKS.EXAMPLE.COM/x', 'https://hooks.example.com/x', 'upper case scheme and host'],
  [
    'https://evil.com\\@hooks.example.com/x',
    'form:The URL must not contain a user name or password.',
    'backslash before @',
  ],
  [
    'https://hooks.example.com\\@evil.com/x',
    'form:The URL must not contain a user name or password.',
    'backslash user-info look-alike',
  ],
  ['https://h\u043eoks.example.com/x', 'https://xn--hoks-55d.example.com/x', 'an IDN host is punycoded'],
  ['https://172.16.0.1/x', refusedInside, 'private 172.16/12'],
  ['https://0.0.0.0/x', refusedInside, 'unspecified IPv4'],
  ['https://224.0.0.1/x', refusedInside, 'multicast'],
  ['https://[::]/x', refusedInside, 'IPv6 unspecified'],
  ['https://[::ffff:8.8.8.8]/x', refusedInside, 'IPv4-mapped public (still refused)'],
  ['https://[64:ff9b::a00:1]/x', refusedInside, 'NAT64 of 10.0.0.1'],
  ['https://[2002:a00:1::]/x', refusedInside, '6to4 of 10.0.0.1'],
  ['http://127.0.0.1:4020/hook', 'http://127.0.0.1:4020/hook', 'an exactly listed development origin'],
  ['http://127.0.0.1:4021/hook', notHttps, 'another port on the listed host'],
  ['https://127.0.0.1:4020/hook', refusedInside, 'the listed host and port over another scheme'],
];

describe('webhook URL rule', () => {
  it.each(table)('%j → %s (%s)', (input, expected) => {
    expect(verdict(input)).toBe(expected);
  });
});
