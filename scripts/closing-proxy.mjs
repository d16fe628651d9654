// @ts-check
// An HTTP forward proxy that sends every request on a connection of its own and closes it
// after the answer. The Chromium boundary suite's page goes through it to reach
// wasm-bindgen-test-runner's server.
//
// Why: that server (tiny_http 0.12) serves each connection from a thread pool until the
// connection closes. When Chromium opens its connections at once (the page imports the glue,
// five snippets and the .wasm in parallel), the pool can queue one behind threads that keep
// idle keep-alive connections, and it is served only when Chromium drops an idle socket,
// after 300 s: chromedriver had given up by then ("Timed out receiving message from
// renderer"). About half of the fresh-clone runs stalled that way on one day. Through this
// proxy each connection to that server carries one request, so no thread stays held.
import { request as httpRequest, createServer } from "node:http";

/**
 * Starts the proxy on a free loopback port.
 * @returns {Promise<{ url: string, close: () => Promise<void> }>}
 */
export async function startClosingProxy() {
  const server = createServer((req, res) => {
    // A browser asks an HTTP proxy for absolute URLs.
    let target;
    try {
      target = new URL(req.url ?? "");
    } catch {
      res.writeHead(400).end("absolute URL expected");
      return;
    }
    const upstream = httpRequest(
      { host: target.hostname, port: target.port, path: target.pathname + target.search, method: req.method, headers: { ...req.headers, connection: "close" }, agent: false },
      (answer) => {
        res.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(res);
      },
    );
    upstream.on("error", () => {
      if (!res.headersSent) res.writeHead(502);
      res.end();
    });
    req.pipe(upstream);
  });
  await new Promise((resolve) => server.listen(0, "127.0.0.1", () => resolve(undefined)));
  const { port } = /** @type {import("node:net").AddressInfo} */ (server.address());
  return {
    url: `http://127.0.0.1:${port}`,
    close: () => new Promise((resolve) => {
      server.closeAllConnections?.();
      server.close(() => resolve(undefined));
    }),
  };
}
