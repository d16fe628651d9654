// @ts-check
// `npm start`: the local Seam-compatible server with the demo (www/) and the package (/pkg/),
// on http://localhost:8080 (PORT overrides; without PORT, the next free port when 8080 is
// taken). With SEAM_API_KEY set, requests from the demo go to the real Seam API (SEAM_ENDPOINT
// overrides where), with the key added here; from this server's own pages only, unless
// SEAM_ALLOWED_ORIGINS lists others.
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { ServerConfigError, startSeamServer } from "./seam-local.mjs";

const DEFAULT_PORT = 8080;
/** Without PORT, how many ports from 8080 on are tried while they are taken. */
const DEFAULT_PORT_ATTEMPTS = 20;

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const env = process.env;
const apiKey = env.SEAM_API_KEY;
const host = env.HOST || "localhost";

let server;
try {
  const port = env.PORT ? portNumber(env.PORT) : DEFAULT_PORT;
  server = await startSeamServer({
    port,
    portAttempts: env.PORT ? 1 : DEFAULT_PORT_ATTEMPTS,
    host,
    mounts: { "/pkg/": join(root, "pkg"), "/": join(root, "www") },
    upstream: apiKey ? { endpoint: env.SEAM_ENDPOINT ?? "https://connect.getseam.com", apiKey } : undefined,
    // Pages elsewhere (a dev server on another port) that may use proxy mode: comma-separated.
    allowedOrigins: (env.SEAM_ALLOWED_ORIGINS ?? "").split(",").map((origin) => origin.trim()).filter(Boolean),
    // Faults are for tests: only an explicit variable turns them on.
    faults: env.SEAM_LOCAL_FAULTS === "1",
    log: (line) => console.log(line),
  });
} catch (error) {
  // A setting it cannot start with is said in one line; anything else keeps its stack.
  if (!(error instanceof ServerConfigError)) throw error;
  console.error(`npm start: ${error.message}`);
  process.exit(1);
}
const listening = Number(new URL(server.url).port);
if (!env.PORT && listening !== DEFAULT_PORT) console.log(`port ${DEFAULT_PORT} is in use: serving on ${listening} instead`);
console.log(`seam-portal demo: ${server.url}/ (${apiKey ? "proxy mode: creating real portals with SEAM_API_KEY" : "offline: the local Seam-compatible endpoint"})`);
if (apiKey && !isLoopback(host)) {
  // The origin check stops other sites' pages, not other machines: a client that is not a
  // browser sends no Origin, and is taken as this app's backend.
  console.warn(`warning: HOST=${host} in proxy mode: any machine that can reach this server can create real portals with your SEAM_API_KEY through it`);
}
process.on("SIGINT", () => server.close().then(() => process.exit(0)));
process.on("SIGTERM", () => server.close().then(() => process.exit(0)));

/**
 * PORT as a number, or a ServerConfigError that says what it must be.
 * @param {string} text
 */
function portNumber(text) {
  const port = /^\d{1,5}$/.test(text.trim()) ? Number(text) : NaN;
  if (!(port <= 65535)) throw new ServerConfigError(`PORT must be a port number from 0 to 65535, not ${JSON.stringify(text.slice(0, 20))}`);
  return port;
}

/** @param {string} name */
function isLoopback(name) {
  return name === "localhost" || name === "::1" || name === "[::1]" || /^127\.\d+\.\d+\.\d+$/.test(name);
}
