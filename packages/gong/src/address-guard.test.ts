import type { LookupAddress } from 'node:dns';
import { describe, expect, it } from 'vitest';
import { BlockedAddressError, guardedLookup, isPublicAddress } from './address-guard.ts';

describe('isPublicAddress', () => {
  it.each([
    ['127.0.0.1', 'loopback'],
    ['10.1.2.3', 'private 10/8'],
    ['172.16.0.1', 'private 172.16/12'],
    ['192.168.1.1', 'private 192.168/16'],
    ['169.254.169.254', 'link-local (cloud metadata)'],
    ['100.64.0.1', 'CGNAT'],
    ['0.0.0.0', 'unspecified'],
    ['255.255.255.255', 'broadcast'],
    ['224.0.0.1', 'multicast'],
    ['240.0.0.1', 'reserved'],
    ['192.0.2.1', 'documentation'],
    ['::1', 'IPv6 loopback'],
    ['::', 'IPv6 unspecified'],
    ['fe80::1', 'IPv6 link-local'],
    ['fd12:3456::1', 'IPv6 unique-local'],
    ['::ffff:127.0.0.1', 'IPv4-mapped loopback'],
    ['::ffff:8.8.8.8', 'IPv4-mapped public (still refused)'],
    ['64:ff9b::a00:1', 'NAT64 of 10.0.0.1'],
    ['2002:a00:1::', '6to4 of 10.0.0.1'],
    ['ff02::1', 'IPv6 multicast'],
    ['[::1]', 'bracketed loopback'],
    ['not-an-ip', 'garbage'],
  ])('refuses %s (%s)', (address) => {
    expect(isPublicAddress(address)).toBe(false);
  });

  it.each(['8.8.8.8', '34.120.1.1', '2606:4700:4700::1111'])('accepts public %s', (address) => {
    expect(isPublicAddress(address)).toBe(true);
  });
});

function lookupWith(answer: LookupAddress[]) {
  return guardedLookup(async () => answer);
}

function run(
  lookup: ReturnType<typeof guardedLookup>,
  all: boolean,
): Promise<{ error: Error | null; address: unknown }> {
  return new Promise((resolve) =>
    lookup('api.gong.io', { all }, (error, address) => resolve({ error, address })),
  );
}

describe('guardedLookup', () => {
  it('passes public answers through, in both callback shapes', async () => {
    const lookup = lookupWith([{ address: '34.120.1.1', family: 4 }]);
    expect(await run(lookup, true)).toEqual({ error: null, address: [{ address: '34.120.1.1', family: 4 }] });
    expect(await run(lookup, false)).toEqual({ error: null, address: '34.120.1.1' });
  });

  it('refuses the whole answer when any address is inside', async () => {
    const lookup = lookupWith([
      { address: '34.120.1.1', family: 4 },
      { address: '10.0.0.5', family: 4 },
    ]);
    const { error } = await run(lookup, true);
    expect(error).toBeInstanceOf(BlockedAddressError);
  });

  it('refuses a rebinding-style answer to loopback', async () => {
    const { error } = await run(lookupWith([{ address: '127.0.0.1', family: 4 }]), false);
    expect(error).toBeInstanceOf(BlockedAddressError);
  });

  it('passes resolver failures on', async () => {
    const lookup = guardedLookup(async () => {
      throw Object.assign(new Error('nope'), { code: 'ENOTFOUND' });
    });
    const { error } = await run(lookup, true);
    expect(error).toMatchObject({ code: 'ENOTFOUND' });
  });
});
