// @ts-check
// A local server that behaves like Seam for POST /customers/create_portal, for the demo
// (`npm start`) and the tests.
//
// - Requests with `Authorization` are checked as Seam checks them: an API key it knows, or a
//   personal access token with the workspace it belongs to in `seam-workspace`; 401 otherwise.
// - Requests without `Authorization` are taken as coming from the app's own frontend: the
//   server stands in for the app's backend, which holds the key. In proxy mode (an API key
//   given, e.g. SEAM_API_KEY) it forwards them to the real Seam API with that key, so a browser
//   never holds it; otherwise it answers them itself.
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
 *   port?: number, host?: string, publicUrl?: string,
 *   apiKeys?: string[], personalAccessTokens?: Record<string, string>,
 *   portalTtlMs?: number, faults?: boolean, mounts?: Record<string, string>,
 *   upstream?: { endpoint: string, apiKey: string },
 *   log?: (line: string) => void,
 *   onRequest?: (headers: import("node:http").IncomingHttpHeaders, body: string) => void,
 * }} Options
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
    portalTtlMs = 60 * 60 * 1000,
    mounts = {},
    upstream,
    log = () => {},
  } = options;
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
    const text = await readBody(req);
    if (text === null) return sendJson(res, 413, seamError("payload_too_large", "The body is too large", requestId));
    options.onRequest?.(req.headers, text);
    const fault = options.faults ? faults.shift() : undefined;
    if (fault && (await applyFault(fault, res, requestId))) return;

    const authorization = req.headers.authorization;
    if (authorization === undefined && upstream) return proxy(text, res, upstream);
    if (authorization !== undefined && !authorized(authorization, req.headers["seam-workspace"])) {
      return sendJson(res, 401, seamError("unauthorized", "Unauthorized", requestId));
    }

    const result = validateJson(text);
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
    if (token.startsWith("seam_at")) return personalAccessTokens[token] !== undefined && personalAccessTokens[token] === workspace;
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
    else if (req.method === "POST") faults.push(...JSON.parse((await readBody(req)) ?? "[]"));
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
   * @param {string} text
   * @param {import("node:http").ServerResponse} res
   * @param {{ endpoint: string, apiKey: string }} target
   */
  async function proxy(text, res, target) {
    const response = await fetch(`${target.endpoint.replace(/\/$/, "")}/customers/create_portal`, {
      method: "POST",
      headers: { "content-type": "application/json", authorization: `Bearer ${target.apiKey}`, "seam-sdk-name": "seam-portal-local-server" },
      body: text,
    });
    const requestId = response.headers.get("seam-request-id");
    if (requestId) res.setHeader("seam-request-id", requestId);
    res.writeHead(response.status, { "Content-Type": response.headers.get("content-type") ?? "application/json" });
    res.end(await response.text());
  }

  await new Promise((resolve) => server.listen(options.port ?? 0, host, () => resolve(undefined)));
  const address = /** @type {import("node:net").AddressInfo} */ (server.address());
  const url = `http://${host.includes(":") ? `[${host}]` : host}:${address.port}`;
  publicUrl ||= `http://localhost:${address.port}`;
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

/** @param {import("node:http").IncomingMessage} req @returns {Promise<string | null>} */
async function readBody(req) {
  const chunks = [];
  let size = 0;
  for await (const chunk of req) {
    size += chunk.length;
    if (size > MAX_BODY) return null;
    chunks.push(chunk);
  }
  return Buffer.concat(chunks).toString("utf8");
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
