import type { LookupAddress, LookupOptions } from 'node:dns';
import dns from 'node:dns';
import ipaddr from 'ipaddr.js';

// Only ordinary public unicast addresses may receive a Gong credential. Everything ipaddr.js classifies otherwise is
// refused: loopback, private, link-local, CGNAT, unique-local, IPv4-mapped/translated (which can smuggle an inside
// IPv4 address), 6to4/Teredo/NAT64, unspecified, broadcast, multicast, reserved, documentation and benchmarking.

/** True when `address` (an IP literal) is a public unicast address Gong could live on. */
export function isPublicAddress(address: string): boolean {
  let parsed: ipaddr.IPv4 | ipaddr.IPv6;
  try {
    parsed = ipaddr.parse(address.startsWith('[') && address.endsWith(']') ? address.slice(1, -1) : address);
  } catch {
    return false;
  }
  return parsed.range() === 'unicast';
}

/** The error a refused lookup reports; the transport maps it to the generic "unreachable". */
export class BlockedAddressError extends Error {
  readonly code = 'EBLOCKEDADDRESS';
  constructor() {
    super('The resolved address is not a public unicast address.');
    this.name = 'BlockedAddressError';
  }
}

type LookupCallback = (
  error: NodeJS.ErrnoException | null,
  address: string | LookupAddress[],
  family?: number,
) => void;

export type Resolver = (hostname: string) => Promise<LookupAddress[]>;

const systemResolver: Resolver = (hostname) => dns.promises.lookup(hostname, { all: true, verbatim: true });

/**
 * A `lookup` for net/tls.connect that resolves once and refuses the connection if ANY resolved address is not
 * public: the socket then connects to exactly the addresses checked here, so a DNS answer that changes between a
 * check and the connection (rebinding) cannot reach inside.
 */
export function guardedLookup(resolve: Resolver = systemResolver) {
  return (hostname: string, options: LookupOptions, callback: LookupCallback): void => {
    resolve(hostname).then(
      (all) => {
        const wanted = options.family === 4 || options.family === 6 ? options.family : undefined;
        const addresses = wanted ? all.filter((a) => a.family === wanted) : all;
        if (addresses.length === 0 || !addresses.every((a) => isPublicAddress(a.address))) {
          callback(new BlockedAddressError(), options.all ? [] : '');
          return;
        }
        if (options.all) callback(null, addresses);
        else callback(null, addresses[0]!.address, addresses[0]!.family);
      },
      (error: NodeJS.ErrnoException) => callback(error, options.all ? [] : ''),
    );
  };
}
