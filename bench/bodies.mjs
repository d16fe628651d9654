// @ts-check
// Deterministic, valid create_portal bodies of a target size, with every resource list: entries
// are added to the lists in turn until the size is reached (at about 3 KB every list has one).

/** @param {number} i */
const key = (i) => `k${String(i).padStart(6, "0")}`;

/** One entry of each resource list, numbered `i`. */
const ENTRIES = {
  spaces: (/** @type {number} */ i) => ({ space_key: `space_${key(i)}`, name: `Space ${i}`, parent_site_key: "site_0", duration_minutes: 60,
    geolocation: { latitude: 38.7 + i / 1e6, longitude: -9.1 }, customer_data: { time_zone: "Europe/Lisbon", default_checkin_time: "15:00", default_checkout_time: "11:00", address: null } }),
  sites: (/** @type {number} */ i) => ({ site_key: `site_${i}`, name: `Site ${i}` }),
  properties: (/** @type {number} */ i) => ({ property_key: `property_${key(i)}`, name: `Property ${i}` }),
  rooms: (/** @type {number} */ i) => ({ room_key: `room_${key(i)}`, name: `Room ${i}`, parent_site_key: "site_0" }),
  common_areas: (/** @type {number} */ i) => ({ common_area_key: `area_${key(i)}`, name: `Gym ${i}` }),
  units: (/** @type {number} */ i) => ({ unit_key: `unit_${key(i)}`, name: `Unit ${i}`, parent_site_key: "site_0" }),
  facilities: (/** @type {number} */ i) => ({ facility_key: `facility_${key(i)}`, name: `Pool ${i}` }),
  buildings: (/** @type {number} */ i) => ({ building_key: `building_${key(i)}`, name: `Building ${i}` }),
  listings: (/** @type {number} */ i) => ({ listing_key: `listing_${key(i)}`, name: `Listing ${i}` }),
  property_listings: (/** @type {number} */ i) => ({ property_listing_key: `pl_${key(i)}`, name: `Listing ${i}`, custom_metadata: { region: "EU", vip: i % 2 === 0 } }),
  guests: (/** @type {number} */ i) => ({ guest_key: `guest_${key(i)}`, name: `Guest ${i}`, email_address: `guest${i}@example.com` }),
  tenants: (/** @type {number} */ i) => ({ tenant_key: `tenant_${key(i)}`, name: `Tenant ${i}`, phone_number: "+351210000000" }),
  residents: (/** @type {number} */ i) => ({ resident_key: `resident_${key(i)}`, name: `Resident ${i}` }),
  users: (/** @type {number} */ i) => ({ user_key: `user_${key(i)}`, name: `User ${i}` }),
  user_identities: (/** @type {number} */ i) => ({ user_identity_key: `ui_${key(i)}`, name: `Identity ${i}` }),
  staff_members: (/** @type {number} */ i) => ({ staff_member_key: `staff_${key(i)}`, name: `Staff ${i}`, site_keys: ["site_0"] }),
  reservations: (/** @type {number} */ i) => ({ reservation_key: `res_${key(i)}`, name: `Stay ${i}`, guest_key: `guest_${key(i)}`,
    starts_at: "2025-06-01T15:00:00Z", ends_at: "2025-06-08T10:00:00Z", space_keys: [`space_${key(i)}`], custom_metadata: { channel: "direct" } }),
  bookings: (/** @type {number} */ i) => ({ booking_key: `booking_${key(i)}`, starts_at: "2025-06-01T15:00:00Z", ends_at: "2025-06-01T16:00:00Z", unit_keys: [`unit_${key(i)}`] }),
  access_grants: (/** @type {number} */ i) => ({ access_grant_key: `ag_${key(i)}`, user_key: `user_${key(i)}`, building_keys: [`building_${key(i)}`] }),
};

/**
 * A valid body of about `bytes` bytes of JSON.
 * @param {number} bytes
 */
export function bodyOfSize(bytes) {
  /** @type {Record<string, unknown[]>} */
  const lists = Object.fromEntries(Object.keys(ENTRIES).map((k) => [k, []]));
  const body = {
    customer_data: { customer_key: "customer_bench", ...lists },
    locale: "en-US",
    features: { manage: { exclude_staff_management: false } },
    landing_page: { manage: { site_key: "site_0" } },
  };
  let size = JSON.stringify(body).length;
  for (let i = 0; size < bytes; i++) {
    for (const [list, make] of Object.entries(ENTRIES)) {
      const entry = make(i);
      lists[list].push(entry);
      size += JSON.stringify(entry).length + 1;
      if (size >= bytes) break;
    }
  }
  return body;
}
