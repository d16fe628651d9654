//! Warnings the schema cannot express: duplicates, references to resources that were not
//! sent, contradictions. They never change the verdict. Each reads only the fields it needs,
//! and skips values of the wrong type (the schema check has reported those).

use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};

use super::check::{quote, Checker};
use super::schema::{LANDING_PAGE_KEYS, RESOURCE_LISTS};
use super::text::{self, DateTimeCheck};
use super::{IssueCode, Kind, Node};

/// FNV-1a: the key sets hold the caller's own short keys, hashed once each; SipHash's
/// resistance to flooding buys nothing here and cost an eighth of the validation time.
#[derive(Default)]
struct Fnv(u64);

impl Hasher for Fnv {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        let mut hash = if self.0 == 0 { 0xcbf2_9ce4_8422_2325 } else { self.0 };
        for &b in bytes {
            hash = (hash ^ u64::from(b)).wrapping_mul(0x0000_0100_0000_01b3);
        }
        self.0 = hash;
    }
}

/// A list's resource keys, each with the index of its first entry.
type Keys<T> = HashMap<T, usize, BuildHasherDefault<Fnv>>;

/// Lists whose entries may name a parent site.
const WITH_PARENT_SITE: &[&str] = &["spaces", "rooms", "common_areas", "units"];
/// Lists whose entries have `starts_at` and `ends_at`.
const ACCESS_GRANTS: &[&str] = &["reservations", "bookings", "access_grants"];

pub fn lint<N: Node>(cx: &mut Checker, root: &N) {
    if root.kind() != Kind::Object {
        return;
    }
    let keys = root.get("customer_data").map(|cd| resources(cx, &cd)).unwrap_or_default();
    let sent = |list: &str, key: &str| keys.get(list).is_some_and(|k| k.contains_key(key));

    if let Some(manage) = root.get("landing_page").and_then(|lp| lp.get("manage")) {
        for (field, list) in LANDING_PAGE_KEYS {
            if let Some(key) = manage.get(field).as_ref().and_then(Node::as_str) {
                if !sent(list, &key) {
                    cx.at_key("landing_page", |cx| cx.at_key("manage", |cx| cx.at_key(field, |cx| {
                        cx.warn(IssueCode::UnknownReference, format!("{} names no entry of customer_data.{list}", quote(&key)))
                    })));
                }
            }
        }
    }

    if let Some(link) = root.get("deep_link") {
        let ty = link.get("resource_type");
        let key = link.get("resource_key");
        let list = match ty.as_ref().and_then(Node::as_str).as_deref() {
            Some("reservation") => Some("reservations"),
            Some("space") => Some("spaces"),
            _ => None,
        };
        if let (Some(list), Some(key)) = (list, key.as_ref().and_then(Node::as_str)) {
            if !sent(list, &key) {
                cx.at_key("deep_link", |cx| cx.at_key("resource_key", |cx| {
                    cx.warn(IssueCode::UnknownReference, format!("{} names no entry of customer_data.{list}", quote(&key)))
                }));
            }
        }
    }

    if let Some(features) = root.get("features") {
        cx.at_key("features", |cx| lint_features(cx, &features));
    }

    if let Some(cd) = root.get("customer_data") {
        cx.at_key("customer_data", |cx| {
            for list in WITH_PARENT_SITE {
                each_entry(cx, &cd, list, |cx, entry| {
                    if let Some(site) = entry.get("parent_site_key").as_ref().and_then(Node::as_str) {
                        if !sent("sites", &site) {
                            cx.at_key("parent_site_key", |cx| {
                                cx.warn(IssueCode::UnknownReference, format!("{} names no entry of customer_data.sites", quote(&site)))
                            });
                        }
                    }
                });
            }
            for list in ACCESS_GRANTS {
                each_entry(cx, &cd, list, |cx, entry| {
                    let utc = |field| {
                        entry.get(field).as_ref().and_then(Node::as_str).map(|s| s.into_owned())
                            .filter(|s| text::date_time(s) == DateTimeCheck::Valid)
                    };
                    if let (Some(starts), Some(ends)) = (utc("starts_at"), utc("ends_at")) {
                        if text::compare_utc(&starts, &ends).is_gt() {
                            cx.at_key("starts_at", |cx| {
                                cx.warn(IssueCode::StartsAfterEnds, format!("starts at {starts}, after it ends ({ends})"))
                            });
                        }
                    }
                });
            }
        });
    }
}

/// Collects each list's keys (key → first index) and warns about duplicates.
fn resources<N: Node>(cx: &mut Checker, cd: &N) -> HashMap<&'static str, Keys<N::Text>> {
    let mut all = HashMap::new();
    cx.at_key("customer_data", |cx| {
        for list in &RESOURCE_LISTS {
            let mut keys = Keys::default();
            let mut index = 0;
            each_entry(cx, cd, list.list, |cx, entry| {
                if let Some(key) = entry.get(list.key).as_ref().and_then(Node::text) {
                    match keys.get(key.as_ref()) {
                        Some(first) => cx.at_key(list.key, |cx| {
                            cx.warn(IssueCode::DuplicateKey, format!("{} is also the {} of entry {first}; Seam keys resources by it", quote(key.as_ref()), list.key))
                        }),
                        None => {
                            keys.insert(key, index);
                        }
                    }
                }
                index += 1;
            });
            all.insert(list.list, keys);
        }
    });
    all
}

/// Runs `f` on each object entry of `cd[list]`, with the path at that entry.
fn each_entry<N: Node>(cx: &mut Checker, cd: &N, list: &str, mut f: impl FnMut(&mut Checker, &N)) {
    let Some(items) = cd.get(list) else { return };
    if items.kind() != Kind::Array {
        return;
    }
    // Unreadable items were reported by the schema check.
    let _ = items.for_each_item(|i, item| {
        if let Ok(item) = item {
            if item.kind() == Kind::Object {
                cx.at_key(list, |cx| cx.at_index(i, |cx| f(cx, &item)));
            }
        }
    });
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
                cx.at_key("connect", |cx| cx.at_key("excluded_providers", |cx| cx.at_index(i, |cx| {
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
                    cx.at_key("manage", |cx| cx.at_key("events", |cx| cx.at_key("default_events", |cx| cx.at_index(i, |cx| {
                        cx.warn(IssueCode::DefaultEventNotAllowed, format!("{} is not in allowed_events, so it can never be selected", quote(event)))
                    }))));
                }
            }
        }
    }
    if features.get("manage_devices").is_some() {
        cx.at_key("manage_devices", |cx| {
            cx.warn(IssueCode::Deprecated, "the manage_devices feature is deprecated: use features.manage instead")
        });
    }
}
