#!/usr/bin/env node
// @ts-check
// The seam-portal command: validate a create_portal body, or create a portal from one.
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import {
  PortalValidationError,
  SeamApiError,
  SeamInvalidOptionsError,
  SeamInvalidTokenError,
  submit,
  validateJson,
} from "./node.mjs";

const EXIT = { ok: 0, invalid: 1, usage: 2, refused: 3, noAnswer: 4 };

const HELP = {
  main: `Usage: seam-portal <command> [options]

Commands:
  validate <file>   Check a create_portal request body (JSON) and list every issue.
  create <file>     Create a customer portal from a request body and print its URL.

Use - as <file> to read standard input. seam-portal <command> --help for more.
Options: --help, --version`,
  validate: `Usage: seam-portal validate <file> [--json]

Checks a POST /customers/create_portal body against the spec and Seam's server rules, and
prints every issue with its path, then the warnings.

  --json   Print the validation result as JSON.

Exit codes: 0 valid (warnings allowed), 1 invalid, 2 usage or unreadable file.`,
  create: `Usage: seam-portal create <file> [--endpoint <url>] [--timeout <ms>] [--json]

Creates a customer portal and prints its URL (the link carries a session token: share it only
with the customer). Credentials come from the environment: SEAM_API_KEY, or
SEAM_PERSONAL_ACCESS_TOKEN with SEAM_WORKSPACE_ID. SEAM_ENDPOINT sets the endpoint.

  --endpoint <url>  Where to send the request (default https://connect.getseam.com).
  --timeout <ms>    Time limit of each attempt (default 30000).
  --json            Print the whole response as JSON; on failure, { "ok": false, ... } with
                    the issues, or the error's name, code and message.

Exit codes: 0 created, 1 invalid request (nothing sent), 2 usage, missing credentials or
unreadable file, 3 Seam refused the request (401, 400, other errors), 4 no usable answer
(network error, timeout, malformed response).`,
};

/** @param {string[]} argv */
async function main(argv) {
  const [command, ...rest] = argv;
  if (command === "--version" || command === "-v") {
    const { version } = createRequire(import.meta.url)("./package.json");
    console.log(version);
    return EXIT.ok;
  }
  if (command === undefined || command === "--help" || command === "-h" || command === "help") {
    console.log(HELP.main);
    return command === undefined ? EXIT.usage : EXIT.ok;
  }
  if (command !== "validate" && command !== "create") {
    console.error(`seam-portal: unknown command ${JSON.stringify(command)}\n\n${HELP.main}`);
    return EXIT.usage;
  }
  const args = parse(rest);
  if (args.help) {
    console.log(HELP[command]);
    return EXIT.ok;
  }
  if (args.error || args.files.length !== 1) {
    console.error(`seam-portal ${command}: ${args.error ?? "give exactly one file (or -)"}\n\n${HELP[command]}`);
    return EXIT.usage;
  }
  // Read as bytes: validateJson checks they are UTF-8 (a file saved as Latin-1 or UTF-16 is
  // refused, saying where, rather than sent with its characters replaced).
  let text;
  try {
    text = readFileSync(args.files[0] === "-" ? 0 : args.files[0]);
  } catch (error) {
    console.error(`seam-portal ${command}: cannot read ${args.files[0]}: ${/** @type {NodeJS.ErrnoException} */ (error).code ?? error}`);
    return EXIT.usage;
  }
  return command === "validate" ? validate(text, args.json) : create(text, args);
}

/**
 * @param {string[]} rest
 * @returns {{ files: string[], json: boolean, help: boolean, endpoint?: string, timeout?: number, error?: string }}
 */
function parse(rest) {
  /** @type {ReturnType<typeof parse>} */
  const args = { files: [], json: false, help: false };
  for (let i = 0; i < rest.length; i++) {
    const arg = rest[i];
    if (arg === "--json") args.json = true;
    else if (arg === "--help" || arg === "-h") args.help = true;
    else if (arg === "--endpoint" || arg === "--timeout") {
      const value = rest[++i];
      if (value === undefined) return { ...args, error: `${arg} needs a value` };
      if (arg === "--endpoint") args.endpoint = value;
      else if (!(Number(value) > 0)) return { ...args, error: "--timeout takes a positive number of milliseconds" };
      else args.timeout = Number(value);
    } else if (arg.startsWith("--")) return { ...args, error: `unknown option ${arg}` };
    else args.files.push(arg);
  }
  return args;
}

/**
 * @param {Array<{ path: string, code: string, message: string }>} issues
 * @param {string} label
 * @param {(line: string) => void} [write] standard output unless given
 */
function print(issues, label, write = console.log) {
  for (const { path, code, message } of issues) write(`${label}  ${path || "(request)"}: ${message} [${code}]`);
}

/** @param {Uint8Array} text @param {boolean} json */
function validate(text, json) {
  const result = validateJson(text);
  if (json) {
    const { value: _, ...rest } = /** @type {any} */ (result);
    console.log(JSON.stringify(rest, null, 2));
  } else {
    if (!result.ok) print(result.issues, "error  ");
    print(result.warnings, "warning");
    console.log(result.ok ? `valid (${result.warnings.length} warning${result.warnings.length === 1 ? "" : "s"})` : `invalid: ${result.issues.length} problem${result.issues.length === 1 ? "" : "s"}`);
  }
  return result.ok ? EXIT.ok : EXIT.invalid;
}

/**
 * `create`. Its standard output is the portal's URL, or with --json one JSON document: the
 * response, or `{ ok: false, … }` saying what failed, for scripts to read. People read the
 * failure's line on standard error either way.
 * @param {Uint8Array} text @param {ReturnType<typeof parse>} args
 */
async function create(text, args) {
  /** @param {number} exit @param {string} line @param {object} json */
  const fail = (exit, line, json) => {
    console.error(`seam-portal create: ${line}`);
    if (args.json) console.log(JSON.stringify({ ok: false, ...json }, null, 2));
    return exit;
  };
  /** @param {{ issues: Array<{ path: string, code: string, message: string }>, warnings: Array<{ path: string, code: string, message: string }> }} invalid */
  const refuse = ({ issues, warnings }) => {
    if (!args.json) print(issues, "error  ", console.error);
    return fail(EXIT.invalid, `the request is invalid (${issues.length} problem${issues.length === 1 ? "" : "s"}); nothing was sent`, { issues, warnings });
  };
  const parsed = validateJson(text);
  if (!parsed.ok) return refuse(parsed);
  try {
    const response = await submit(parsed.value, { endpoint: args.endpoint, timeoutMs: args.timeout });
    console.log(args.json ? JSON.stringify(response, null, 2) : response.customer_portal.url);
    return EXIT.ok;
  } catch (error) {
    const e = /** @type {any} */ (error);
    if (e instanceof PortalValidationError) return refuse(e);
    const described = { error: { name: e?.name ?? "Error", code: e?.code, message: String(e?.message ?? e) } };
    if (e instanceof SeamInvalidOptionsError || e instanceof SeamInvalidTokenError) return fail(EXIT.usage, e.message, described);
    if (e instanceof SeamApiError) {
      const { statusCode, requestId, validationErrors } = /** @type {{ statusCode: number, requestId: string, validationErrors?: Array<{ path: string, messages: string[] }> }} */ (e);
      const line = `Seam refused the request: ${e.message} (${e.code}, HTTP ${statusCode}${requestId ? `, request ${requestId}` : ""})`;
      if (!args.json) for (const { path, messages } of validationErrors ?? []) console.error(`  ${path || "(request)"}: ${messages.join("; ")}`);
      return fail(EXIT.refused, line, { error: { ...described.error, statusCode, requestId, validationErrors } });
    }
    return fail(EXIT.noAnswer, `${described.error.name}: ${described.error.message}`, described);
  }
}

process.exitCode = await main(process.argv.slice(2));
