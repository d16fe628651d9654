// Type tests: compiled with `tsc --noEmit --strict` against the built package. Correct bodies
// must compile; each `@ts-expect-error` line must fail to (tsc reports an unused one).
import init, {
  PortalRequestBuilder,
  PortalValidationError,
  isPortalValidationError,
  validate,
  validateJson,
  withDefaults,
  type CreatePortalRequest,
  type CreatePortalResponse,
  type CustomerResourcesFilter,
  type DeepLink,
  type Features,
  type LandingPageManage,
  type Locale,
  type NavigationMode,
  type Reservation,
  type Space,
  type StaffMember,
  type ValidationIssue,
  type ValidationResult,
} from "seam-portal";

export const full: CreatePortalRequest = {
  customer_data: {
    customer_key: "customer_1",
    spaces: [{ space_key: "s1", name: "Unit 1", duration_minutes: 60, geolocation: { latitude: 1, longitude: 2 },
      customer_data: { time_zone: null, default_checkin_time: "15:00" } }],
    reservations: [{ reservation_key: "r1", starts_at: "2025-06-01T15:00:00Z", space_keys: ["s1"], custom_metadata: { vip: true, note: null, region: "EU" } }],
    staff_members: [{ staff_member_key: "sm", name: "Sam", site_keys: ["a"] }],
  },
  locale: "fr-FR",
  navigation_mode: "restricted",
  is_embedded: true,
  exclude_locale_picker: false,
  customization_profile_id: "123e4567-e89b-12d3-a456-426614174000",
  landing_page: { manage: { unit_key: "u1" } },
  deep_link: { resource_type: "space", resource_key: "s1" },
  features: { manage: { events: { allowed_events: ["a"] }, device_management_confirmation: { title: "Sure?" } }, manage_devices: { exclude: true } },
  customer_resources_filters: [{ field: "vip", operation: "=", value: true }, { field: "region", operation: "=", value: "EU" }],
  _dev: false,
};

export const empty: CreatePortalRequest = {};

// @ts-expect-error: a misspelt field
export const typo: CreatePortalRequest = { customer_date: { customer_key: "c" } };
// @ts-expect-error: an unknown locale
export const badLocale: CreatePortalRequest = { locale: "en-GB" };
// @ts-expect-error: a number as customer_key
export const numberKey: CreatePortalRequest = { customer_data: { customer_key: 42 } };
// @ts-expect-error: a required key is missing
export const noName: Space = { space_key: "s" };
// @ts-expect-error: filters compare against strings or booleans only
export const badFilter: CustomerResourcesFilter = { field: "f", operation: "=", value: 1 };
// @ts-expect-error: only "=" exists
export const badOperation: CustomerResourcesFilter = { field: "f", operation: "!=", value: "x" };
// @ts-expect-error: a landing page names one of the 13 keys
export const badLanding: LandingPageManage = { device_key: "d" };
// @ts-expect-error: deep links open reservations or spaces
export const badDeepLink: DeepLink = { resource_type: "device", resource_key: "d" };
// @ts-expect-error: nullable only where the spec says so
export const nullLocale: CreatePortalRequest = { locale: null };

export const locales: Locale[] = ["en-US", "pt-PT", "fr-FR", "it-IT", "es-ES", "de-DE", "nl-NL", "el-GR", "pl-PL", "ru-RU"];
export const modes: NavigationMode[] = ["full", "restricted"];
export const features: Features = { configure: { allow_instant_key_customization: true }, connect: { excluded_providers: ["x"] } };
export const staff: StaffMember = { staff_member_key: "", name: "n" };

export async function useTheApi(response: CreatePortalResponse): Promise<string> {
  await init();
  const result: ValidationResult = validate(full);
  if (result.ok) {
    const value: CreatePortalRequest = result.value;
    void value;
    // @ts-expect-error: a valid result has no issues
    void result.issues;
  } else {
    const issues: ValidationIssue[] = result.issues;
    const code: "required" | string = issues[0].code;
    void code;
  }
  const fromText = validateJson("{}");
  void fromText.warnings;
  // Or its UTF-8 bytes: what TextDecoder takes (Node's Buffer is a Uint8Array).
  void validateJson(new TextEncoder().encode("{}"));
  void validateJson(new ArrayBuffer(2));
  void validateJson(new DataView(new ArrayBuffer(2)));
  // @ts-expect-error: text or bytes only
  void validateJson({ customer_data: {} });

  const reservation: Reservation = { reservation_key: "r" };
  const request: CreatePortalRequest = new PortalRequestBuilder("c")
    .locale("de-DE")
    .embedded()
    .addReservation({ ...reservation, starts_at: new Date(), ends_at: "2025-06-01T15:00:00Z" })
    .addSpace({ space_key: "s", name: "n" })
    .build();
  // @ts-expect-error: Dates only where the builder converts them
  new PortalRequestBuilder("c").addSpace({ space_key: "s", name: "n", duration_minutes: new Date() });
  // @ts-expect-error: the builder's locale is typed too
  new PortalRequestBuilder("c").locale("xx");

  const filled: CreatePortalRequest = withDefaults(request);
  void filled;
  try {
    new PortalRequestBuilder("").build();
  } catch (e) {
    if (e instanceof PortalValidationError) {
      const first: ValidationIssue | undefined = e.issues[0];
      void first;
    }
    if (isPortalValidationError(e)) void e.warnings;
  }
  return response.customer_portal.url;
}

import {
  SeamApiError,
  SeamInvalidInputError,
  SeamTimeoutError,
  submit,
  type FieldErrors,
  type SubmitOptions,
} from "seam-portal";

export async function submitTypes(): Promise<string> {
  const options: SubmitOptions = { apiKey: "seam_x", endpoint: "/api", timeoutMs: 1000, retries: 0, signal: new AbortController().signal };
  // @ts-expect-error: timeoutMs is a number
  const badOptions: SubmitOptions = { timeoutMs: "1s" };
  void badOptions;
  // The global fetch fits, and so does any function taking (url, init).
  const withFetch: SubmitOptions[] = [{ fetch }, { fetch: (url: string, init: RequestInit) => fetch(url, init) }];
  // @ts-expect-error: fetch is called with (url, init), not with a Request
  const requestFetch: SubmitOptions = { fetch: (input: Request) => fetch(input) };
  void withFetch, requestFetch;
  // The three credentials the route takes.
  const credentials: SubmitOptions[] = [{ apiKey: "seam_x" }, { personalAccessToken: "seam_at_x", workspaceId: "w" }, { consoleSessionToken: "eyJ", workspaceId: "w" }];
  // @ts-expect-error: a client session token cannot call this route
  const clientSession: SubmitOptions = { clientSessionToken: "seam_cst_x" };
  void credentials, clientSession;
  await submit({ customer_data: { customer_key: "c" } });
  try {
    const response: CreatePortalResponse = await submit(full, options);
    return response.customer_portal.url;
  } catch (e) {
    if (e instanceof SeamInvalidInputError) {
      const fields: FieldErrors[] = e.validationErrors;
      const status: number = e.statusCode;
      void fields, status;
    } else if (e instanceof SeamApiError) {
      const code: string = e.code;
      void code;
    } else if (e instanceof SeamTimeoutError) {
      void e.timeoutMs;
    }
    return "";
  }
}
