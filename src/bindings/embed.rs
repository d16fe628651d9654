//! `embedPortal`: shows a portal in an iframe with Seam's recommended attributes, refuses
//! unsafe URLs (the same rule `submit` applies to responses), and can replace the link before
//! it expires.

use std::cell::RefCell;
use std::rc::Rc;
use std::sync::atomic::{AtomicU32, Ordering};

use js_sys::{Function, Promise, Reflect};
use serde::Deserialize;
use tsify::{Ts, Tsify};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::{future_to_promise, JsFuture};
use web_sys::{Element, HtmlIFrameElement};

use super::timers::clear_timeout;
use crate::submit::response::check_portal_url;

/// Options of `embedPortal`.
#[derive(Tsify, Deserialize, Default)]
#[serde(rename_all = "camelCase")]
pub struct EmbedOptions {
    /// The iframe's accessible title.
    ///
    /// @default "Seam customer portal"
    #[serde(default)]
    #[tsify(optional)]
    pub title: Option<String>,
    /// The iframe's CSS height (a value CSS reads as one, such as `"80vh"`; anything else is
    /// refused rather than dropped by the page).
    ///
    /// @default "720px"
    #[serde(default)]
    #[tsify(optional)]
    pub height: Option<String>,
    /// Called to get a new link (e.g. your backend calling `submit`): before the current one
    /// expires, and by `refresh()`. Resolves with a create_portal response or a URL.
    #[serde(default, with = "super::options::js_value")]
    #[tsify(optional, type = "() => Promise<CreatePortalResponse | string> | CreatePortalResponse | string")]
    pub refresh: JsValue,
    /// How long before `expires_at` to replace the link, in milliseconds (for links that live
    /// shorter than twice this, half-way through their life).
    ///
    /// @default 60000
    #[serde(default)]
    #[tsify(optional)]
    pub refresh_before_ms: Option<f64>,
    /// Called after each automatic refresh fails (the current link stays, and the refresh is
    /// tried again half-way to its expiry, at least a second later, while it has not expired),
    /// and when a refreshed link has already expired by this device's clock (it is shown, and
    /// automatic refresh stops rather than asking again at once).
    #[serde(default, with = "super::options::js_value")]
    #[tsify(optional, type = "(error: unknown) => void")]
    pub on_refresh_error: JsValue,
}

/// An embedded portal: its iframe, and the means to renew or remove it.
#[wasm_bindgen]
pub struct EmbeddedPortal {
    state: Rc<RefCell<State>>,
}

struct State {
    iframe: HtmlIFrameElement,
    // This portal's number, which the iframe keeps while it shows this portal (a later
    // embedPortal in the same container takes it over).
    number: u32,
    refresh: Option<Function>,
    on_refresh_error: Option<Function>,
    refresh_before_ms: f64,
    expires_at: Option<String>,
    timer: Option<JsValue>,
    // The scheduled callback, kept alive until it fires or is replaced.
    on_timer: Option<Closure<dyn FnMut()>>,
    // Counts the refreshes scheduled, so that a timer that fired just before being replaced
    // (its callback already queued) knows it is stale.
    schedules: u32,
    destroyed: bool,
    // The refresh on its way, which a `refresh()` or an automatic refresh made meanwhile joins.
    in_flight: Option<Promise>,
}

/// Numbers the portals embedded (see `State::number`).
static PORTALS: AtomicU32 = AtomicU32::new(0);

/// Shows a customer portal in `container` (an element or a CSS selector), in an iframe with
/// Seam's recommended attributes (`allow="clipboard-write"`, a title, full width). Reuses the
/// iframe a previous call put there, and stops that call's portal. With a `refresh` option,
/// the link is replaced before its `expires_at`: the schedule keeps the portal alive without
/// its handle, until `destroy()` or until the iframe is found out of the document when a
/// refresh is due (`refresh()` starts it again).
///
/// @throws {SeamInvalidOptionsError} no such container, a URL that is not `https:` (`http:` only on loopback), an `expires_at` that is not a date-time string, or an option of the wrong kind.
#[wasm_bindgen(js_name = embedPortal, unchecked_return_type = "EmbeddedPortal")]
pub fn embed_portal(
    #[wasm_bindgen(unchecked_param_type = "Element | string")] container: JsValue,
    #[wasm_bindgen(js_name = portalOrUrl, unchecked_param_type = "CreatePortalResponse | CustomerPortal | string")] portal_or_url: JsValue,
    options: Option<Ts<EmbedOptions>>,
) -> Result<JsValue, JsValue> {
    let options: EmbedOptions =
        super::options::read(&options.map_or(JsValue::UNDEFINED, |o| o.js_value())).map_err(|e| invalid(&e.message("embedPortal")))?;
    // Checked before the page is touched. A wrong value is refused rather than replaced by the
    // default: a `refresh` that is not a function would otherwise leave the link to expire.
    let refresh_before_ms = options.refresh_before_ms.unwrap_or(60_000.0);
    // Written to refuse NaN too.
    if !(refresh_before_ms >= 0.0) {
        return Err(invalid("the embedPortal options are invalid: `refreshBeforeMs` must be a number of milliseconds, 0 or more"));
    }
    let height = options.height.as_deref().unwrap_or("720px");
    // The page would drop a height it cannot read (`style.height` ignores it), leaving the
    // iframe at the browser's 150px.
    if !is_css_height(height) {
        return Err(invalid("the embedPortal options are invalid: `height` must be a CSS height, such as \"720px\" or \"80vh\""));
    }
    let refresh = callback(options.refresh, "refresh")?;
    let on_refresh_error = callback(options.on_refresh_error, "onRefreshError")?;
    let container = find_container(&container)?;
    let (url, expires_at) = read_portal(&portal_or_url)?;
    let title = options.title.as_deref().unwrap_or("Seam customer portal");
    let number = PORTALS.fetch_add(1, Ordering::Relaxed);
    let iframe = show_frame(&container, &url, title, height, number)?.ok_or_else(|| invalid("the container's portal frame is not an iframe"))?;
    let state = Rc::new(RefCell::new(State {
        iframe,
        number,
        refresh,
        on_refresh_error,
        refresh_before_ms,
        expires_at,
        timer: None,
        on_timer: None,
        schedules: 0,
        destroyed: false,
        in_flight: None,
    }));
    // The handle is made in JS before the refresh is scheduled. An exception there (the
    // caller's deep recursion running out of stack) leaves Wasm at once: made after, as
    // wasm-bindgen's glue makes a returned struct's, it left a portal that nobody held and
    // that kept refreshing.
    let handle = JsValue::from(EmbeddedPortal { state: state.clone() });
    schedule(&state, 0.0);
    Ok(handle)
}

#[wasm_bindgen]
impl EmbeddedPortal {
    /// The iframe showing the portal.
    #[wasm_bindgen(getter)]
    pub fn iframe(&self) -> HtmlIFrameElement {
        self.state.borrow().iframe.clone()
    }

    /// When the current link expires (ISO 8601), if known.
    #[wasm_bindgen(getter, js_name = expiresAt)]
    pub fn expires_at(&self) -> Option<String> {
        self.state.borrow().expires_at.clone()
    }

    /// Gets a new link from the `refresh` option now and shows it (and schedules the next
    /// automatic refresh). Does nothing once the portal is destroyed or its iframe taken over.
    /// While one refresh is on its way, another `refresh()` joins it rather than asking for a
    /// second link.
    ///
    /// @throws {SeamInvalidOptionsError} no `refresh` option was given, or it gave an unsafe URL
    /// or an `expires_at` that is not a date-time string, or a link that has already expired by
    /// this device's clock (that link is shown, and not refreshed automatically).
    #[wasm_bindgen(unchecked_return_type = "Promise<void>")]
    pub fn refresh(&self) -> Promise {
        refresh_shared(&self.state)
    }

    /// Removes the iframe and stops any scheduled refresh. (Once a later `embedPortal` has
    /// taken the iframe over, only stops this portal: the iframe is that one's.)
    pub fn destroy(&self) {
        let mut state = self.state.borrow_mut();
        if !state.stopped() {
            state.iframe.remove();
        }
        state.destroyed = true;
        state.cancel_timer();
    }
}

impl State {
    /// Destroyed, or its iframe taken over by a later `embedPortal`: its links are no longer
    /// shown.
    fn stopped(&self) -> bool {
        self.destroyed || !shows_portal(&self.iframe, self.number)
    }

    /// Stops the scheduled refresh, if any.
    fn cancel_timer(&mut self) {
        if let Some(timer) = self.timer.take() {
            clear_timeout(&timer);
        }
        self.on_timer = None;
    }
}

/// The refresh on its way, or a new one. Two refreshes at once (a double click, or a
/// `refresh()` as the automatic one falls due) would ask the backend for two links, and the one
/// asked first could arrive last and replace the newer.
fn refresh_shared(state: &Rc<RefCell<State>>) -> Promise {
    if let Some(in_flight) = state.borrow().in_flight.clone() {
        return in_flight;
    }
    let owner = state.clone();
    // The future first runs in a microtask, after `in_flight` is set below.
    let promise = future_to_promise(async move {
        let result = refresh_now(&owner).await;
        owner.borrow_mut().in_flight = None;
        result.map(|_| JsValue::UNDEFINED)
    });
    state.borrow_mut().in_flight = Some(promise.clone());
    promise
}

async fn refresh_now(state: &Rc<RefCell<State>>) -> Result<(), JsValue> {
    let callback = {
        let s = state.borrow();
        // A link nobody would see: the backend is not asked for one (it may cost a portal).
        if s.stopped() {
            return Ok(());
        }
        s.refresh.clone().ok_or_else(|| invalid("embedPortal was given no refresh option"))?
    };
    let result = callback.call0(&JsValue::UNDEFINED)?;
    // Settled through Promise.race rather than by calling the result's `then` from here:
    // race adopts any thenable, and turns a `then` (or `constructor`) that throws into a
    // rejection, where calling it directly would throw out of this future and leave
    // `refresh()`'s promise pending forever.
    let result = JsFuture::from(Promise::race(&js_sys::Array::of1(&result))).await?;
    let (url, expires_at) = read_portal(&result)?;
    {
        let mut s = state.borrow_mut();
        if s.stopped() {
            return Ok(());
        }
        s.iframe.set_src(&url);
        // A fresh link that this device's clock already calls expired (a clock running ahead,
        // or a backend handing out old links) would be refreshed again at once, and again: the
        // automatic refresh stops there instead, and says why.
        let expired = remaining_ms(expires_at.as_deref()).is_some_and(|ms| ms <= 0.0);
        s.expires_at = expires_at;
        if expired {
            s.cancel_timer();
            return Err(invalid("the refreshed link's expires_at has already passed by this device's clock (is it wrong?): it is shown, but not refreshed automatically"));
        }
    }
    schedule(state, MIN_REFRESH_INTERVAL_MS);
    Ok(())
}

/// The shortest wait before refreshing a link that `refresh` gave: a backend handing out links
/// that live only moments is not called in a tight loop.
const MIN_REFRESH_INTERVAL_MS: f64 = 1_000.0;

/// Milliseconds until `expires_at`, by this device's clock; `None` when unknown or unreadable.
fn remaining_ms(expires_at: Option<&str>) -> Option<f64> {
    let expires = js_sys::Date::parse(expires_at?);
    (!expires.is_nan()).then(|| expires - js_sys::Date::now())
}

/// (Re)schedules the automatic refresh, at least `min_delay_ms` from now, when there is a
/// callback and a known expiry; else only clears the pending one.
fn schedule(state: &Rc<RefCell<State>>, min_delay_ms: f64) {
    let mut s = state.borrow_mut();
    s.cancel_timer();
    if s.refresh.is_none() {
        return;
    }
    let Some(remaining) = remaining_ms(s.expires_at.as_deref()) else { return };
    let lead = s.refresh_before_ms.min(remaining / 2.0);
    let delay = (remaining - lead).max(min_delay_ms);
    s.schedules = s.schedules.wrapping_add(1);
    let scheduled = s.schedules;
    // The callback holds the state, not a weak reference: the iframe stays on the page when
    // the variable holding the handle goes out of scope, and its link must still be renewed
    // (held weakly, the handle's garbage collection stopped the refreshes). The cycle ends
    // when the timer fires (at once when a later embedPortal takes the iframe over: frame.js),
    // is replaced, or is cancelled.
    let owner = state.clone();
    let on_timer = Closure::<dyn FnMut()>::new(move || wasm_bindgen_futures::spawn_local(refresh_when_due(owner.clone(), scheduled)));
    s.timer = Some(start_refresh_timer(&s.iframe, on_timer.as_ref().unchecked_ref(), delay));
    s.on_timer = Some(on_timer);
}

/// The automatic refresh, when its timer fires.
async fn refresh_when_due(state: Rc<RefCell<State>>, scheduled: u32) {
    if take_due(&state, scheduled) {
        let result = JsFuture::from(refresh_shared(&state)).await.map(|_| ());
        after_automatic_refresh(&state, result);
    }
}

/// Whether the refresh that `scheduled` counts is still due, releasing its timer's callback
/// (here, outside that callback's own call): not when the portal was destroyed or the refresh
/// replaced since (both released it already), nor when the iframe is no longer in the document
/// (the page removed it) or shows a later portal.
#[inline(never)]
fn take_due(state: &Rc<RefCell<State>>, scheduled: u32) -> bool {
    let mut s = state.borrow_mut();
    if s.destroyed || s.schedules != scheduled {
        return false;
    }
    s.timer = None;
    s.on_timer = None;
    s.iframe.is_connected() && shows_portal(&s.iframe, s.number)
}

/// A failed automatic refresh goes to `onRefreshError`, and is tried again while the current
/// link has not expired: half-way to its expiry, at least a second later.
#[inline(never)]
fn after_automatic_refresh(state: &Rc<RefCell<State>>, result: Result<(), JsValue>) {
    let Err(error) = result else { return };
    let (handler, retry) = {
        let s = state.borrow();
        let unexpired = remaining_ms(s.expires_at.as_deref()).is_some_and(|ms| ms > 0.0);
        // Not when destroyed, or when a `refresh()` made meanwhile has scheduled the next.
        (s.on_refresh_error.clone(), unexpired && !s.stopped() && s.timer.is_none())
    };
    if retry {
        schedule(state, MIN_REFRESH_INTERVAL_MS);
    }
    if let Some(handler) = handler {
        let _ = handler.call1(&JsValue::UNDEFINED, &error);
    }
}

fn find_container(container: &JsValue) -> Result<Element, JsValue> {
    if let Some(selector) = container.as_string() {
        let document = web_sys::window().and_then(|w| w.document()).ok_or_else(|| invalid("embedPortal needs a document"))?;
        return document
            .query_selector(&selector)
            .map_err(|_| invalid("the container selector is not valid CSS"))?
            .ok_or_else(|| invalid("no element matches the container selector"));
    }
    // A real element is what Element's own getter accepts, of this document or of another
    // (same-origin) one. Not `instanceof`: it can be fooled (a proxy of an element, an object
    // given Element's prototype), and web-sys's calls on such a value throw through the Wasm
    // frames, which leaks what Rust holds (the options' strings); and it refuses an element
    // of another window.
    container.unchecked_ref::<ElementBrand>().tag_name().map_err(|_| invalid("the container must be an element or a CSS selector"))?;
    Ok(container.clone().unchecked_into())
}

#[wasm_bindgen(module = "/pkg-template/frame.js")]
extern "C" {
    /// Shows `url` in the container's portal iframe (reused, or made), with Seam's recommended
    /// attributes; `None` when the element marked as that frame is not an HTML iframe.
    #[wasm_bindgen(catch, js_name = showFrame)]
    fn show_frame(container: &Element, url: &str, title: &str, height: &str, number: u32) -> Result<Option<HtmlIFrameElement>, JsValue>;
    /// Whether the page's CSS reads `height` as a height.
    #[wasm_bindgen(js_name = isCssHeight)]
    fn is_css_height(height: &str) -> bool;
    /// Whether `frame` still shows the portal `number` (no later embedPortal took it over).
    #[wasm_bindgen(js_name = showsPortal)]
    fn shows_portal(frame: &HtmlIFrameElement, number: u32) -> bool;
    /// Calls `handler` after `ms` milliseconds (as `set_timeout`), or at once once a later
    /// embedPortal takes `frame` over (the portal then finds itself superseded and stops).
    #[wasm_bindgen(js_name = startRefreshTimer)]
    fn start_refresh_timer(frame: &HtmlIFrameElement, handler: &Function, ms: f64) -> JsValue;
}

#[wasm_bindgen]
extern "C" {
    /// `Element`, for a brand check.
    #[wasm_bindgen(js_name = Element)]
    type ElementBrand;
    /// `Element.prototype`'s own `tagName` getter, called on the value (`final`: never looked up
    /// on the value itself): it throws for anything that is not a real element.
    #[wasm_bindgen(catch, final, method, getter = tagName)]
    fn tag_name(this: &ElementBrand) -> Result<String, JsValue>;
}

/// The URL (checked) and expiry of a create_portal response, a `customer_portal`, or a URL.
fn read_portal(value: &JsValue) -> Result<(String, Option<String>), JsValue> {
    let portal = Reflect::get(value, &"customer_portal".into()).ok().filter(|p| p.is_object()).unwrap_or_else(|| value.clone());
    let (url, expires_at) = match value.as_string() {
        Some(url) => (url, None),
        None => (
            Reflect::get(&portal, &"url".into()).ok().and_then(|u| u.as_string()).ok_or_else(|| invalid("expected a create_portal response, a customer_portal or a URL"))?,
            read_expiry(&portal)?,
        ),
    };
    check_portal_url(&url).map_err(|reason| invalid(&format!("refusing to embed: {}", reason.replacen("customer_portal.url", "the portal URL", 1))))?;
    Ok((url, expires_at))
}

/// A portal's `expires_at`: absent (`undefined` or `null`), or a date-time string. Anything
/// else is refused rather than taken as unknown, which would leave a link with a `refresh`
/// callback to expire without ever being renewed (an expiry sent as epoch milliseconds, say).
fn read_expiry(portal: &JsValue) -> Result<Option<String>, JsValue> {
    let value = Reflect::get(portal, &"expires_at".into()).map_err(|_| invalid("reading the portal's expires_at threw an exception (a getter or a proxy)"))?;
    if value.is_undefined() || value.is_null() {
        return Ok(None);
    }
    match value.as_string() {
        Some(text) if !js_sys::Date::parse(&text).is_nan() => Ok(Some(text)),
        _ => Err(invalid("the portal's expires_at must be a date-time string, such as \"2025-06-01T15:00:00.000Z\" (not a Date or a number)")),
    }
}

/// An optional callback option: absent (`undefined` or `null`), or a function.
fn callback(value: JsValue, name: &str) -> Result<Option<Function>, JsValue> {
    if value.is_undefined() || value.is_null() {
        return Ok(None);
    }
    match value.dyn_into::<Function>() {
        Ok(function) => Ok(Some(function)),
        Err(_) => Err(invalid(&format!("the embedPortal options are invalid: `{name}` must be a function"))),
    }
}

fn invalid(message: &str) -> JsValue {
    super::submit::error("SeamInvalidOptionsError", message)
}
