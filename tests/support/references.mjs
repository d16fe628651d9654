// @ts-check
// The two references the validator's verdict is tested (and benchmarked) against:
// - ajv 8 with the spec's request schema (OpenAPI 3.0, adapted to the JSON Schema ajv reads);
// - Seam's own request schema, the zod models of @seamapi/types@1.977.0.
// A body is valid when both accept it.
import { readFileSync } from "node:fs";
import { Ajv } from "ajv";
// CommonJS: its module.exports is the plugin, and also has it as `default`, which is what its
// types describe.
import formats from "ajv-formats";
import { z } from "zod";

const specUrl = new URL("../../spec/create_portal.openapi.json", import.meta.url);

/** The request body schema, from the OpenAPI file. */
export function requestSchema() {
  const spec = JSON.parse(readFileSync(specUrl, "utf8"));
  return spec.paths["/customers/create_portal"].post.requestBody.content["application/json"].schema;
}

/**
 * Adapts OpenAPI 3.0 to the JSON Schema ajv 8 reads, keeping the meaning:
 * - `exclusiveMinimum: true` beside `minimum` becomes `exclusiveMinimum: <minimum>`;
 * - `nullable` without a `type` (beside a `oneOf`, which ajv's `nullable` cannot take) becomes
 *   one more `oneOf` branch, `{ type: "null" }`.
 * @param {any} schema
 * @returns {any}
 */
function toJsonSchema(schema) {
  if (Array.isArray(schema)) return schema.map(toJsonSchema);
  if (schema === null || typeof schema !== "object") return schema;
  /** @type {Record<string, any>} */
  const out = {};
  if (schema.nullable === true && schema.type === undefined && Array.isArray(schema.oneOf)) {
    const { nullable: _, oneOf, ...rest } = schema;
    return toJsonSchema({ ...rest, oneOf: [...oneOf, { type: "null" }] });
  }
  for (const [key, value] of Object.entries(schema)) {
    if (key === "exclusiveMinimum" && value === true) continue;
    if (key === "minimum" && schema.exclusiveMinimum === true) out.exclusiveMinimum = value;
    else out[key] = toJsonSchema(value);
  }
  return out;
}

/** ajv, compiled from the spec: `(body) => boolean`, with `.errors` after a failure. */
export function compileAjv() {
  // strict: false because the spec carries OpenAPI's `x-…` annotations; `nullable` is an
  // OpenAPI keyword ajv implements.
  const ajv = new Ajv({ strict: false, allErrors: true });
  formats.default(ajv);
  return ajv.compile(toJsonSchema(requestSchema()));
}

/** Seam's request schema: `portal_configuration.and({ customer_data: customer_data.optional() })`. */
export async function seamRequestSchema() {
  // The models are not among the package's exports: load them by path, beside its entry point.
  const connect = import.meta.resolve("@seamapi/types/connect");
  const models = new URL("./lib/seam/connect/models/customer/", connect);
  const { portal_configuration } = await import(new URL("customer-portal.js", models).href);
  const { customer_data } = await import(new URL("customer-data.js", models).href);
  return portal_configuration.and(z.object({ customer_data: customer_data.optional() }));
}
