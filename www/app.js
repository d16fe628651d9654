// @ts-check
// The demo: builds a create_portal request from the form, validates it as you type with the
// package, creates the portal through this server (no key in the page) and embeds it.
import init, {
  SeamApiError,
  SeamInvalidInputError,
  SeamInvalidResponseError,
  SeamNetworkError,
  SeamTimeoutError,
  SeamUnauthorizedError,
  embedPortal,
  landingPageKeys,
  submit,
  supportedLocales,
  validate,
  validateJson,
} from "/pkg/index.js";

/** A small property-management customer: a building with units, reservations and guests. */
const SAMPLE = {
  buildings: [{ building_key: "harbor_view", name: "Harbor View Apartments" }],
  units: [
    { unit_key: "hv_101", name: "Unit 101" },
    { unit_key: "hv_102", name: "Unit 102" },
    { unit_key: "hv_201", name: "Unit 201" },
  ],
  common_areas: [{ common_area_key: "hv_gym", name: "Gym" }],
  guests: [
    { guest_key: "guest_ana", name: "Ana Silva", email_address: "ana@example.com" },
    { guest_key: "guest_li", name: "Li Wei", phone_number: "+14155550123" },
  ],
  reservations: [
    { reservation_key: "res_1001", name: "Ana, June", guest_key: "guest_ana", unit_keys: ["hv_101"], starts_at: "2025-06-01T15:00:00Z", ends_at: "2025-06-08T10:00:00Z" },
    { reservation_key: "res_1002", name: "Li, July", guest_key: "guest_li", unit_keys: ["hv_102"], common_area_keys: ["hv_gym"], starts_at: "2025-07-03T15:00:00Z", ends_at: "2025-07-05T10:00:00Z" },
  ],
};

/** The feature options the form offers; each unchecked option is left out of the request. */
const FEATURES = [
  ["connect", "exclude", "Hide connecting accounts"],
  ["manage", "exclude", "Hide managing"],
  ["manage", "exclude_reservation_management", "No reservation management"],
  ["manage", "exclude_reservation_technical_details", "No reservation technical details"],
  ["manage", "exclude_staff_management", "No staff management"],
  ["organize", "exclude", "Hide organizing"],
  ["configure", "exclude", "Hide configuring"],
  ["configure", "allow_access_automation_rule_customization", "Allow access automation rules"],
  ["configure", "allow_climate_automation_rule_customization", "Allow climate automation rules"],
  ["configure", "allow_instant_key_customization", "Allow Instant Key customization"],
];

const $ = (/** @type {string} */ id) => /** @type {HTMLElement} */ (document.getElementById(id));
const field = (/** @type {string} */ id) => /** @type {HTMLInputElement} */ ($(id));
const form = /** @type {HTMLFormElement} */ ($("request-form"));
const createButton = /** @type {HTMLButtonElement} */ ($("create-portal"));
const newLinkButton = /** @type {HTMLButtonElement} */ ($("new-link"));
const errorBox = $("error");

/** @type {import("/pkg/index.js").EmbeddedPortal | undefined} */
let embedded;
/** Updates the note of when the link expires, once a minute (made with the first portal). @type {ReturnType<typeof setInterval> | undefined} */
let expiryTicker;
/** @type {any} */
let lastValid;

await init();
setUpForm();
form.addEventListener("input", update);
form.addEventListener("change", update);
createButton.addEventListener("click", () => create());
newLinkButton.addEventListener("click", () => renew());
update();

function setUpForm() {
  for (const locale of supportedLocales()) $("locale").append(new Option(locale, locale));
  for (const { key, list } of landingPageKeys()) $("landing-kind").append(new Option(`${key} (customer_data.${list})`, key));
  const features = $("features");
  for (const [feature, option, label] of FEATURES) {
    const id = `feature-${feature}-${option}`;
    const wrapper = document.createElement("label");
    wrapper.className = "check";
    const box = document.createElement("input");
    Object.assign(box, { type: "checkbox", id, name: id });
    box.dataset.feature = feature;
    box.dataset.option = option;
    const text = document.createElement("span");
    const code = document.createElement("code");
    code.textContent = `features.${feature}.${option}`;
    text.append(`${label} (`, code, ")");
    wrapper.append(box, text);
    features.append(wrapper);
  }
  field("customer-key").value = "customer_harbor_view";
  field("landing-kind").value = "unit_key";
  field("landing-key").value = "hv_101";
  /** @type {HTMLTextAreaElement} */ ($("customer-data")).value = JSON.stringify(SAMPLE, null, 2);
}

/** @typedef {{ path: string, code: "invalid_json" | "invalid_type", message: string }} DataIssue */

/**
 * The request the form describes, and what is wrong with the customer data's text when it is
 * not a JSON object.
 * @returns {{ request: any, dataIssue?: DataIssue }}
 */
function readForm() {
  const text = /** @type {HTMLTextAreaElement} */ ($("customer-data")).value || "{}";
  /** @type {any} */
  let customerData = {};
  /** @type {DataIssue | undefined} */
  let dataIssue;
  try {
    customerData = JSON.parse(text);
  } catch {
    // The validator's own words for it: what JavaScript allows and JSON does not (a trailing
    // comma, a comment, single quotes…), with the line and column.
    const syntax = validateJson(text);
    dataIssue = { path: "customer_data", code: "invalid_json", message: syntax.ok ? "the text is not valid JSON" : syntax.issues[0].message };
  }
  const request = {
    customer_data: { customer_key: field("customer-key").value, ...(isObject(customerData) ? customerData : {}) },
  };
  const set = (/** @type {string} */ key, /** @type {unknown} */ value) => {
    if (value !== "" && value !== undefined) /** @type {any} */ (request)[key] = value;
  };
  set("locale", field("locale").value);
  set("navigation_mode", field("navigation-mode").value);
  if (field("is-embedded").checked) set("is_embedded", true);
  if (field("exclude-locale-picker").checked) set("exclude_locale_picker", true);
  set("customization_profile_id", field("customization-profile-id").value.trim());
  if (field("landing-kind").value) set("landing_page", { manage: { [field("landing-kind").value]: field("landing-key").value } });
  /** @type {Record<string, Record<string, boolean>>} */
  const features = {};
  for (const box of /** @type {NodeListOf<HTMLInputElement>} */ (document.querySelectorAll("input[data-feature]"))) {
    if (box.checked) (features[/** @type {string} */ (box.dataset.feature)] ??= {})[/** @type {string} */ (box.dataset.option)] = true;
  }
  if (Object.keys(features).length) set("features", features);
  if (!isObject(customerData) && !dataIssue) {
    const kind = Array.isArray(customerData) ? "an array" : customerData === null ? "null" : `a ${typeof customerData}`;
    dataIssue = { path: "customer_data", code: "invalid_type", message: `expected a JSON object (the resources, without customer_key), got ${kind}` };
  }
  return { request, dataIssue };
}

/** @param {unknown} value */
function isObject(value) {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function update() {
  const { request, dataIssue } = readForm();
  const result = validate(request);
  const issues = result.ok ? [] : [...result.issues];
  if (dataIssue) issues.unshift(dataIssue);
  list("validation-issues", issues);
  list("validation-warnings", result.warnings);
  const valid = issues.length === 0;
  $("verdict").textContent = valid
    ? `Valid${result.warnings.length ? `, ${result.warnings.length} warning${result.warnings.length === 1 ? "" : "s"}` : ""}`
    : `${issues.length} problem${issues.length === 1 ? "" : "s"} to fix before creating the portal`;
  createButton.disabled = !valid;
  lastValid = valid ? request : undefined;
  $("request-json").textContent = JSON.stringify(request, null, 2);
  const keys = /** @type {HTMLDataListElement} */ ($("known-keys"));
  const list_ = request.customer_data[landingPageKeys().find((k) => k.key === field("landing-kind").value)?.list ?? ""];
  keys.replaceChildren(...(Array.isArray(list_) ? list_ : []).map((r) => new Option(r?.[field("landing-kind").value] ?? "")));
}

/** @param {string} id @param {Array<{ path: string, message: string, code?: string }>} items */
function list(id, items) {
  $(id).replaceChildren(...items.map(({ path, message }) => {
    const li = document.createElement("li");
    const code = document.createElement("code");
    code.textContent = path || "(request)";
    li.append(code, ` ${message}`);
    return li;
  }));
}

async function create() {
  if (!lastValid) return;
  const request = lastValid;
  await busy(createButton, "Creating…", async () => {
    const response = await submit(request, { endpoint: location.origin });
    embedded?.destroy();
    embedded = embedPortal("#portal", response, {
      title: `Customer portal of ${request.customer_data.customer_key}`,
      // A renewed link, automatic or asked for, replaces the page's note of when it expires.
      refresh: async () => {
        const next = await submit(request, { endpoint: location.origin });
        showExpiry(next.customer_portal.expires_at);
        return next;
      },
      onRefreshError: (error) => showError(error),
    });
    embedded.iframe.dataset.testid = "portal-frame";
    newLinkButton.hidden = false;
    showExpiry();
    // The note counts down in minutes.
    expiryTicker ??= setInterval(() => showExpiry(), 60_000);
  });
}

async function renew() {
  const current = embedded;
  if (!current) return;
  await busy(newLinkButton, "Getting a new link…", async () => {
    await current.refresh();
  });
}

/** @param {HTMLButtonElement} button @param {string} label @param {() => Promise<void>} work */
async function busy(button, label, work) {
  const text = button.textContent;
  button.disabled = true;
  button.textContent = label;
  errorBox.hidden = true;
  try {
    await work();
  } catch (error) {
    showError(error);
  } finally {
    button.textContent = text;
    button.disabled = button === createButton ? !lastValid : false;
  }
}

/** @param {string | undefined} expires when the link shown expires */
function showExpiry(expires = embedded?.expiresAt) {
  if (!expires) return;
  const minutes = Math.round((Date.parse(expires) - Date.now()) / 60000);
  $("portal-expiry").textContent = `This link expires at ${new Date(expires).toLocaleString()} (in about ${minutes} minute${minutes === 1 ? "" : "s"}); it is renewed before then.`;
}

/** Explains an error in words, with Seam's per-field messages when there are some. @param {unknown} error */
function showError(error) {
  const e = /** @type {any} */ (error);
  /** @type {string} */
  let title;
  if (e instanceof SeamUnauthorizedError) title = "The server refused the credentials (401 Unauthorized). Check the API key it uses (SEAM_API_KEY).";
  else if (e instanceof SeamInvalidInputError) title = "Seam refused the request's input:";
  else if (e instanceof SeamApiError) title = `Seam answered with an error: ${e.message} (${e.code}, HTTP ${e.statusCode}).`;
  else if (e instanceof SeamTimeoutError) title = `No answer within ${e.timeoutMs / 1000} seconds. Try again.`;
  else if (e instanceof SeamNetworkError) title = "The request got no answer: the server may be down, or the connection was dropped.";
  else if (e instanceof SeamInvalidResponseError) title = `The answer could not be used: ${e.message}`;
  else title = `Something went wrong: ${e?.message ?? String(e)}`;
  const heading = document.createElement("p");
  heading.textContent = title;
  /** @type {HTMLElement[]} */
  const parts = [heading];
  if (e instanceof SeamInvalidInputError && e.validationErrors.length) {
    const ul = document.createElement("ul");
    for (const { path, messages } of e.validationErrors) {
      const li = document.createElement("li");
      const code = document.createElement("code");
      code.textContent = path || "(request)";
      li.append(code, ` ${messages.join("; ")}`);
      ul.append(li);
    }
    parts.push(ul);
  }
  if (e?.requestId) {
    const id = document.createElement("p");
    id.className = "hint";
    id.textContent = `Request id: ${e.requestId}`;
    parts.push(id);
  }
  errorBox.replaceChildren(...parts);
  errorBox.hidden = false;
  errorBox.focus();
}
