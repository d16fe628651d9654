// @ts-check
// A small static file server: the demo, the built package, test fixtures. Serves `.wasm` as
// `application/wasm` (so browsers compile it while it downloads) and never leaves its roots.
import { createReadStream, statSync } from "node:fs";
import { createServer } from "node:http";
import { extname, join, normalize, sep } from "node:path";

const TYPES = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".mjs": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".json": "application/json; charset=utf-8",
  ".wasm": "application/wasm",
  ".svg": "image/svg+xml",
  ".png": "image/png",
  ".ts": "text/plain; charset=utf-8",
};

/**
 * Finds the file for a URL path under one of the mounts (URL prefix → folder), or null.
 * @param {Record<string, string>} mounts
 * @param {string} pathname
 */
export function resolveFile(mounts, pathname) {
  let decoded;
  try {
    decoded = decodeURIComponent(pathname);
  } catch {
    return null;
  }
  for (const [prefix, dir] of Object.entries(mounts).sort((a, b) => b[0].length - a[0].length)) {
    if (!decoded.startsWith(prefix)) continue;
    const rest = normalize(decoded.slice(prefix.length)).replace(/^([/\\])+/, "");
    if (rest.split(/[/\\]/).includes("..")) return null;
    let file = join(dir, rest);
    if (!file.startsWith(normalize(dir + sep)) && file !== normalize(dir)) return null;
    try {
      if (statSync(file).isDirectory()) file = join(file, "index.html");
      if (statSync(file).isFile()) return file;
    } catch {
      // Not there: try the next mount.
    }
  }
  return null;
}

/**
 * Serves a file for the request when one matches; returns whether it did.
 * @param {Record<string, string>} mounts
 * @param {import("node:http").IncomingMessage} req
 * @param {import("node:http").ServerResponse} res
 */
export function serveStatic(mounts, req, res) {
  if (req.method !== "GET" && req.method !== "HEAD") return false;
  const file = resolveFile(mounts, new URL(req.url ?? "/", "http://x").pathname);
  if (!file) return false;
  res.writeHead(200, {
    "Content-Type": TYPES[/** @type {keyof typeof TYPES} */ (extname(file))] ?? "application/octet-stream",
    "Cache-Control": "no-store",
  });
  if (req.method === "HEAD") res.end();
  else createReadStream(file).pipe(res);
  return true;
}

/**
 * Starts a static server on a free loopback port.
 * @param {Record<string, string>} mounts
 * @returns {Promise<{ url: string, close: () => Promise<void> }>}
 */
export async function startStaticServer(mounts) {
  const server = createServer((req, res) => {
    if (!serveStatic(mounts, req, res)) {
      res.writeHead(404, { "Content-Type": "text/plain" });
      res.end("not found");
    }
  });
  await new Promise((resolve) => server.listen(0, "127.0.0.1", () => resolve(undefined)));
  const address = /** @type {import("node:net").AddressInfo} */ (server.address());
  return {
    url: `http://127.0.0.1:${address.port}`,
    close: () => new Promise((resolve) => server.close(() => resolve(undefined))),
  };
}
