//! Warnings the schema cannot express: duplicates, references to resources that were not
//! sent, contradictions. They never change the verdict. Each reads only the fields it needs,
//! and skips values of the wrong type (the schema check has reported those).

use std::borrow::Borrow;
use std::collections::hash_map::Entry;
use std::collections::HashMap;
use std::hash::Hash;

use super::check::{quote, Checker};
use super::keyhash::KeyHash;
use super::schema::{LANDING_PAGE_KEYS, RESOURCE_LISTS};
use super::text::{self, DateTimeCheck};
use super::{IssueCode, Kind, Node};

/// A list's resource keys, each with the index of its first entry.
type Keys<T> = HashMap<T, usize, KeyHash>;

/// Lists whose entries may name a parent site.
const WITH_PARENT_SITE: &[&str] = &["spaces", "rooms", "common_areas", "units"];
/// Lists whose entries have `starts_at` and `ends_at`.
const ACCESS_GRANTS: &[&str] = &["reservations", "bookings", "access_grants"];

/// What one pass over `customer_data` finds, beyond the duplicate keys it reports at once.
struct Resources<T> {
    /// Each list's keys, in the order of `RESOURCE_LISTS`.
    keys: Vec<Keys<T>>,
    /// `parent_site_key`s to look up once every site is known: list, entry, key.
    parent_sites: Vec<(&'static str, usize, T)>,
    /// Entries that start after they end: list, entry, message.
    reversed: Vec<(&'static str, usize, String)>,
}

impl<T: Borrow<str> + Hash + Eq> Resources<T> {
    /// Nothing found: no `customer_data` object.
    fn none() -> Self {
        Resources { keys: Vec::new(), parent_sites: Vec::new(), reversed: Vec::new() }
    }

    /// Whether `key` names an entry of `list`.
    fn sent(&self, list: &str, key: &str) -> bool {
        let keys = RESOURCE_LISTS.iter().position(|l| l.list == list).and_then(|i| self.keys.get(i));
        keys.is_some_and(|keys| keys.contains_key(key))
    }
}

pub fn lint<N: Node>(cx: &mut Checker, root: &N) {
    if root.kind() != Kind::Object {
        return;
    }
    let [customer_data, landing_page, deep_link, features] = root.get_fields(["customer_data", "landing_page", "deep_link", "features"]);
    let found = match &customer_data {
        Some(cd) if cd.kind() == Kind::Object => resources(cx, cd),
        _ => Resources::none(),
    };

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
    for (list, index, site) in &found.parent_sites {
        if !found.sent("sites", site.borrow()) {
            at_entry(cx, list, *index, "parent_site_key", &mut |cx| {
                cx.warn(IssueCode::UnknownReference, format!("{} names no entry of customer_data.sites", quote(site.borrow())))
            });
        }
    }
    for (list, index, message) in &found.reversed {
        at_entry(cx, list, *index, "starts_at", &mut |cx| cx.warn(IssueCode::StartsAfterEnds, message.clone()));
    }
}

/// One pass over every resource list: collects each list's keys (warning about duplicates at
/// once), the parent sites entries name, and entries that start after they end. Each entry's
/// fields are found in one pass over its keys.
fn resources<N: Node>(cx: &mut Checker, cd: &N) -> Resources<N::Text> {
    let mut found = Resources::none();
    // Every list in one pass over customer_data's keys (the last of duplicates wins, as
    // with `get`).
    let mut lists: Vec<Option<N>> = RESOURCE_LISTS.iter().map(|_| None).collect();
    let _ = cd.for_each_entry(|key, value| {
        if let (Some(i), Ok(value)) = (RESOURCE_LISTS.iter().position(|l| l.list == key), value) {
            lists[i] = Some(value);
        }
    });
    for (list, items) in RESOURCE_LISTS.iter().zip(lists) {
        let items = items.filter(|items| items.kind() == Kind::Array);
        let mut keys = Keys::with_capacity_and_hasher(items.as_ref().and_then(Node::size_hint).unwrap_or(0), Default::default());
        let has_parent = WITH_PARENT_SITE.contains(&list.list);
        let is_grant = ACCESS_GRANTS.contains(&list.list);
        // Unreadable items and ones that are not objects were reported by the schema check.
        let _ = items.as_ref().map(|items| items.for_each_item(|index, entry| {
            let entry = match entry {
                Ok(entry) if entry.kind() == Kind::Object => entry,
                _ => return,
            };
            let key = if has_parent {
                let [key, site] = entry.get_fields([list.key, "parent_site_key"]);
                if let Some(site) = site.as_ref().and_then(Node::text) {
                    found.parent_sites.push((list.list, index, site));
                }
                key
            } else if is_grant {
                let [key, starts, ends] = entry.get_fields([list.key, "starts_at", "ends_at"]);
                if let (Some(starts), Some(ends)) = (starts.as_ref().and_then(Node::text), ends.as_ref().and_then(Node::text)) {
                    let (starts, ends): (&str, &str) = (starts.borrow(), ends.borrow());
                    // The order first (total on any strings, and cheap); only a reversed
                    // pair is worth parsing, to be sure both are date-times.
                    let valid = |s: &str| text::date_time(s) == DateTimeCheck::Valid;
                    if text::compare_utc(starts, ends).is_gt() && valid(starts) && valid(ends) {
                        found.reversed.push((list.list, index, format!("starts at {starts}, after it ends ({ends})")));
                    }
                }
                key
            } else {
                entry.get(list.key)
            };
            if let Some(key) = key.as_ref().and_then(Node::text) {
                // One hash and one probe, whether the key is new or a duplicate.
                match keys.entry(key) {
                    Entry::Occupied(first) => at_entry(cx, list.list, index, list.key, &mut |cx| {
                        let (key, first): (&str, _) = (first.key().borrow(), first.get());
                        cx.warn(IssueCode::DuplicateKey, format!("{} is also the {} of entry {first}; Seam keys resources by it", quote(key), list.key))
                    }),
                    Entry::Vacant(slot) => {
                        slot.insert(index);
                    }
                }
            }
        }));
        found.keys.push(keys);
    }
    found
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
