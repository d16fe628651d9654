// @ts-check
// A local server that behaves like Seam for POST /customers/create_portal, for the demo
// (`npm start`) and the tests.
//
// - Requests with `Authorization` are checked as Seam checks them: an API key it knows, or a
//   personal access token or console session token (a JWT) with the workspace it belongs to
//   in `seam-workspace`; 401 otherwise.
// - Requests without `Authorization` are taken as coming from the app's own frontend: the
//   server stands in for the app's backend, which holds the key. In proxy mode (an API key
//   given, e.g. SEAM_API_KEY) it forwards them to the real Seam API with that key, so a browser
//   never holds it; otherwise it answers them itself. Forwarded with a real key, they are taken
//   only from the server's own pages (and `allowedOrigins`): a browser sends any site's request
//   to localhost, so any page open while `npm start` runs could otherwise create real portals,
//   and with CORS read their links.
// - Bodies are validated with this package; invalid ones get Seam's 400 `invalid_input`, with a
//   nested `validation_errors` tree like Seam's (zod's `format()`: `_errors` at every level).
// - Created portals are served at /portal/<id>?token=…, showing what was configured, until
//   their `expires_at`.
// - Fault mode (tests only: an option, never on by default) answers the next requests with
//   queued faults: statuses, delays, dropped connections, malformed bodies.
import { randomBytes, randomUUID } from "node:crypto";
import { createServer } from "node:http";
import { validateJson, withDefaults } from "../pkg/node.mjs";
import { serveStatic } from "./static.mjs";

/** The workspace the local server pretends to be. */
export const LOCAL_WORKSPACE_ID = "00000000-0000-4000-8000-000000000000";
const MAX_BODY = 32 * 1024 * 1024;
const MAX_PORTALS = 10_000;

/**
 * A queued fault: wait `delayMs`, then drop the connection, or answer with `status` and `body`
 * (a string is sent as HTML); with neither, answer normally after the delay.
 * @typedef {{ status?: number, body?: unknown, headers?: Record<string, string>, delayMs?: number, drop?: boolean }} Fault
 * @typedef {{
 *   port?: number, portAttempts?: number, host?: string, publicUrl?: string,
 *   apiKeys?: string[], personalAccessTokens?: Record<string, string>, consoleSessionTokens?: Record<string, string>,
 *   portalTtlMs?: number, faults?: boolean, mounts?: Record<string, string>,
 *   upstream?: Upstream, allowedOrigins?: string[],
 *   log?: (line: string) => void,
 *   onRequest?: (headers: import("node:http").IncomingHttpHeaders, body: string) => void,
 * }} Options
 * @typedef {{ endpoint: string, apiKey: string, timeoutMs?: number }} Upstream Seam's API, for proxy mode; `timeoutMs` (default 60 000) bounds each forwarded request
 */

/**
 * Starts the server; resolves once it listens.
 * @param {Options} [options]
 */
export async function startSeamServer(options = {}) {
  const {
    host = "127.0.0.1",
    apiKeys = ["seam_local_key"],
    personalAccessTokens = { seam_at_local_token: LOCAL_WORKSPACE_ID },
    consoleSessionTokens = { ey_local_console_session: LOCAL_WORKSPACE_ID },
    portalTtlMs = 60 * 60 * 1000,
    mounts = {},
    upstream,
    log = () => {},
  } = options;
  // Each given as an origin or a URL (`http://localhost:5173/`), compared as an origin.
  const allowedOrigins = (options.allowedOrigins ?? []).map((origin) => {
    /** @type {URL | undefined} */
    let url;
    try {
      url = new URL(origin);
    } catch {
      // Not a URL: refused below.
    }
    // `localhost:5173` parses, as a URL of scheme `localhost:`.
    if (!url || (url.protocol !== "http:" && url.protocol !== "https:")) throw new ServerConfigError(`allowedOrigins (SEAM_ALLOWED_ORIGINS for npm start): ${JSON.stringify(origin)} is not an http: or https: origin (such as http://localhost:5173)`);
    return url.origin;
  });
  /** Where proxy mode forwards to: the path appended to the endpoint's, its query kept (as `submit` does). */
  const upstreamUrl = upstream && parseEndpoint(upstream.endpoint);
  if (upstreamUrl) upstreamUrl.pathname = `${upstreamUrl.pathname.replace(/\/$/, "")}/customers/create_portal`;
  /** The origins whose pages may have credential-less requests forwarded upstream: set once listening. */
  const trustedOrigins = new Set(allowedOrigins);
  /** @type {Fault[]} */
  const faults = [];
  /** @type {Map<string, { token: string, request: any, expiresAt: number, createdAt: string }>} */
  const portals = new Map();
  let publicUrl = options.publicUrl ?? "";

  const server = createServer(async (req, res) => {
    const started = Date.now();
    const requestId = randomUUID();
    res.setHeader("seam-request-id", requestId);
    cors(req, res);
    const path = new URL(req.url ?? "/", "http://local").pathname;
    res.on("finish", () => log(`${req.method} ${path} ${res.statusCode} ${Date.now() - started}ms ${requestId}`));
    try {
      if (req.method === "OPTIONS") {
        res.writeHead(204).end();
      } else if (path === "/customers/create_portal" && req.method === "POST") {
        await createPortal(req, res, requestId);
      } else if (path.startsWith("/portal/") && req.method === "GET") {
        showPortal(req, res, path.slice("/portal/".length));
      } else if (path === "/__faults" && options.faults) {
        await configureFaults(req, res);
      } else if (!serveStatic(mounts, req, res)) {
        sendJson(res, 404, seamError("not_found", "Not found", requestId));
      }
    } catch (error) {
      if (!res.headersSent) sendJson(res, 500, seamError("internal_server_error", "Internal server error", requestId));
      else res.destroy();
      log(`error: ${error instanceof Error ? error.message : String(error)}`);
    }
  });

  /**
   * @param {import("node:http").IncomingMessage} req
   * @param {import("node:http").ServerResponse} res
   * @param {string} requestId
   */
  async function createPortal(req, res, requestId) {
    const bytes = await readBody(req);
    if (bytes === null) return sendJson(res, 413, seamError("payload_too_large", "The body is too large", requestId));
    // Bytes to the validator (which checks they are UTF-8) and upstream; text to the hook.
    options.onRequest?.(req.headers, bytes.toString("utf8"));
    const fault = options.faults ? faults.shift() : undefined;
    if (fault && (await applyFault(fault, res, requestId))) return;

    const authorization = req.headers.authorization;
    if (authorization === undefined && upstream) {
      // Browsers send Origin with every POST, same-origin ones included; other clients (a
      // backend, curl) send none and run where the key is readable anyway.
      const origin = req.headers.origin;
      if (origin !== undefined && !trustedOrigins.has(origin)) {
        const message = `Forbidden: this server adds its Seam API key only to requests from its own pages, not from ${origin.slice(0, 200)} (allow it with allowedOrigins, or SEAM_ALLOWED_ORIGINS for npm start)`;
        return sendJson(res, 403, seamError("origin_not_allowed", message, requestId));
      }
      return proxy(bytes, res, upstream, requestId);
    }
    if (authorization !== undefined && !authorized(authorization, req.headers["seam-workspace"])) {
      return sendJson(res, 401, seamError("unauthorized", "Unauthorized", requestId));
    }

    const result = validateJson(bytes);
    if (!result.ok) {
      return sendJson(res, 400, {
        ...seamError("invalid_input", `Invalid input: ${result.issues.length} problem${result.issues.length === 1 ? "" : "s"}`, requestId),
        error: { ...seamError("invalid_input", "Invalid input", requestId).error, validation_errors: validationErrorTree(result.issues) },
      });
    }
    const request = result.value;
    const id = randomUUID();
    const token = randomBytes(24).toString("base64url");
    const createdAt = new Date();
    const expiresAt = new Date(createdAt.getTime() + portalTtlMs);
    evictOldest(portals);
    portals.set(id, { token, request, expiresAt: expiresAt.getTime(), createdAt: createdAt.toISOString() });
    const portal = {
      url: `${publicUrl}/portal/${id}?token=${token}`,
      customer_key: request.customer_data?.customer_key ?? "",
      expires_at: expiresAt.toISOString(),
      workspace_id: LOCAL_WORKSPACE_ID,
      created_at: createdAt.toISOString(),
    };
    sendJson(res, 200, { customer_portal: portal, magic_link: portal, ok: true });
  }

  /** @param {string} authorization @param {string | string[] | undefined} workspace */
  function authorized(authorization, workspace) {
    const token = /^Bearer (.+)$/.exec(authorization)?.[1];
    if (!token) return false;
    // Tokens that act in one workspace: known, and used in theirs (own properties only).
    const inWorkspace = (/** @type {Record<string, string>} */ tokens) => Object.hasOwn(tokens, token) && tokens[token] === workspace;
    if (token.startsWith("seam_at")) return inWorkspace(personalAccessTokens);
    if (token.startsWith("ey")) return inWorkspace(consoleSessionTokens);
    return apiKeys.includes(token);
  }

  /**
   * Applies a queued fault; returns whether it answered (a delay alone only delays).
   * @param {Fault} fault
   * @param {import("node:http").ServerResponse} res
   * @param {string} requestId
   */
  async function applyFault(fault, res, requestId) {
    if (fault.delayMs) await new Promise((resolve) => setTimeout(resolve, fault.delayMs));
    if (fault.drop) {
      res.socket?.destroy();
      return true;
    }
    if (fault.status === undefined && fault.body === undefined) return false;
    const status = fault.status ?? 200;
    for (const [name, value] of Object.entries(fault.headers ?? {})) res.setHeader(name, value);
    if (typeof fault.body === "string") {
      res.writeHead(status, { "Content-Type": res.getHeader("Content-Type") ?? "text/html; charset=utf-8" });
      res.end(fault.body);
      return true;
    }
    sendJson(res, status, fault.body ?? seamError(status === 429 ? "rate_limited" : "service_unavailable", `HTTP ${status}`, requestId));
    return true;
  }

  /** @param {import("node:http").IncomingMessage} req @param {import("node:http").ServerResponse} res */
  async function configureFaults(req, res) {
    if (req.method === "DELETE") faults.length = 0;
    else if (req.method === "POST") faults.push(...JSON.parse((await readBody(req))?.toString("utf8") ?? "[]"));
    sendJson(res, 200, { queued: faults.length });
  }

  /** @param {import("node:http").IncomingMessage} req @param {import("node:http").ServerResponse} res @param {string} id */
  function showPortal(req, res, id) {
    const portal = portals.get(id);
    const token = new URL(req.url ?? "/", "http://local").searchParams.get("token");
    if (!portal || portal.token !== token) return sendHtml(res, 404, page("Portal not found", "<p>This portal link is not valid.</p>"));
    if (Date.now() >= portal.expiresAt) return sendHtml(res, 410, page("Portal link expired", "<p>This portal link has expired: ask for a new one.</p>"));
    sendHtml(res, 200, portalPage(portal.request, new Date(portal.expiresAt).toISOString()));
  }

  /**
   * Forwards a request to Seam with the server's key, and Seam's answer back. When Seam cannot be
   * reached or does not answer in time, answers 502 or 504 in Seam's error JSON, naming Seam's
   * origin only (the endpoint may hold more than a host, and the key is never in a message).
   * @param {Uint8Array<ArrayBuffer>} sent the request's body, forwarded as it came
   * @param {import("node:http").ServerResponse} res
   * @param {Upstream} target
   * @param {string} requestId
   */
  async function proxy(sent, res, target, requestId) {
    const url = /** @type {URL} */ (upstreamUrl);
    const timeoutMs = target.timeoutMs ?? 60_000;
    let status, headers, body;
    try {
      const response = await fetch(url, {
        method: "POST",
        headers: { "content-type": "application/json", authorization: `Bearer ${target.apiKey}`, "seam-sdk-name": "seam-portal-local-server" },
        body: sent,
        signal: AbortSignal.timeout(timeoutMs),
      });
      ({ status, headers } = response);
      body = await response.text();
    } catch (error) {
      const timedOut = error instanceof Error && error.name === "TimeoutError";
      const why = timedOut ? `did not answer within ${timeoutMs} ms` : `could not be reached (${networkCause(error)})`;
      return sendJson(res, timedOut ? 504 : 502, seamError(timedOut ? "upstream_timeout" : "upstream_unreachable", `Seam at ${url.origin} ${why}`, requestId));
    }
    const upstreamRequestId = headers.get("seam-request-id");
    if (upstreamRequestId) res.setHeader("seam-request-id", upstreamRequestId);
    res.writeHead(status, { "Content-Type": headers.get("content-type") ?? "application/json" });
    res.end(body);
  }

  await listenOnFreePort(server, options.port ?? 0, host, options.portAttempts ?? 1);
  const address = /** @type {import("node:net").AddressInfo} */ (server.address());
  const url = `http://${host.includes(":") ? `[${host}]` : host}:${address.port}`;
  publicUrl ||= `http://localhost:${address.port}`;
  for (const own of [url, publicUrl, `http://localhost:${address.port}`, `http://127.0.0.1:${address.port}`, `http://[::1]:${address.port}`]) {
    trustedOrigins.add(new URL(own).origin);
  }
  return {
    url,
    faults,
    portals,
    close: () => new Promise((resolve) => {
      server.closeAllConnections?.();
      server.close(() => resolve(undefined));
    }),
  };
}

/**
 * A setting the server cannot start with (a port, a host, an origin, the upstream endpoint). Its
 * message says which and why, so `npm start` shows it alone, without a stack trace.
 */
export class ServerConfigError extends Error {
  /** @param {string} message @param {{ cause?: unknown }} [options] */
  constructor(message, options) {
    super(message, options);
    this.name = "ServerConfigError";
  }
}

/**
 * Listens on `port`, or while it is taken on the ports after it, `attempts` in all (as Vite's dev
 * server does, so that a second `npm start` or another tool on 8080 does not stop the demo).
 * Errors that no other port would mend (no such address, no permission) are reported at once.
 * @param {import("node:http").Server} server
 * @param {number} port
 * @param {string} host
 * @param {number} attempts
 */
async function listenOnFreePort(server, port, host, attempts) {
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new ServerConfigError(`the port must be a whole number from 0 to 65535, not ${String(port).slice(0, 20)}`);
  for (let attempt = 1; ; attempt++, port++) {
    try {
      await new Promise((resolve, reject) => {
        const failed = (/** @type {Error} */ error) => {
          server.off("listening", listening);
          reject(error);
        };
        const listening = () => {
          server.off("error", failed);
          resolve(undefined);
        };
        server.once("error", failed).once("listening", listening).listen(port, host);
      });
      return;
    } catch (error) {
      const code = /** @type {{ code?: unknown }} */ (error)?.code;
      if (code === "EADDRINUSE" && attempt < attempts && port > 0 && port < 65535) continue;
      const where = `port ${port} on ${host}`;
      if (code === "EADDRINUSE") {
        const tried = attempt > 1 ? ` (and the ${attempt - 1} before it)` : "";
        throw new ServerConfigError(`${where}${tried} is already in use, perhaps by an earlier npm start: stop it, or choose another port (PORT=8090 npm start)`, { cause: error });
      }
      if (code === "EACCES") throw new ServerConfigError(`${where} needs privileges this process does not have: choose a port from 1024 up (PORT=8090 npm start)`, { cause: error });
      if (code === "EADDRNOTAVAIL" || code === "ENOTFOUND" || code === "EAI_AGAIN") {
        throw new ServerConfigError(`cannot listen on ${host}: it is not an address or host name of this machine (HOST=localhost, the default, or HOST=0.0.0.0 for every interface)`, { cause: error });
      }
      throw error;
    }
  }
}

/**
 * The upstream endpoint as a URL, or an error that does not quote it (it may hold credentials).
 * @param {string} endpoint
 */
function parseEndpoint(endpoint) {
  /** @type {URL} */
  let url;
  try {
    url = new URL(endpoint);
  } catch {
    throw new ServerConfigError("upstream.endpoint (SEAM_ENDPOINT for npm start) is not an absolute URL");
  }
  // fetch refuses such URLs, with a message that quotes them.
  if (url.username || url.password) throw new ServerConfigError("upstream.endpoint (SEAM_ENDPOINT for npm start) must not hold a user name or password");
  return url;
}

/**
 * Why a fetch failed, as undici's cause code (`ECONNREFUSED`, `ENOTFOUND`…) or the error's
 * name: messages can quote the URL.
 * @param {unknown} error
 */
function networkCause(error) {
  const code = /** @type {{ cause?: { code?: unknown } }} */ (error)?.cause?.code;
  return typeof code === "string" ? code : error instanceof Error ? error.name : "a network error";
}

/**
 * Seam's error body.
 * @param {string} type @param {string} message @param {string} requestId
 */
function seamError(type, message, requestId) {
  return { error: { type, message, request_id: requestId }, ok: false };
}

/**
 * The validator's issues as Seam's nested `validation_errors` (zod's `format()` shape): every
 * level has `_errors`, array indexes are keys.
 * @param {Array<{ path: string, message: string }>} issues
 */
export function validationErrorTree(issues) {
  /** @type {any} */
  const root = { _errors: [] };
  for (const { path, message } of issues) {
    let node = root;
    for (const segment of pathSegments(path)) node = node[segment] ??= { _errors: [] };
    node._errors.push(message);
  }
  return root;
}

/**
 * Splits `customer_data.spaces[2]["my key"]` into its keys.
 * @param {string} path
 */
export function pathSegments(path) {
  const segments = [];
  const pattern = /([A-Za-z_][A-Za-z0-9_]*)|\[(\d+)\]|\[("(?:[^"\\]|\\.)*")\]/g;
  for (const m of path.matchAll(pattern)) segments.push(m[1] ?? m[2] ?? JSON.parse(m[3]));
  return segments;
}

/**
 * The request's body as it came (null when larger than MAX_BODY).
 * @param {import("node:http").IncomingMessage} req
 * @returns {Promise<Buffer<ArrayBuffer> | null>}
 */
async function readBody(req) {
  const chunks = [];
  let size = 0;
  for await (const chunk of req) {
    size += chunk.length;
    if (size > MAX_BODY) return null;
    chunks.push(chunk);
  }
  return Buffer.concat(chunks);
}

/** @param {import("node:http").IncomingMessage} req @param {import("node:http").ServerResponse} res */
function cors(req, res) {
  res.setHeader("Access-Control-Allow-Origin", req.headers.origin ?? "*");
  res.setHeader("Vary", "Origin");
  res.setHeader("Access-Control-Allow-Methods", "POST, GET, OPTIONS");
  res.setHeader("Access-Control-Allow-Headers", "authorization, content-type, accept, seam-workspace, seam-sdk-name, seam-sdk-version, seam-lts-version");
  res.setHeader("Access-Control-Expose-Headers", "seam-request-id, retry-after");
  res.setHeader("Access-Control-Max-Age", "600");
}

/** @param {import("node:http").ServerResponse} res @param {number} status @param {unknown} body */
function sendJson(res, status, body) {
  res.writeHead(status, { "Content-Type": "application/json; charset=utf-8" });
  res.end(JSON.stringify(body));
}

/** @param {import("node:http").ServerResponse} res @param {number} status @param {string} html */
function sendHtml(res, status, html) {
  res.writeHead(status, { "Content-Type": "text/html; charset=utf-8", "Cache-Control": "no-store", "Referrer-Policy": "no-referrer" });
  res.end(html);
}

/** @param {Map<string, unknown>} portals */
function evictOldest(portals) {
  while (portals.size >= MAX_PORTALS) {
    const oldest = portals.keys().next().value;
    if (oldest === undefined) break;
    portals.delete(oldest);
  }
}

/** @param {unknown} text */
const escape = (text) => String(text).replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/** @param {string} title @param {string} body */
function page(title, body) {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">` +
    `<title>${escape(title)}</title><link rel="icon" href="data:,"><style>body{font:15px/1.5 system-ui,sans-serif;margin:1rem;color:#1a1a1a}` +
    `code{background:#f2f2f2;padding:0 .25em}dt{font-weight:600}table{border-collapse:collapse}td,th{border:1px solid #ddd;padding:.2em .5em;text-align:left}</style>` +
    `</head><body><h1>${escape(title)}</h1>${body}</body></html>`;
}

/**
 * The local portal: what the request configured, as a customer would see it listed.
 * @param {any} request @param {string} expiresAt
 */
function portalPage(request, expiresAt) {
  const full = withDefaults(request);
  const data = full.customer_data ?? {};
  const features = Object.entries(full.features ?? {})
    .map(([name, config]) => `<li><code>${escape(name)}</code>: ${/** @type {any} */ (config).exclude ? "excluded" : "shown"}</li>`)
    .join("");
  const resources = Object.entries(data)
    .filter(([, value]) => Array.isArray(value))
    .map(([list, items]) => {
      const rows = /** @type {any[]} */ (items)
        .map((item) => `<tr><td><code>${escape(Object.entries(item).find(([k]) => k.endsWith("_key"))?.[1] ?? "")}</code></td><td>${escape(item.name ?? "")}</td></tr>`)
        .join("");
      return `<h3>${escape(list)} (${/** @type {any[]} */ (items).length})</h3><table><tr><th>key</th><th>name</th></tr>${rows}</table>`;
    })
    .join("");
  return page(
    "Customer portal (local)",
    `<dl><dt>Customer</dt><dd data-testid="portal-customer-key">${escape(data.customer_key ?? "")}</dd>` +
      `<dt>Locale</dt><dd data-testid="portal-locale">${escape(full.locale ?? "en-US (default)")}</dd>` +
      `<dt>Navigation</dt><dd>${escape(full.navigation_mode)}</dd>` +
      `<dt>Expires</dt><dd data-testid="portal-expires-at">${escape(expiresAt)}</dd></dl>` +
      `<h2>Features</h2><ul>${features}</ul><h2>Resources</h2>${resources || "<p>None.</p>"}`,
  );
}
