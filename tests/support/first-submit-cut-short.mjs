// @ts-check
// Run in a fresh process by tests/node/stack.test.mjs: the process's first submit, with reading
// `queueMicrotask` throwing as it does when the stack runs out there (js-sys's queue of futures
// reads it when it is first made), then two more. Prints what each came to, as JSON.
import { submit } from "seam-portal";

const portal = { url: "https://connect.getseam.com/p?token=x", customer_key: "c", expires_at: "2030-01-01T00:00:00Z", workspace_id: "123e4567-e89b-12d3-a456-426614174000", created_at: "2025-01-01T00:00:00Z" };
const fetch = async () => Response.json({ customer_portal: portal, magic_link: {}, ok: true });
const request = { customer_data: { customer_key: "c" } };

/** @param {() => Promise<unknown>} call */
async function outcome(call) {
  try {
    const hung = new Promise((resolve) => setTimeout(resolve, 5000, "hung"));
    return await Promise.race([call().then(() => "ok", (/** @type {Error} */ e) => `rejected: ${e.name}`), hung]);
  } catch (error) {
    return `threw: ${/** @type {Error} */ (error).name}`;
  }
}

const queueMicrotask = /** @type {PropertyDescriptor} */ (Object.getOwnPropertyDescriptor(globalThis, "queueMicrotask"));
Object.defineProperty(globalThis, "queueMicrotask", {
  configurable: true,
  get() {
    throw new RangeError("Maximum call stack size exceeded");
  },
});
/** @type {Promise<unknown>} */
let first;
try {
  first = submit(request, { apiKey: "seam_test", fetch });
} catch (error) {
  first = Promise.reject(error);
} finally {
  Object.defineProperty(globalThis, "queueMicrotask", queueMicrotask);
}
const outcomes = [await outcome(() => first)];
for (let i = 0; i < 2; i++) outcomes.push(await outcome(() => submit(request, { apiKey: "seam_test", fetch })));
console.log(JSON.stringify(outcomes));
process.exit(0);
