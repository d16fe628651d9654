// @ts-check
// `npm start`: serves the demo (www/) and the built package (pkg/, at /pkg/) on
// http://localhost:8080 (PORT overrides).
import { createServer } from "node:http";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { serveStatic } from "../server/static.mjs";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const port = Number(process.env.PORT ?? 8080);
const mounts = { "/pkg/": join(root, "pkg"), "/": join(root, "www") };

const server = createServer((req, res) => {
  if (!serveStatic(mounts, req, res)) {
    res.writeHead(404, { "Content-Type": "text/plain; charset=utf-8" });
    res.end("not found");
  }
});
server.listen(port, () => console.log(`seam-portal demo: http://localhost:${port}/`));
