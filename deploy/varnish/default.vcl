vcl 4.1;

# Broadsheet behind Varnish (docs/deploy.md, docs/caching.md "Several instances").
#
# - Spreads requests over the app instances (a shard director: each URL has a home instance, so each instance's
#   own page cache holds its share of the site), each watched by a health probe; a sick one gets no requests, and
#   a read whose instance fails (refused, reset or cut off mid-body) is retried on the next one (`alt`), before the
#   probe has noticed; reads are received whole first (do_stream off) so a cut-off body can still be retried.
# - Caches only what an instance marked as cacheable: a 200 with an `xkey` header (the page's cache tags) and no
#   Set-Cookie, and Next's content-hashed build files (/_next/static). /admin, /api and anything with a session or draft-mode cookie are passed through, never stored.
# - Keyed like Next: the URL (with `_rsc`) plus the `rsc` header, so a client-side navigation payload is never
#   served for a page. Reader pages are plain documents; those requests go to the app.
# - Grace: a soft-purged or expired page is served while one background fetch replaces it (10 s while the
#   instances are healthy), and for a day when none is (the app's stale-if-error), so readers keep reading
#   through an outage.
# - PURGE with `xkey-softpurge: <tags>` (stale-while-revalidate) or `xkey-purge: <tags>` (gone now), from the
#   purgers ACL only. The tag headers never reach clients.
#
# The backends below are what `npm run cluster` starts (scripts/cluster.ts writes its own copy with the ports it
# chose). For two machines, list each instance's address here and the app servers' addresses in `purgers`.

import std;
import directors;
import xkey;

probe instance_health {
  # Cheap and database-free: robots.txt comes from the app's page cache.
  .url = "/robots.txt";
  .interval = 1s;
  .timeout = 1s;
  .window = 3;
  .threshold = 2;
  .initial = 2;
}

backend app1 { .host = "127.0.0.1"; .port = "3001"; .probe = instance_health; .connect_timeout = 1s; .first_byte_timeout = 30s; }
backend app2 { .host = "127.0.0.1"; .port = "3002"; .probe = instance_health; .connect_timeout = 1s; .first_byte_timeout = 30s; }

acl purgers {
  "127.0.0.1";
  "::1";
}

sub vcl_init {
  new instances = directors.shard();
  instances.add_backend(app1);
  instances.add_backend(app2);
  instances.reconfigure();
}

sub vcl_recv {
  # Resolved when fetching (vcl_backend_fetch), so a retry goes to the URL's next instance.
  set req.backend_hint = instances.backend(resolve=LAZY);
  # While an instance is healthy, a stale copy is served for at most 10 s past its life (one background fetch
  # replaces it far sooner); when none is, for the object's whole grace (a day).
  if (std.healthy(req.backend_hint)) {
    set req.grace = 10s;
  }

  if (req.method == "PURGE") {
    if (client.ip !~ purgers) {
      return (synth(403, "Not allowed to purge"));
    }
    if (req.http.xkey-purge) {
      set req.http.n-gone = xkey.purge(req.http.xkey-purge);
    }
    if (req.http.xkey-softpurge) {
      set req.http.n-soft = xkey.softpurge(req.http.xkey-softpurge);
    }
    if (!req.http.xkey-purge && !req.http.xkey-softpurge) {
      return (synth(400, "PURGE needs an xkey-purge or xkey-softpurge header"));
    }
    return (synth(200, "Purged"));
  }

  # Clients never choose what is purged or what the app sees as its internal headers.
  unset req.http.xkey;
  unset req.http.x-broadsheet-fill;
  unset req.http.x-broadsheet-primary;

  if (req.method != "GET" && req.method != "HEAD") {
    return (pass);
  }
  if (req.url ~ "^/(admin|api)(/|\?|$)") {
    return (pass);
  }
  # Next's build files are the same for everyone (content-hashed, no cookie read): a signed-in editor's browser
  # gets them from the cache too, instead of a pass to an instance that might be going away mid-file.
  if (req.url ~ "^/_next/static/") {
    unset req.http.cookie;
    return (hash);
  }
  # A signed-in editor or Next's draft mode (previews) must never be served from, or stored into, the cache.
  if (req.http.cookie ~ "(^|;\s*)(__prerender_bypass|__Host-bs_session|bs_session)=") {
    return (pass);
  }
  # Reader pages carry no cookies the app reads; dropping the rest keeps them cacheable.
  unset req.http.cookie;
  return (hash);
}

sub vcl_backend_fetch {
  # The URL's home instance; on a retry (bereq.retries) the next one on the ring, never the one that just failed.
  set bereq.backend = instances.backend(by=URL, alt=bereq.retries);
}

sub vcl_hash {
  hash_data(req.url);
  if (req.http.host) {
    hash_data(req.http.host);
  } else {
    hash_data(server.ip);
  }
  # Next answers the `rsc` header with a navigation payload, not the page.
  if (req.http.rsc) {
    hash_data("rsc");
  }
  return (lookup);
}

sub vcl_backend_response {
  # Reads are received whole before the reader gets a byte. Streamed, an instance killed mid-body (a crash, an
  # OOM kill) leaves the reader with a cut-off page, since the status line was already sent; held back, the cut
  # is a fetch error, vcl_backend_error retries the read on the next instance and the reader never sees it. Pages
  # are tens of kilobytes with nothing streamed in later (no Suspense boundaries), so readers lose nothing by it.
  if (bereq.method == "GET" || bereq.method == "HEAD") {
    set beresp.do_stream = false;
  }
  if (beresp.status >= 500) {
    # A failed refresh keeps the copy readers have (an outage must not replace a good page with an error).
    if (bereq.is_bgfetch) {
      return (abandon);
    }
    # Another instance may answer (one is restarting); reads only.
    if (bereq.retries < 1 && (bereq.method == "GET" || bereq.method == "HEAD")) {
      return (retry);
    }
    set beresp.uncacheable = true;
    set beresp.ttl = 0s;
    return (deliver);
  }
  # Next's build files: content-hashed, immutable, kept for their Cache-Control life (a year).
  if (bereq.url ~ "^/_next/static/" && beresp.status == 200 && !beresp.http.set-cookie) {
    return (deliver);
  }
  # Only what the app tagged is stored; everything else (404s, redirects, the newsroom, errors) passes through.
  if (beresp.status != 200 || !beresp.http.xkey || beresp.http.set-cookie
      || bereq.url ~ "^/(admin|api)(/|\?|$)" || beresp.http.surrogate-control ~ "no-store") {
    set beresp.uncacheable = true;
    set beresp.ttl = 120s;
    return (deliver);
  }
  # Surrogate-Control: max-age=N (the page's remaining freshness), stale-if-error=M (how long it may be served
  # while no instance answers). Browsers still get the app's `max-age=0, must-revalidate` and revalidate with ETag.
  set beresp.ttl = std.duration(regsub(beresp.http.surrogate-control, "^.*max-age=([0-9]+).*$", "\1s"), 60s);
  set beresp.grace = std.duration(regsub(beresp.http.surrogate-control, "^.*stale-if-error=([0-9]+).*$", "\1s"), 1h);
  # Kept a while longer for conditional fetches (If-None-Match to the app).
  set beresp.keep = 1h;
  return (deliver);
}

sub vcl_backend_error {
  # The instance went away mid-request (killed, restarting; refused, reset, or cut off mid-body): ask the next one
  # before the health probe notices.
  if (bereq.retries < 2 && (bereq.method == "GET" || bereq.method == "HEAD")) {
    return (retry);
  }
  # No instance answered and nothing servable is cached: a plain 503 that tells when to come back.
  set beresp.http.Content-Type = "text/html; charset=utf-8";
  set beresp.http.Retry-After = "30";
  set beresp.http.Cache-Control = "no-store";
  synthetic({"<!doctype html><html lang="en"><meta charset="utf-8"><title>Back in a moment</title><h1>Back in a moment</h1><p>This page cannot be shown right now. Please try again in a minute.</p></html>"});
  return (deliver);
}

sub vcl_deliver {
  # The tags are for caches; readers and crawlers do not need the site's internal ids.
  unset resp.http.xkey;
  unset resp.http.surrogate-key;
  unset resp.http.surrogate-control;
  unset resp.http.cache-tag;
  unset resp.http.via;
  if (obj.hits > 0) {
    set resp.http.x-varnish-cache = "HIT";
  } else {
    set resp.http.x-varnish-cache = "MISS";
  }
}

sub vcl_synth {
  if (req.method == "PURGE") {
    set resp.http.Content-Type = "text/plain; charset=utf-8";
    set resp.body = resp.reason + {"
"};
    return (deliver);
  }
}
