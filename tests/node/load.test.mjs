// @ts-check
// Load: 1 000 submit calls, 100 in flight, against the local server answering with a seeded mix
// of successes, 429s, 503s, slow answers and dropped connections. Every call settles with the
// right outcome, each success reaches the caller that made it, and memory comes back.
import assert from "node:assert/strict";
import { test } from "node:test";
import { setFlagsFromString } from "node:v8";
import { runInNewContext } from "node:vm";
import { SeamApiError, SeamNetworkError, SeamTimeoutError, submit } from "seam-portal";
import { startSeamServer } from "../../server/seam-local.mjs";
import { rng } from "../support/generator.mjs";

setFlagsFromString("--expose-gc");
const gc = /** @type {() => void} */ (runInNewContext("gc"));

const CALLS = 1000;
const IN_FLIGHT = 100;

/**
 * Runs `CALLS` submits, `IN_FLIGHT` at a time; returns how each settled.
 * @param {string} endpoint
 * @param {string} round
 */
async function load(endpoint, round) {
  /** @type {Record<string, number>} */
  const outcomes = {};
  let next = 0;
  const worker = async () => {
    while (next < CALLS) {
      const i = next++;
      const key = `load_${round}_${i}`;
      let outcome;
      /** @type {NodeJS.Timeout | undefined} */
      let guard;
      try {
        const response = await Promise.race([
          submit({ customer_data: { customer_key: key } }, { apiKey: "seam_local_key", endpoint, timeoutMs: 1000, maxRetryDelayMs: 1000 }),
          new Promise((_, reject) => (guard = setTimeout(() => reject(new Error(`call ${i} hangs`)), 20_000))),
        ]);
        assert.equal(/** @type {any} */ (response).customer_portal.customer_key, key, "the response of this very call");
        outcome = "ok";
      } catch (error) {
        if (error instanceof SeamApiError && [429, 503].includes(error.statusCode)) outcome = `api ${error.statusCode}`;
        else if (error instanceof SeamNetworkError) outcome = "network";
        else if (error instanceof SeamTimeoutError) outcome = "timeout";
        else throw error;
      } finally {
        clearTimeout(guard);
      }
      outcomes[outcome] = (outcomes[outcome] ?? 0) + 1;
    }
  };
  await Promise.all(Array.from({ length: IN_FLIGHT }, worker));
  return outcomes;
}

/** A seeded mix of faults, enough for every attempt of every call. @param {number} seed */
function faultMix(seed) {
  const r = rng(seed);
  return Array.from({ length: CALLS * 3 }, () => {
    const x = r.next();
    if (x < 0.5) return {};
    if (x < 0.65) return { status: 429, headers: { "retry-after": "0" } };
    if (x < 0.75) return { status: 503 };
    if (x < 0.9) return { delayMs: 20 + r.int(200) };
    if (x < 0.95) return { delayMs: 1500 };
    return { drop: true };
  });
}

test(`${CALLS} calls, ${IN_FLIGHT} in flight, through 429/503/slow/dropped answers`, { timeout: 180_000 }, async () => {
  const server = await startSeamServer({ faults: true });
  try {
    server.faults.push(...faultMix(1));
    const warmup = await load(server.url, "warmup");
    server.portals.clear();
    gc();
    const baseline = process.memoryUsage().heapUsed;

    server.faults.length = 0;
    server.faults.push(...faultMix(2));
    const outcomes = await load(server.url, "measured");
    const settled = Object.values(outcomes).reduce((a, b) => a + b, 0);
    assert.equal(settled, CALLS, "every call settled");
    for (const kind of ["ok", "timeout", "network"]) assert.ok(outcomes[kind] > 0, `${kind} happened: ${JSON.stringify(outcomes)}`);
    assert.ok(warmup.ok > 0);

    server.portals.clear();
    gc();
    const grown = process.memoryUsage().heapUsed - baseline;
    assert.ok(grown < 16 * 1024 * 1024, `the JS heap grew by ${(grown / 1048576).toFixed(1)} MiB`);
  } finally {
    await server.close();
  }
});
