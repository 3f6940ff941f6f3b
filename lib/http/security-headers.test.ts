import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { sessionCookie } from "../auth/session-cookie";
import {
  newNonce,
  newsroomContentSecurityPolicy,
  securityHeaders,
  staticContentSecurityPolicy,
} from "./security-headers";

const STATIC_HTTP =
  "default-src 'self'; script-src 'none'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; font-src 'self' data:; " +
  "connect-src 'self'; media-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

describe("security headers", () => {
  test("over http: the static policy and the rest, no HSTS", () => {
    assert.deepEqual(Object.fromEntries(securityHeaders("http://localhost:3000")), {
      "content-security-policy": STATIC_HTTP,
      "x-frame-options": "DENY",
      "referrer-policy": "strict-origin-when-cross-origin",
      "permissions-policy":
        "accelerometer=(), autoplay=(), browsing-topics=(), camera=(), display-capture=(), geolocation=(), gyroscope=(), magnetometer=(), microphone=(), payment=(), usb=()",
      "x-content-type-options": "nosniff",
      "cross-origin-opener-policy": "same-origin",
    });
  });

  test("over https: HSTS for two years and upgrade-insecure-requests", () => {
    const headers = Object.fromEntries(securityHeaders("https://news.example"));
    assert.equal(headers["strict-transport-security"], "max-age=63072000; includeSubDomains");
    assert.equal(headers["content-security-policy"], `${STATIC_HTTP}; upgrade-insecure-requests`);
    assert.equal(
      staticContentSecurityPolicy(new URL("https://news.example/")),
      `${STATIC_HTTP}; upgrade-insecure-requests`,
    );
  });

  test("the newsroom's policy allows Next's scripts by nonce only", () => {
    assert.equal(
      newsroomContentSecurityPolicy("AAAAAAAAAAAAAAAAAAAAAA==", "http://localhost:3000"),
      STATIC_HTTP.replace("script-src 'none'", "script-src 'self' 'nonce-AAAAAAAAAAAAAAAAAAAAAA==' 'strict-dynamic'"),
    );
    assert.throws(() => newsroomContentSecurityPolicy("abc' 'unsafe-inline", "http://localhost:3000"));
  });

  test("nonces are 128 random bits, new every time", () => {
    const a = newNonce();
    assert.match(a, /^[A-Za-z0-9+/]{22}==$/);
    assert.notEqual(newNonce(), a);
  });
});

describe("the session cookie", () => {
  test("over https: __Host- prefix, Secure, host-only, Path=/", () => {
    assert.deepEqual(sessionCookie("https://news.example"), {
      name: "__Host-bs_session",
      options: { httpOnly: true, sameSite: "lax", secure: true, path: "/" },
    });
  });

  test("over http (a laptop, the test server): no prefix and not Secure, whatever NODE_ENV says", () => {
    assert.deepEqual(sessionCookie("http://localhost:3000"), {
      name: "bs_session",
      options: { httpOnly: true, sameSite: "lax", secure: false, path: "/" },
    });
  });
});
