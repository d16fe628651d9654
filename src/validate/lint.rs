//! Warnings the schema cannot express: duplicates, references to resources that were not
//! sent, contradictions. They never change the verdict. Each reads only the fields it needs,
//! and skips values of the wrong type (the schema check has reported those).
//!
//! What they need from `customer_data`'s resource lists (keys, parent sites, start and end
//! times) is noted by the schema walk as it reads each entry, into [`Resources`]; the rest of
//! the request is read here.

use std::borrow::Borrow;
use std::collections::hash_map::Entry;
use std::collections::HashMap;
use std::hash::Hash;

use super::check::{quote, Checker};
use super::keyhash::KeyHash;
use super::schema::{ResourceList, Shape, LANDING_PAGE_KEYS, RESOURCE_LISTS};
use super::text::{self, DateTimeCheck};
use super::{IssueCode, Kind, Node, MAX_LISTED};

/// A list's resource keys, each with the index of its first entry.
type Keys<T> = HashMap<T, usize, KeyHash>;

/// Lists whose entries may name a parent site.
const WITH_PARENT_SITE: &[&str] = &["spaces", "rooms", "common_areas", "units"];
/// Lists whose entries have `starts_at` and `ends_at`.
const ACCESS_GRANTS: &[&str] = &["reservations", "bookings", "access_grants"];

/// What the lint needs from `customer_data`'s resource lists, collected by the schema walk as
/// it reads each entry's fields ([`Resources::entering`], [`Roles::note`]). A second pass over
/// every entry to find those fields again cost a fifth of validating (measured in V8).
pub struct Resources<T> {
    /// What each list gave, by index in `RESOURCE_LISTS`; `None` for a list that was not sent.
    /// (An array, not a `Vec`: no allocation for a request, and none again for each
    /// `customer_data`.)
    lists: [Option<ListFound<T>>; RESOURCE_LISTS.len()],
    /// The list entry the walk is about to check, set by the list's walk and taken by
    /// `Checker::object` for that entry alone: which fields to note, and the entry's index.
    pub entering: Option<(Roles, usize)>,
}

/// What one resource list gave. Kept per list, so that warnings come out in list order
/// (`RESOURCE_LISTS`') whatever order the document has, without a sort.
struct ListFound<T> {
    /// Each key, with the index of its first entry.
    keys: Keys<T>,
    /// `parent_site_key`s to look up once every site is known: entry, key.
    parent_sites: Vec<(usize, T)>,
    /// Entries that start after they end: entry, message.
    reversed: Vec<(usize, String)>,
    /// Entries whose key an earlier entry has: entry, message.
    duplicates: Vec<(usize, String)>,
}

impl<T> Default for Resources<T> {
    fn default() -> Self {
        Resources { lists: std::array::from_fn(|_| None), entering: None }
    }
}

impl<T: Borrow<str> + Hash + Eq> Resources<T> {
    /// A `customer_data` value begins: what an earlier one gave is forgotten, as the last of
    /// duplicate keys wins (JSON text only).
    pub fn reset(&mut self) {
        // Nothing to forget for the first (and almost always only) one.
        if self.lists.iter().any(Option::is_some) {
            *self = Resources::default();
        }
    }

    /// A resource list begins, with about `size` entries. Forgets what an earlier list under
    /// the same key gave (the last of duplicate keys wins, as with `get`).
    pub fn start_list(&mut self, list: usize, size: usize) {
        self.lists[list] = Some(ListFound {
            keys: Keys::with_capacity_and_hasher(size, Default::default()),
            parent_sites: Vec::new(),
            reversed: Vec::new(),
            duplicates: Vec::new(),
        });
    }

    /// Records an entry whose fields the walk has read.
    pub fn add(&mut self, roles: Roles, index: usize, noted: Noted<T>) {
        let Some(found) = self.lists[roles.list].as_mut() else { return };
        let Noted { key, site, starts, ends } = noted;
        if let Some(site) = site {
            found.parent_sites.push((index, site));
        }
        if let (Some(starts), Some(ends)) = (&starts, &ends) {
            let (starts, ends): (&str, &str) = (starts.borrow(), ends.borrow());
            // The order first (total on any strings, and cheap); only a reversed pair is worth
            // parsing, to be sure both are date-times.
            let valid = |s: &str| text::date_time(s) == DateTimeCheck::Valid;
            // Kept up to the most warnings a report lists, and one more to say there were more.
            if found.reversed.len() <= MAX_LISTED && text::compare_utc(starts, ends).is_gt() && valid(starts) && valid(ends) {
                found.reversed.push((index, format!("starts at {starts}, after it ends ({ends})")));
            }
        }
        let Some(key) = key else { return };
        // One hash and one probe, whether the key is new or a duplicate.
        match found.keys.entry(key) {
            Entry::Occupied(_) if found.duplicates.len() > MAX_LISTED => {}
            Entry::Occupied(first) => {
                let (key, first): (&str, _) = (first.key().borrow(), first.get());
                let message = format!("{} is also the {} of entry {first}; Seam keys resources by it", quote(key), RESOURCE_LISTS[roles.list].key);
                found.duplicates.push((index, message));
            }
            Entry::Vacant(slot) => {
                slot.insert(index);
            }
        }
    }

    /// Whether `key` names an entry of `list`.
    fn sent(&self, list: &str, key: &str) -> bool {
        let found = RESOURCE_LISTS.iter().position(|l| l.list == list).and_then(|i| self.lists[i].as_ref());
        found.is_some_and(|found| found.keys.contains_key(key))
    }

    /// Each list that was sent, with what it gave, in `RESOURCE_LISTS` order.
    fn sent_lists(&self) -> impl Iterator<Item = (&'static ResourceList, &ListFound<T>)> {
        RESOURCE_LISTS.iter().zip(&self.lists).filter_map(|(list, found)| Some((list, found.as_ref()?)))
    }
}

/// Which fields of a resource list's entries the lint needs, by index in the entry's shape.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Roles {
    /// The list's index in `RESOURCE_LISTS`.
    pub list: usize,
    key: Option<usize>,
    parent_site: Option<usize>,
    starts_at: Option<usize>,
    ends_at: Option<usize>,
}

/// Each resource list's roles, by index in `RESOURCE_LISTS`, found when compiling: finding the
/// fields by name each time a list began cost more than the rest of a small request's lint.
static ROLES: [Roles; RESOURCE_LISTS.len()] = {
    let mut roles = [Roles { list: 0, key: None, parent_site: None, starts_at: None, ends_at: None }; RESOURCE_LISTS.len()];
    let mut list = 0;
    while list < roles.len() {
        let resource = &RESOURCE_LISTS[list];
        let grant = listed(ACCESS_GRANTS, resource.list);
        let with_site = listed(WITH_PARENT_SITE, resource.list);
        roles[list] = Roles {
            list,
            key: field_index(resource.shape, resource.key),
            parent_site: if with_site { field_index(resource.shape, "parent_site_key") } else { None },
            starts_at: if grant { field_index(resource.shape, "starts_at") } else { None },
            ends_at: if grant { field_index(resource.shape, "ends_at") } else { None },
        };
        // The schema's tables and these lists cannot drift apart unnoticed: it would not compile.
        let found = &roles[list];
        assert!(found.key.is_some(), "a resource list's entries have its key field");
        assert!(!with_site || found.parent_site.is_some(), "a list in WITH_PARENT_SITE has parent_site_key");
        assert!(!grant || (found.starts_at.is_some() && found.ends_at.is_some()), "a list in ACCESS_GRANTS has starts_at and ends_at");
        list += 1;
    }
    roles
};

/// Whether `names` holds `name`, when compiling.
const fn listed(names: &[&str], name: &str) -> bool {
    let mut i = 0;
    while i < names.len() {
        if text::same_bytes(names[i].as_bytes(), name.as_bytes()) {
            return true;
        }
        i += 1;
    }
    false
}

/// The index of `shape`'s field `name`, when compiling.
const fn field_index(shape: &Shape, name: &str) -> Option<usize> {
    let mut i = 0;
    while i < shape.fields.len() {
        if text::same_bytes(shape.fields[i].name.as_bytes(), name.as_bytes()) {
            return Some(i);
        }
        i += 1;
    }
    None
}

impl Roles {
    /// The roles in the entries of a list of `shape`s, when that is one of the resource lists.
    pub fn of(shape: &Shape) -> Option<Roles> {
        let list = RESOURCE_LISTS.iter().position(|l| std::ptr::eq(l.shape, shape))?;
        Some(ROLES[list])
    }

    /// Notes the value of the entry's field `i`, if the lint needs it. A later duplicate key
    /// replaces an earlier one, as with `get`.
    #[inline]
    pub fn note<N: Node>(&self, i: usize, value: &N, noted: &mut Noted<N::Text>) {
        let slot = if Some(i) == self.key {
            &mut noted.key
        } else if Some(i) == self.parent_site {
            &mut noted.site
        } else if Some(i) == self.starts_at {
            &mut noted.starts
        } else if Some(i) == self.ends_at {
            &mut noted.ends
        } else {
            return;
        };
        *slot = value.text();
    }
}

/// The strings an entry holds in the fields of its [`Roles`] (`None`: absent or not a string).
pub struct Noted<T> {
    key: Option<T>,
    site: Option<T>,
    starts: Option<T>,
    ends: Option<T>,
}

impl<T> Default for Noted<T> {
    fn default() -> Self {
        Noted { key: None, site: None, starts: None, ends: None }
    }
}

/// Warns about what the schema cannot see, from the request and what the walk found in its
/// resource lists. Warnings come in a fixed order: by list (in `RESOURCE_LISTS` order) and
/// entry, whatever order the document lists them in.
pub fn lint<N: Node>(cx: &mut Checker, root: &N, found: Resources<N::Text>) {
    if root.kind() != Kind::Object {
        return;
    }
    for (ResourceList { list, key, .. }, list_found) in found.sent_lists() {
        for (index, message) in &list_found.duplicates {
            at_entry(cx, list, *index, key, &mut |cx| cx.warn(IssueCode::DuplicateKey, message.clone()));
        }
    }
    let [landing_page, deep_link, features] = root.get_fields(["landing_page", "deep_link", "features"]);

    if let Some(manage) = landing_page.and_then(|lp| lp.get("manage")) {
        for (field, list) in LANDING_PAGE_KEYS {
            if let Some(key) = manage.get(field).as_ref().and_then(Node::as_str) {
                if !found.sent(list, &key) {
                    cx.at_field("landing_page", |cx| cx.at_field("manage", |cx| cx.at_field(field, |cx| {
                        cx.warn(IssueCode::UnknownReference, format!("{} names no entry of customer_data.{list}", quote(&key)))
                    })));
                }
            }
        }
    }

    if let Some(link) = deep_link {
        let [ty, key] = link.get_fields(["resource_type", "resource_key"]);
        let list = match ty.as_ref().and_then(Node::as_str).as_deref() {
            Some("reservation") => Some("reservations"),
            Some("space") => Some("spaces"),
            _ => None,
        };
        if let (Some(list), Some(key)) = (list, key.as_ref().and_then(Node::as_str)) {
            if !found.sent(list, &key) {
                cx.at_field("deep_link", |cx| cx.at_field("resource_key", |cx| {
                    cx.warn(IssueCode::UnknownReference, format!("{} names no entry of customer_data.{list}", quote(&key)))
                }));
            }
        }
    }

    if let Some(features) = features {
        cx.at_field("features", |cx| lint_features(cx, &features));
    }

    // Reported after the rest, as their own passes over customer_data used to be.
    for (ResourceList { list, .. }, list_found) in found.sent_lists() {
        for (index, site) in &list_found.parent_sites {
            if !found.sent("sites", site.borrow()) {
                at_entry(cx, list, *index, "parent_site_key", &mut |cx| {
                    cx.warn(IssueCode::UnknownReference, format!("{} names no entry of customer_data.sites", quote(site.borrow())))
                });
            }
        }
    }
    for (ResourceList { list, .. }, list_found) in found.sent_lists() {
        for (index, message) in &list_found.reversed {
            at_entry(cx, list, *index, "starts_at", &mut |cx| cx.warn(IssueCode::StartsAfterEnds, message.clone()));
        }
    }
}

/// Runs `f` with the path at `customer_data.<list>[index].<field>`. Written only for a
/// warning: the pass over every entry keeps no path of its own.
fn at_entry(cx: &mut Checker, list: &'static str, index: usize, field: &'static str, f: &mut dyn FnMut(&mut Checker)) {
    cx.at_field("customer_data", |cx| cx.at_field(list, |cx| cx.at_index(index, |cx| cx.at_field(field, |cx| f(cx)))))
}

fn strings<N: Node>(node: Option<N>) -> Vec<String> {
    let mut out = Vec::new();
    if let Some(node) = node.filter(|n| n.kind() == Kind::Array) {
        let _ = node.for_each_item(|_, item| {
            out.push(item.ok().and_then(|i| i.as_str().map(|s| s.into_owned())).unwrap_or_default())
        });
    }
    out
}

fn lint_features<N: Node>(cx: &mut Checker, features: &N) {
    if features.kind() != Kind::Object {
        return;
    }
    if let Some(connect) = features.get("connect") {
        let accepted = strings(connect.get("accepted_providers"));
        let excluded = strings(connect.get("excluded_providers"));
        for (i, provider) in excluded.iter().enumerate() {
            if accepted.contains(provider) {
                cx.at_field("connect", |cx| cx.at_field("excluded_providers", |cx| cx.at_index(i, |cx| {
                    cx.warn(IssueCode::ProviderConflict, format!("{} is both accepted and excluded; excluded wins", quote(provider)))
                })));
            }
        }
    }
    if let Some(events) = features.get("manage").and_then(|m| m.get("events")) {
        let allowed = events.get("allowed_events").filter(|a| a.kind() == Kind::Array);
        if allowed.is_some() {
            let allowed = strings(allowed);
            for (i, event) in strings(events.get("default_events")).iter().enumerate() {
                if !allowed.contains(event) {
                    cx.at_field("manage", |cx| cx.at_field("events", |cx| cx.at_field("default_events", |cx| cx.at_index(i, |cx| {
                        cx.warn(IssueCode::DefaultEventNotAllowed, format!("{} is not in allowed_events, so it can never be selected", quote(event)))
                    }))));
                }
            }
        }
    }
    if features.get("manage_devices").is_some() {
        cx.at_field("manage_devices", |cx| {
            cx.warn(IssueCode::Deprecated, "the manage_devices feature is deprecated: use features.manage instead")
        });
    }
}
