import { readFileSync } from "node:fs";
import http from "node:http";
import type { ResponseSnapshot } from "./bare-http";

/**
 * The bare node:http baseline (see bare-http.ts): answers every request with one recorded response, gzipped when
 * the request accepts gzip. Nothing else, so its throughput is what node:http itself allows on this machine.
 * Usage: node --import tsx bench/lib/bare-http-child.ts <snapshot.json> <port>
 */
const [file, port] = process.argv.slice(2);
const snapshot = JSON.parse(readFileSync(file!, "utf8")) as ResponseSnapshot;
const plain = Buffer.from(snapshot.body, "base64");
const gzip = Buffer.from(snapshot.gzip, "base64");
const plainHeaders = { ...snapshot.headers, "content-length": String(plain.length) };
const gzipHeaders = { ...snapshot.headers, "content-encoding": "gzip", "content-length": String(gzip.length) };

const server = http.createServer((req, res) => {
  const gz = /\bgzip\b/.test(String(req.headers["accept-encoding"] ?? ""));
  res.writeHead(snapshot.status, gz ? gzipHeaders : plainHeaders);
  res.end(gz ? gzip : plain);
});
server.keepAliveTimeout = 65_000;
server.listen(Number(port), "127.0.0.1", () => console.log("listening"));
process.on("SIGTERM", () => process.exit(0));
