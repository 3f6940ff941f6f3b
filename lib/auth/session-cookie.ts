/**
 * The session cookie's name and attributes, from SITE_URL alone (not NODE_ENV: a production build served over plain
 * http must still work, and a staging site over https must still be protected). Over https it is
 * `__Host-bs_session`: the prefix makes browsers refuse it unless Secure, host-only and Path=/, so neither a
 * subdomain nor a plain-http page can plant or overwrite it.
 */
export type SessionCookie = {
  name: string;
  options: { httpOnly: true; sameSite: "lax"; secure: boolean; path: "/" };
};

export function sessionCookie(siteUrl: string | URL): SessionCookie {
  const https = new URL(siteUrl).protocol === "https:";
  return {
    name: https ? "__Host-bs_session" : "bs_session",
    options: { httpOnly: true, sameSite: "lax", secure: https, path: "/" },
  };
}
