import ipaddr from "ipaddr.js";
import proxyaddr from "proxy-addr";

/**
 * Who is asking: the one rule for a client's address, used by the front (scripts/serve.ts) for every request it
 * passes on and, through the header it writes, by everything in Next that needs an address (sign-in throttling).
 *
 * The address is the TCP peer's, unless that peer is a proxy named in TRUSTED_PROXIES: then X-Forwarded-For is
 * read from the right, skipping hops we trust, and the first hop we do not trust is the client (proxy-addr, the
 * algorithm Express uses). Without TRUSTED_PROXIES nobody may set X-Forwarded-For, so a forged header changes
 * nothing. TRUSTED_PROXIES is a comma-separated list of IPs and CIDRs (`10.0.0.0/8, 2001:db8::/32`) or the
 * names `loopback`, `linklocal`, `uniquelocal`.
 */

export type TrustedProxies = (address: string, hop: number) => boolean;

/** Nobody is trusted: the socket's address is the client's. */
export const TRUST_NOBODY: TrustedProxies = () => false;

/** Parses TRUSTED_PROXIES; throws an Error naming the bad entry, so a typo stops the server at start. */
export function parseTrustedProxies(spec: string | undefined): TrustedProxies {
  const entries = (spec ?? "")
    .split(",")
    .map((s) => s.trim())
    .filter(Boolean);
  if (entries.length === 0) return TRUST_NOBODY;
  for (const entry of entries) {
    try {
      proxyaddr.compile(entry);
    } catch {
      throw new Error(
        `TRUSTED_PROXIES: "${entry}" is not an IP address, a CIDR range (10.0.0.0/8) or loopback/linklocal/uniquelocal.`,
      );
    }
  }
  return proxyaddr.compile(entries);
}

/** IPv4 clients of a dual-stack socket show up as ::ffff:1.2.3.4; one client must have one spelling. */
export function normalizeAddress(address: string): string {
  try {
    return ipaddr.process(address).toString();
  } catch {
    return address;
  }
}

/** The client's address for a request that reached us from `socketAddress` carrying `forwardedFor`. */
export function clientAddress(
  socketAddress: string | undefined,
  forwardedFor: string | string[] | undefined,
  trusted: TrustedProxies,
): string {
  if (!socketAddress) return "unknown";
  const header = Array.isArray(forwardedFor) ? forwardedFor.join(", ") : forwardedFor;
  // proxy-addr reads an IncomingMessage; these are the only two fields it looks at.
  const request = {
    connection: { remoteAddress: socketAddress },
    socket: { remoteAddress: socketAddress },
    headers: header ? { "x-forwarded-for": header } : {},
  };
  return normalizeAddress(proxyaddr(request as unknown as Parameters<typeof proxyaddr>[0], trusted));
}

/**
 * The header the front writes with the client's address, replacing whatever the client sent. Next is reachable
 * only through the front (the renderer listens on 127.0.0.1, on a port chosen at start), so inside Next this header
 * is the front's word.
 */
export const CLIENT_ADDRESS_HEADER = "x-forwarded-for";

/** Inside Next: the address the front resolved, or "unknown" when Next runs without the front (`next dev`). */
export function clientAddressFromHeaders(headers: { get(name: string): string | null }): string {
  const value = headers.get(CLIENT_ADDRESS_HEADER)?.trim();
  // The front writes exactly one address; anything else did not come from it.
  if (!value || value.includes(",")) return "unknown";
  return normalizeAddress(value);
}
