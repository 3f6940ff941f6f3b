import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { TRUST_NOBODY, clientAddress, clientAddressFromHeaders, parseTrustedProxies } from "./client-address";

const headers = (values: Record<string, string>) => new Headers(values);

describe("the client's address", () => {
  test("without TRUSTED_PROXIES it is the socket's, whatever X-Forwarded-For claims", () => {
    assert.equal(clientAddress("198.51.100.23", "203.0.113.1", TRUST_NOBODY), "198.51.100.23");
    assert.equal(clientAddress("198.51.100.23", "203.0.113.1, 192.0.2.4", parseTrustedProxies("")), "198.51.100.23");
    assert.equal(
      clientAddress("198.51.100.23", ["1.1.1.1", "2.2.2.2"], parseTrustedProxies(undefined)),
      "198.51.100.23",
    );
  });

  test("IPv4 clients of a dual-stack socket have one spelling", () => {
    assert.equal(clientAddress("::ffff:127.0.0.1", undefined, TRUST_NOBODY), "127.0.0.1");
    assert.equal(clientAddress("2001:db8::1", undefined, TRUST_NOBODY), "2001:db8::1");
  });

  test("behind trusted proxies, the first untrusted hop from the right is the client", () => {
    const trusted = parseTrustedProxies("10.0.0.0/8, loopback");
    assert.equal(clientAddress("10.0.0.5", "203.0.113.9", trusted), "203.0.113.9");
    // A client that sends its own X-Forwarded-For cannot choose its address: the proxy appended the real one.
    assert.equal(clientAddress("10.0.0.5", "192.0.2.66, 203.0.113.9", trusted), "203.0.113.9");
    // Two trusted hops (a load balancer, then a local proxy) are skipped.
    assert.equal(clientAddress("127.0.0.1", "192.0.2.66, 203.0.113.9, 10.1.2.3", trusted), "203.0.113.9");
    // A peer that is not a trusted proxy is the client even when it sends the header.
    assert.equal(clientAddress("198.51.100.23", "203.0.113.9", trusted), "198.51.100.23");
  });

  test("a typo in TRUSTED_PROXIES stops the server with a sentence naming it", () => {
    assert.throws(() => parseTrustedProxies("10.0.0.0/8, 10.0.0.300"), {
      message:
        'TRUSTED_PROXIES: "10.0.0.300" is not an IP address, a CIDR range (10.0.0.0/8) or loopback/linklocal/uniquelocal.',
    });
  });

  test("inside Next, only the single address the front wrote counts", () => {
    assert.equal(clientAddressFromHeaders(headers({ "x-forwarded-for": "198.51.100.23" })), "198.51.100.23");
    assert.equal(clientAddressFromHeaders(headers({ "x-forwarded-for": "::ffff:198.51.100.23" })), "198.51.100.23");
    assert.equal(clientAddressFromHeaders(headers({ "x-forwarded-for": "203.0.113.1, 198.51.100.23" })), "unknown");
    assert.equal(clientAddressFromHeaders(headers({ "x-real-ip": "203.0.113.1" })), "unknown");
  });
});
