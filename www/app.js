// @ts-check
import init, { validateJson } from "/pkg/index.js";

const example = {
  customer_data: {
    customer_key: "customer_harbor_view",
    buildings: [{ building_key: "harbor_view", name: "Harbor View Apartments" }],
    units: [
      { unit_key: "hv_101", name: "Unit 101" },
      { unit_key: "hv_102", name: "Unit 102" },
    ],
    tenants: [{ tenant_key: "tenant_ana", name: "Ana Silva", email_address: "ana@example.com" }],
    reservations: [
      { reservation_key: "res_1001", name: "Ana, June", starts_at: "2025-06-01T15:00:00Z", ends_at: "2025-06-08T10:00:00Z", unit_keys: ["hv_101"], tenant_key: "tenant_ana" },
    ],
  },
  locale: "en-US",
  landing_page: { manage: { unit_key: "hv_101" } },
};

const editor = /** @type {HTMLTextAreaElement} */ (document.getElementById("request-json"));
const verdict = /** @type {HTMLElement} */ (document.getElementById("verdict"));

/** @param {string} id @param {Array<{ path: string, message: string }>} items */
function list(id, items) {
  const ul = /** @type {HTMLElement} */ (document.getElementById(id));
  ul.replaceChildren(...items.map(({ path, message }) => {
    const li = document.createElement("li");
    const code = document.createElement("code");
    code.textContent = path || "(request)";
    li.append(code, ` ${message}`);
    return li;
  }));
}

function update() {
  const result = validateJson(editor.value);
  verdict.textContent = result.ok ? "Valid" : `${result.issues.length} problem${result.issues.length === 1 ? "" : "s"}`;
  list("issues", result.ok ? [] : result.issues);
  list("warnings", result.warnings);
}

await init();
editor.value = JSON.stringify(example, null, 2);
editor.addEventListener("input", update);
update();
