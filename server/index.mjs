// @ts-check
// `npm start`: the local Seam-compatible server with the demo (www/) and the package (/pkg/),
// on http://localhost:8080 (PORT overrides). With SEAM_API_KEY set, requests from the demo go
// to the real Seam API (SEAM_ENDPOINT overrides where), with the key added here; from this
// server's own pages only, unless SEAM_ALLOWED_ORIGINS lists others.
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { startSeamServer } from "./seam-local.mjs";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const port = Number(process.env.PORT ?? 8080);
const apiKey = process.env.SEAM_API_KEY;
const server = await startSeamServer({
  port,
  host: process.env.HOST ?? "localhost",
  mounts: { "/pkg/": join(root, "pkg"), "/": join(root, "www") },
  upstream: apiKey ? { endpoint: process.env.SEAM_ENDPOINT ?? "https://connect.getseam.com", apiKey } : undefined,
  // Pages elsewhere (a dev server on another port) that may use proxy mode: comma-separated.
  allowedOrigins: (process.env.SEAM_ALLOWED_ORIGINS ?? "").split(",").map((origin) => origin.trim()).filter(Boolean),
  // Faults are for tests: only an explicit variable turns them on.
  faults: process.env.SEAM_LOCAL_FAULTS === "1",
  log: (line) => console.log(line),
});
console.log(`seam-portal demo: ${server.url}/ (${apiKey ? "proxy mode: creating real portals with SEAM_API_KEY" : "offline: the local Seam-compatible endpoint"})`);
process.on("SIGINT", () => server.close().then(() => process.exit(0)));
process.on("SIGTERM", () => server.close().then(() => process.exit(0)));
