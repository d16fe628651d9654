//! `submit`: validates a request, then POSTs it to `/customers/create_portal` with fetch, with
//! Seam's auth headers, a timeout per attempt, safe retries and a checked response. Works
//! wherever a global `fetch` exists: browsers, workers, Node 18+.
//!
//! fetch and its answer are reached through js-sys and web-sys rather than gloo-net's
//! wrappers: gloo-net's request builder makes a throwaway Request and URL per call, and its
//! response headers `unwrap_throw` when a read fails, which a look-alike Response from a custom
//! fetch can make happen (and an exception thrown inside this future ends the Node process).

use std::cell::{Cell, RefCell};
use std::rc::Rc;

use js_sys::{Array, Function, Object, Promise, Reflect};
use serde::Deserialize;
use tsify::{Ts, Tsify};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::{future_to_promise, JsFuture};
use web_sys::{AbortController, AbortSignal};

use super::js_text::{parse_json, read_string};
use super::timers::{clear_timeout, set_timeout};
use super::{to_js, validation_error};
use crate::submit::auth::{self, Credential, CredentialError};
use crate::submit::response::{self, check_success};
use crate::submit::retry::{self, Next, RetryPolicy};
use crate::submit::{DEFAULT_ENDPOINT, PATH, SDK_NAME, SDK_VERSION};
use crate::validate::text::js_number;

#[wasm_bindgen(module = "/pkg-template/errors.js")]
extern "C" {
    #[wasm_bindgen(js_name = createError)]
    fn create_error(name: &str, fields: &JsValue) -> JsValue;
}

#[wasm_bindgen(module = "/pkg-template/abort.js")]
extern "C" {
    /// `signal.addEventListener("abort", listener)`, without Node's "possible memory leak"
    /// warning for a signal shared by more than 10 calls in flight. Never throws.
    #[wasm_bindgen(js_name = listenForAbort)]
    fn listen_for_abort(signal: &AbortSignal, listener: &Function);
}

#[wasm_bindgen(module = "/pkg-template/env.js")]
extern "C" {
    /// `process.env[name]` when it is a non-empty string. Never throws.
    #[wasm_bindgen(js_name = envVar)]
    fn env_var(name: &JsValue) -> Option<String>;
}

#[wasm_bindgen(module = "/pkg-template/attempt.js")]
extern "C" {
    /// `fetch(url, init)`, its promise given a handler at once (see attempt.js for why).
    #[wasm_bindgen(catch, js_name = callFetch)]
    fn call_fetch(fetch: &Function, url: &JsValue, headers: &Object, body: &js_sys::JsString, controller: &AbortController) -> Result<JsValue, JsValue>;
    type DeadlinePromise;
    /// A promise that never resolves, given a handler at once, and its `reject`.
    #[wasm_bindgen(js_name = deadlinePromise)]
    fn deadline_promise() -> DeadlinePromise;
    #[wasm_bindgen(method, getter)]
    fn promise(this: &DeadlinePromise) -> Promise;
    #[wasm_bindgen(method, getter)]
    fn reject(this: &DeadlinePromise) -> Function;
}

/// Options of `submit`. In Node, `apiKey`, `personalAccessToken`, `workspaceId` and `endpoint`
/// default to `SEAM_API_KEY`, `SEAM_PERSONAL_ACCESS_TOKEN`, `SEAM_WORKSPACE_ID` and
/// `SEAM_ENDPOINT` (or its older name, `SEAM_API_URL`; never read in a browser).
#[derive(Tsify, Deserialize, Default)]
#[serde(rename_all = "camelCase")]
pub struct SubmitOptions {
    /// A Seam API key (`seam_…`), sent as `Authorization: Bearer`. Keep it on servers: in a
    /// browser it is refused unless `dangerouslyAllowBrowser` is set.
    #[serde(default)]
    #[tsify(optional)]
    pub api_key: Option<String>,
    /// A personal access token (`seam_at…`); needs `workspaceId`.
    #[serde(default)]
    #[tsify(optional)]
    pub personal_access_token: Option<String>,
    /// A Seam Console session token (a JWT, `ey…`); needs `workspaceId`. It is the signed-in
    /// user's own session, made for a browser: unlike keys, it needs no
    /// `dangerouslyAllowBrowser`.
    #[serde(default)]
    #[tsify(optional)]
    pub console_session_token: Option<String>,
    /// The workspace a personal access token or console session acts in, sent as
    /// `seam-workspace`.
    #[serde(default)]
    #[tsify(optional)]
    pub workspace_id: Option<String>,
    /// Where to send the request: Seam (`https://connect.getseam.com`, the default), or your own
    /// backend, which adds the credentials (in browsers a relative URL is resolved against the
    /// page). `/customers/create_portal` is appended to its path; its query is kept.
    #[serde(default)]
    #[tsify(optional)]
    pub endpoint: Option<String>,
    /// The time limit of each attempt, in milliseconds.
    ///
    /// @default 30000
    #[serde(default)]
    #[tsify(optional)]
    pub timeout_ms: Option<f64>,
    /// How many times a `429` or `503` answer is retried (with exponential backoff and jitter,
    /// or after `Retry-After`). Nothing else is retried.
    ///
    /// @default 2
    #[serde(default)]
    #[tsify(optional)]
    pub retries: Option<u32>,
    /// The longest wait before a retry, in milliseconds; a longer `Retry-After` ends the retries.
    /// `Infinity` waits as long as `Retry-After` says.
    ///
    /// @default 30000
    #[serde(default)]
    #[tsify(optional)]
    pub max_retry_delay_ms: Option<f64>,
    /// Aborts the call; it then rejects with the signal's reason (not a `SeamTimeoutError`).
    #[serde(default, with = "super::options::js_value")]
    #[tsify(optional, type = "AbortSignal")]
    pub signal: JsValue,
    /// The `fetch` to use instead of the global one. It is called as `fetch(url, init)`, with
    /// `init` holding `method`, `headers` (a plain object), `body` (the JSON text) and
    /// `signal`, so any fetch-compatible function fits (node-fetch, undici, a test double…).
    #[serde(default, with = "super::options::js_value")]
    #[tsify(optional, type = "(url: string, init: RequestInit) => Promise<Response>")]
    pub fetch: JsValue,
    /// Allow an API key or personal access token in a browser. They grant full access to the
    /// workspace: anyone who can open the page can read them.
    #[serde(default)]
    #[tsify(optional)]
    pub dangerously_allow_browser: Option<bool>,
}

/// Creates a customer portal: validates `request` (rejecting with `PortalValidationError`
/// before anything is sent), then POSTs it as given to `{endpoint}/customers/create_portal`.
/// Resolves with the checked response; its `customer_portal.url` is the link to show.
/// `request` and `options` are read during the call, and `fetch` is called before it returns
/// (as `fetch` reads its body): changing them afterwards changes nothing sent. Every failure
/// is a rejection, never a throw.
///
/// @throws {PortalValidationError} the request is invalid; nothing was sent.
/// @throws {SeamInvalidOptionsError} no credentials, a key in a browser, a relative endpoint in Node…
/// @throws {SeamInvalidTokenError} a credential of the wrong kind.
/// @throws {SeamUnauthorizedError} Seam refused the credentials (401).
/// @throws {SeamInvalidInputError} Seam refused the input (400 `invalid_input`), with `validationErrors`.
/// @throws {SeamApiError} any other error answer from Seam (after retries, for 429 and 503).
/// @throws {SeamInvalidResponseError} an answer that is not Seam's JSON, or a malformed or unsafe success body.
/// @throws {SeamTimeoutError} an attempt took longer than `timeoutMs`.
/// @throws {SeamNetworkError} no answer: connection refused or dropped, CORS…
#[wasm_bindgen(unchecked_return_type = "Promise<CreatePortalResponse>")]
pub fn submit(
    #[wasm_bindgen(unchecked_param_type = "CreatePortalRequest")] request: JsValue,
    options: Option<Ts<SubmitOptions>>,
) -> Promise {
    // Everything up to fetch happens now, within the call, as fetch itself reads its body: the
    // request and options are read as they are at the call (a caller may change or reuse them
    // right after), and nothing queued in the meantime delays the request. Every error still
    // comes as a rejection.
    match start(&request, options) {
        Ok((call, body, first)) => future_to_promise(async move { call.send(&body, first).await }),
        Err(error) => Promise::reject(&error),
    }
}

/// Reads the options, validates and serialises the request, and makes the first attempt.
fn start(request: &JsValue, options: Option<Ts<SubmitOptions>>) -> Result<(Call, js_sys::JsString, Sent), JsValue> {
    // Read by hand rather than by tsify's conversion, so that a bad option becomes a
    // SeamInvalidOptionsError whose message never repeats a value.
    let options = read_options(options.map_or(JsValue::UNDEFINED, |o| o.js_value()))?;
    let (_, body) = super::validate_to_text(request).map_err(validation_error)?;
    let call = Call::prepare(&options)?;
    let first = call.start_attempt(&body)?;
    Ok((call, body, first))
}

/// A prepared call: where it goes, with which headers, under which limits.
struct Call {
    url: String,
    /// `url` as a JS string, made once for every attempt.
    url_js: JsValue,
    /// The headers, as a plain object: built once per call, handed to fetch by each attempt.
    headers: Object,
    timeout_ms: f64,
    policy: RetryPolicy,
    signal: Option<AbortSignal>,
    fetch: Function,
}

impl Call {
    fn prepare(options: &SubmitOptions) -> Result<Call, JsValue> {
        let env = Env::get();
        let from_env = |name: &'static str| if env.node && !env.browser { env.var(name) } else { None };
        // The environment is read only when no option names a credential, as Seam's SDK does.
        // (No variable holds a console session: it belongs to a signed-in user, not a process.)
        let given = [&options.api_key, &options.personal_access_token, &options.console_session_token];
        let none_given = given.iter().all(|option| option.is_none());
        if given.iter().filter(|option| option.is_some()).count() > 1 {
            return Err(error("SeamInvalidOptionsError", "give one of apiKey, personalAccessToken and consoleSessionToken, not several"));
        }
        let api_key = options.api_key.clone().or_else(|| if none_given { from_env("SEAM_API_KEY") } else { None });
        let pat = options.personal_access_token.clone().or_else(|| if none_given { from_env("SEAM_PERSONAL_ACCESS_TOKEN") } else { None });
        let workspace_id = || options.workspace_id.clone().or_else(|| from_env("SEAM_WORKSPACE_ID"));
        let credential = match (api_key, pat, options.console_session_token.clone()) {
            (Some(_), Some(_), _) => return Err(error("SeamInvalidOptionsError", "give either an API key or a personal access token, not both (check SEAM_API_KEY and SEAM_PERSONAL_ACCESS_TOKEN)")),
            (Some(key), None, _) => Some(Credential::ApiKey(key)),
            (None, Some(token), _) => Some(Credential::PersonalAccessToken { token, workspace_id: workspace_id() }),
            (None, None, Some(token)) => Some(Credential::ConsoleSessionToken { token, workspace_id: workspace_id() }),
            (None, None, None) => None,
        };
        // Keys and personal access tokens are long-lived secrets that anyone who can open the
        // page could read; a console session is the signed-in user's own.
        let long_lived = matches!(credential, Some(Credential::ApiKey(_) | Credential::PersonalAccessToken { .. }));
        if long_lived && env.browser && options.dangerously_allow_browser != Some(true) {
            return Err(error(
                "SeamInvalidOptionsError",
                "API keys and personal access tokens must stay on servers: in a browser, call your own backend (an endpoint, without credentials), or pass dangerouslyAllowBrowser: true",
            ));
        }
        // SEAM_API_URL is the older name, which Seam's SDK still reads after SEAM_ENDPOINT: a
        // program moving from it keeps its endpoint rather than reaching Seam's default one.
        let endpoint = options.endpoint.clone().or_else(|| from_env("SEAM_ENDPOINT")).or_else(|| from_env("SEAM_API_URL"));
        let custom_endpoint = endpoint.is_some();
        let url = request_url(endpoint.as_deref().unwrap_or(DEFAULT_ENDPOINT), &env)?;
        if credential.is_none() && !custom_endpoint {
            return Err(error(
                "SeamInvalidOptionsError",
                "no credentials: pass apiKey, personalAccessToken or consoleSessionToken (in Node, or set SEAM_API_KEY), or an endpoint of your own backend that adds them",
            ));
        }
        let credential_headers = match credential {
            Some(credential) => auth::headers(&credential).map_err(|e| match e {
                CredentialError::InvalidToken(m) => error("SeamInvalidTokenError", &m),
                CredentialError::InvalidOptions(m) => error("SeamInvalidOptionsError", &m),
            })?,
            None => Vec::new(),
        };
        let timeout_ms = options.timeout_ms.unwrap_or(30_000.0);
        if !(timeout_ms.is_finite() && timeout_ms > 0.0) {
            return Err(error("SeamInvalidOptionsError", "timeoutMs must be a positive number of milliseconds"));
        }
        let defaults = RetryPolicy::default();
        let max_delay_ms = options.max_retry_delay_ms.unwrap_or(defaults.max_delay_ms);
        // Written to refuse NaN too. Infinity is a limit like any other: none.
        if !(max_delay_ms >= 0.0) {
            return Err(error("SeamInvalidOptionsError", "maxRetryDelayMs must be a number of milliseconds, 0 or more (Infinity for no limit)"));
        }
        let policy = RetryPolicy { retries: options.retries.unwrap_or(defaults.retries), max_delay_ms, ..defaults };
        let signal = match &options.signal {
            s if s.is_undefined() || s.is_null() => None,
            s => Some(s.clone().dyn_into::<AbortSignal>().map_err(|_| error("SeamInvalidOptionsError", "signal must be an AbortSignal"))?),
        };
        let fetch = match &options.fetch {
            f if f.is_undefined() || f.is_null() => Reflect::get(&js_sys::global(), &interned("fetch"))
                .ok()
                .and_then(|f| f.dyn_into::<Function>().ok())
                .ok_or_else(|| error("SeamInvalidOptionsError", "there is no global fetch here (Node 18+ has one): pass options.fetch"))?,
            f => f.clone().dyn_into::<Function>().map_err(|_| error("SeamInvalidOptionsError", "fetch must be a function"))?,
        };
        // A copy of the fixed headers, made in one call rather than a call per string; the
        // credentials are set on the copy and never kept beyond this call.
        let header_object = FIXED_HEADERS.with(|fixed| Object::assign(&Object::new(), fixed));
        for (name, value) in &credential_headers {
            let _ = Reflect::set(&header_object, &interned(name), &JsValue::from_str(value));
        }
        Ok(Call { url_js: JsValue::from_str(&url), url, headers: header_object, timeout_ms, policy, signal, fetch })
    }

    async fn send(&self, body: &js_sys::JsString, first: Sent) -> Result<JsValue, JsValue> {
        let mut attempt = 0;
        let mut sent = first;
        loop {
            let answer = self.answer(sent).await?;
            if retry::retryable(answer.status) {
                let retry_after = answer.retry_after.as_deref().and_then(|v| retry::parse_retry_after(v, js_sys::Date::now()));
                if let Next::RetryAfter(ms) = retry::next(&self.policy, attempt, retry_after, js_sys::Math::random()) {
                    Deadline::start(ms, self.signal.as_ref(), None)?.wait_out().await?;
                    attempt += 1;
                    sent = self.start_attempt(body)?;
                    continue;
                }
            }
            return answer.into_result();
        }
    }

    /// Starts one attempt, within its time limit: fetch is called before this returns.
    fn start_attempt(&self, body: &js_sys::JsString) -> Result<Sent, JsValue> {
        let controller = AbortController::new()?;
        let deadline = Deadline::start(self.timeout_ms, self.signal.as_ref(), Some(controller.clone()))?;
        // fetch is called as `fetch(url, init)`, the way fetch wrappers (node-fetch, ky, msw…)
        // all accept, rather than with a Request built here: fetch makes its own Request from
        // either, so one built here is a second Request, and in Node a second AbortSignal and
        // body stream, for every attempt.
        let fetched = call_fetch(&self.fetch, &self.url_js, &self.headers, body, &controller);
        Ok(Sent { deadline, fetched })
    }

    /// Waits for a started attempt's answer and reads it, unless its deadline ends first.
    async fn answer(&self, sent: Sent) -> Result<Answer, JsValue> {
        let Sent { deadline, fetched } = sent;
        let response = match deadline.race(fetched).await {
            Ok(value) => value,
            Err(e) => return Err(deadline.explain(e, &self.url)),
        };
        let head = Head::read(&response).ok_or_else(|| error("SeamInvalidResponseError", "fetch resolved with something that is not a Response, or whose status or headers could not be read"))?;
        let text = deadline.race(head.text.call0(&response)).await.map_err(|e| deadline.explain(e, &self.url))?;
        let Head { status, request_id, retry_after, content_type, .. } = head;
        // Read once, in one copy; `JSON.parse` later reads the JS string itself.
        let text = text.dyn_into::<js_sys::JsString>().ok();
        // An answer over 512 MiB is read as none: no success or error body of Seam's is near.
        let utf8 = text.as_ref().and_then(|t| read_string(t, crate::validate::json::MAX_LEN)?.ok()).unwrap_or_default();
        Ok(Answer { status, request_id, retry_after, content_type, text: utf8, text_js: text.unwrap_or_default() })
    }
}

/// An attempt under way: fetch was called (or threw), and its deadline is running.
struct Sent {
    deadline: Deadline,
    /// What calling fetch gave: its promise, or what it threw.
    fetched: Result<JsValue, JsValue>,
}

/// What one attempt got back.
struct Answer {
    status: u16,
    request_id: String,
    retry_after: Option<String>,
    content_type: String,
    /// The body as `text()` gave it, read into Rust to be checked.
    text: String,
    /// The same body as a JS string, for `JSON.parse` (no copy back out of Wasm).
    text_js: js_sys::JsString,
}

impl Answer {
    fn into_result(self) -> Result<JsValue, JsValue> {
        let Answer { status, request_id, content_type, text, text_js, .. } = self;
        let fields = Object::new();
        set(&fields, "statusCode", &JsValue::from(status));
        set(&fields, "requestId", &JsValue::from_str(&request_id));
        if (200..300).contains(&status) {
            return match check_success(&text) {
                Ok(_) => parse_json(&text_js),
                Err(reason) => {
                    set(&fields, "message", &format!("Seam answered {status}, but {reason}").into());
                    Err(create_error("SeamInvalidResponseError", &fields))
                }
            };
        }
        if status == 401 {
            set(&fields, "message", &"Unauthorized: Seam refused the credentials (401)".into());
            return Err(create_error("SeamUnauthorizedError", &fields));
        }
        match response::parse_error(&text) {
            Some(api) => {
                set(&fields, "message", &JsValue::from_str(&api.message));
                set(&fields, "code", &JsValue::from_str(&api.kind));
                if api.has_data {
                    // Any JSON at all: JSON.parse builds it (the text parsed above, so this
                    // succeeds), and the last of repeated keys wins in both readings.
                    let error = parse_json(&text_js).and_then(|body| Reflect::get(&body, &"error".into()));
                    set(&fields, "data", &error.and_then(|e| Reflect::get(&e, &"data".into())).unwrap_or(JsValue::NULL));
                }
                if api.kind == "invalid_input" {
                    set(&fields, "validationErrors", &to_js(&api.validation_errors));
                    return Err(create_error("SeamInvalidInputError", &fields));
                }
                Err(create_error("SeamApiError", &fields))
            }
            None => {
                let what = if content_type.is_empty() { "no content type".to_owned() } else { content_type.split(';').next().unwrap_or("").to_owned() };
                set(&fields, "message", &format!("Seam answered {status} with a body that is not Seam's error JSON ({what})").into());
                Err(create_error("SeamInvalidResponseError", &fields))
            }
        }
    }
}

/// A time limit that can also be cut short by the caller's signal. It aborts `controller` (the
/// fetch) when it fires, and rejects its promise, so racing against it ends a fetch that
/// ignores its signal too.
struct Deadline {
    promise: Promise,
    state: Rc<Cell<Ended>>,
    timer: JsValue,
    timeout_ms: f64,
    signal: Option<AbortSignal>,
    // Kept alive while the deadline is pending; dropped (and unregistered) with it.
    _on_timeout: Closure<dyn FnMut()>,
    on_abort: Option<Closure<dyn FnMut()>>,
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Ended {
    No,
    TimedOut,
    Aborted,
}

impl Deadline {
    fn start(ms: f64, signal: Option<&AbortSignal>, controller: Option<AbortController>) -> Result<Deadline, JsValue> {
        if let Some(signal) = signal {
            // Read with Reflect: the signal is the caller's, and may be a look-alike whose
            // getters throw (`instanceof` is all that was checked).
            match Reflect::get(signal, &interned("aborted")) {
                Ok(aborted) if aborted.is_truthy() => return Err(abort_reason(signal)),
                Ok(_) => {}
                Err(_) => return Err(error("SeamInvalidOptionsError", "reading signal.aborted threw an exception (a getter or a proxy)")),
            }
        }
        let state = Rc::new(Cell::new(Ended::No));
        let pending = deadline_promise();
        let (promise, reject) = (pending.promise(), pending.reject());
        let end = {
            let (state, controller) = (state.clone(), controller.clone());
            move |how: Ended, reason: JsValue| {
                if state.get() != Ended::No {
                    return;
                }
                state.set(how);
                if let Some(controller) = &controller {
                    controller.abort_with_reason(&reason);
                }
                let _ = reject.call1(&JsValue::UNDEFINED, &reason);
            }
        };
        let on_timeout = {
            let end = end.clone();
            Closure::<dyn FnMut()>::new(move || end(Ended::TimedOut, JsValue::from_str("timeout")))
        };
        let timer = set_timeout(on_timeout.as_ref().unchecked_ref(), ms);
        let on_abort = signal.map(|signal| {
            let signal_for_reason = signal.clone();
            let closure = Closure::<dyn FnMut()>::new(move || end(Ended::Aborted, abort_reason(&signal_for_reason)));
            listen_for_abort(signal, closure.as_ref().unchecked_ref());
            closure
        });
        Ok(Deadline { promise, state, timer, timeout_ms: ms, signal: signal.cloned(), _on_timeout: on_timeout, on_abort })
    }

    /// Awaits `work` (a promise, or the error of making one), unless the deadline ends first.
    async fn race(&self, work: Result<JsValue, JsValue>) -> Result<JsValue, JsValue> {
        let work = work?;
        JsFuture::from(Promise::race(&Array::of2(&work, &self.promise))).await
    }

    /// Waits until the time is up, or rejects with the caller's reason when they abort first.
    async fn wait_out(self) -> Result<(), JsValue> {
        match JsFuture::from(self.promise.clone()).await {
            Err(reason) if self.state.get() == Ended::Aborted => Err(reason),
            _ => Ok(()),
        }
    }

    /// Turns a failed race into the error the caller sees.
    fn explain(&self, error: JsValue, url: &str) -> JsValue {
        match self.state.get() {
            Ended::Aborted => error,
            Ended::TimedOut => {
                let fields = Object::new();
                set(&fields, "message", &format!("no answer from {} within {} ms", redact(url), js_number(self.timeout_ms)).into());
                set(&fields, "timeoutMs", &JsValue::from_f64(self.timeout_ms));
                create_error("SeamTimeoutError", &fields)
            }
            Ended::No => {
                let fields = Object::new();
                set(&fields, "message", &format!("the request to {} got no answer (network error, connection dropped, or CORS)", redact(url)).into());
                set(&fields, "cause", &error);
                create_error("SeamNetworkError", &fields)
            }
        }
    }
}

impl Drop for Deadline {
    fn drop(&mut self) {
        clear_timeout(&self.timer);
        if let (Some(signal), Some(on_abort)) = (&self.signal, &self.on_abort) {
            let _ = signal.remove_event_listener_with_callback("abort", on_abort.as_ref().unchecked_ref());
        }
    }
}

/// The reason `signal` was aborted with, which the call rejects with. Read with Reflect, as a
/// throwing getter here would throw out of an event listener (in Node, an uncaught exception);
/// when it cannot be read, an `AbortError` says so.
fn abort_reason(signal: &AbortSignal) -> JsValue {
    Reflect::get(signal, &interned("reason")).unwrap_or_else(|_| {
        let error = js_sys::Error::new("the call was aborted (reading the signal's reason threw an exception)");
        error.set_name("AbortError");
        error.into()
    })
}

/// What the environment is, for the browser key refusal and the environment variables.
#[derive(Clone, Copy)]
struct Env {
    node: bool,
    browser: bool,
}

thread_local! {
    /// Decided once: a module does not move between Node and a browser.
    static ENV: Env = Env::detect();
    /// The headers every call sends, whatever its credentials.
    static FIXED_HEADERS: Object = {
        let headers = Object::new();
        for (name, value) in [("content-type", "application/json"), ("accept", "application/json"), ("seam-sdk-name", SDK_NAME), ("seam-sdk-version", SDK_VERSION)] {
            set(&headers, name, &JsValue::from_str(value));
        }
        headers
    };
    /// The last absolute endpoint given and its resolved URL: a program mostly uses one, and
    /// resolving is a URL parse and four strings across the boundary.
    static LAST_ENDPOINT: RefCell<Option<(String, String)>> = const { RefCell::new(None) };
    /// JS strings for the fixed names `submit` reads and sets, made once each.
    static NAMES: RefCell<Vec<(&'static str, JsValue)>> = const { RefCell::new(Vec::new()) };
}

/// `name` as a JS string, made on its first use.
///
/// The caches here are read with `try_borrow`: a call that runs out of stack (the caller's deep
/// recursion) leaves Wasm where it is, and a borrow it held is never given back; the cache is
/// then passed by rather than panicking, which would make every later call trap.
fn interned(name: &'static str) -> JsValue {
    let cached = NAMES.with(|names| names.try_borrow().ok()?.iter().find(|(n, _)| *n == name).map(|(_, value)| value.clone()));
    if let Some(value) = cached {
        return value;
    }
    let value = JsValue::from_str(name);
    NAMES.with(|names| {
        if let Ok(mut names) = names.try_borrow_mut() {
            names.push((name, value.clone()));
        }
    });
    value
}

impl Env {
    fn get() -> Env {
        ENV.with(|env| *env)
    }

    fn detect() -> Env {
        let global: JsValue = js_sys::global().into();
        let has = |name: &str| Reflect::get(&global, &name.into()).map(|v| !v.is_undefined()).unwrap_or(false);
        let node = Reflect::get(&global, &"process".into())
            .and_then(|p| Reflect::get(&p, &"versions".into()))
            .and_then(|v| Reflect::get(&v, &"node".into()))
            .map(|n| n.is_string())
            .unwrap_or(false);
        let browser = (has("window") && has("document")) || has("WorkerGlobalScope");
        Env { node, browser }
    }

    /// An environment variable, read at each call (a program may set them after importing).
    fn var(&self, name: &'static str) -> Option<String> {
        env_var(&interned(name))
    }

    fn page_url(&self) -> Option<String> {
        Reflect::get(&js_sys::global(), &"location".into())
            .and_then(|l| Reflect::get(&l, &"href".into()))
            .ok()
            .and_then(|h| h.as_string())
    }
}

/// The URL to POST to: the endpoint as an absolute URL (relative ones are resolved against the
/// page in browsers) with `/customers/create_portal` appended to its path, keeping its query
/// and dropping its fragment (appending to the text would put the path inside either). Only
/// what fetch can send to is accepted. fetch refuses other URLs with a message that quotes
/// them, and a URL can hold a secret (a password, a token in the query).
fn request_url(endpoint: &str, env: &Env) -> Result<String, JsValue> {
    let cached = LAST_ENDPOINT.with(|last| last.try_borrow().ok()?.as_ref().filter(|(given, _)| given == endpoint).map(|(_, url)| url.clone()));
    if let Some(url) = cached {
        return Ok(url);
    }
    let (url, absolute) = match web_sys::Url::new(endpoint) {
        Ok(url) => (url, true),
        Err(_) => match env.page_url() {
            Some(base) if env.browser => web_sys::Url::new_with_base(endpoint, &base)
                .map(|url| (url, false))
                .map_err(|_| error("SeamInvalidOptionsError", "endpoint is not a valid URL"))?,
            _ => return Err(error("SeamInvalidOptionsError", "endpoint must be an absolute URL (relative ones work only in a browser page)")),
        },
    };
    let protocol = url.protocol();
    if protocol != "https:" && protocol != "http:" {
        return Err(error("SeamInvalidOptionsError", "endpoint must be an http: or https: URL"));
    }
    if !url.username().is_empty() || !url.password().is_empty() {
        return Err(error(
            "SeamInvalidOptionsError",
            "endpoint must not hold a user name or password (fetch refuses such URLs): your backend's own credentials belong in its headers, not in the URL",
        ));
    }
    url.set_pathname(&format!("{}{PATH}", url.pathname().trim_end_matches('/')));
    url.set_hash("");
    let href = url.href();
    // Only absolute ones: a relative endpoint follows the page, which can change.
    if absolute {
        LAST_ENDPOINT.with(|last| {
            if let Ok(mut last) = last.try_borrow_mut() {
                *last = Some((endpoint.to_owned(), href.clone()));
            }
        });
    }
    Ok(href)
}

/// A URL without its query, fragment or credentials, for messages.
fn redact(url: &str) -> String {
    match web_sys::Url::new(url) {
        Ok(u) => format!("{}{}", u.origin(), u.pathname()),
        Err(_) => "the endpoint".to_owned(),
    }
}

/// What an attempt reads of fetch's answer before its body.
struct Head {
    status: u16,
    request_id: String,
    retry_after: Option<String>,
    content_type: String,
    /// The answer's `text` method.
    text: Function,
}

impl Head {
    /// Reads `response`'s status, the headers `submit` uses and its `text` method, or `None`
    /// when it is not a Response. A custom fetch may answer with a Response from another realm
    /// or a polyfill, so the shape is checked rather than `instanceof`, and with a look-alike
    /// whose getters throw: everything is read with Reflect and called with catching calls, as
    /// an exception thrown through this future would end the Node process.
    fn read(response: &JsValue) -> Option<Head> {
        let status = Reflect::get(response, &interned("status")).ok()?.as_f64().filter(|s| s.fract() == 0.0 && (0.0..=999.0).contains(s))?;
        let text = Reflect::get(response, &interned("text")).ok()?.dyn_into::<Function>().ok()?;
        let headers = Reflect::get(response, &interned("headers")).ok().filter(|h| h.is_object())?;
        let get = Reflect::get(&headers, &interned("get")).ok()?.dyn_into::<Function>().ok()?;
        let header = |name: &'static str| get.call1(&headers, &interned(name)).map(|v| v.as_string());
        Some(Head {
            status: status as u16,
            request_id: header("seam-request-id").ok()?.unwrap_or_default(),
            retry_after: header("retry-after").ok()?,
            content_type: header("content-type").ok()?.unwrap_or_default(),
            text,
        })
    }
}

fn read_options(options: JsValue) -> Result<SubmitOptions, JsValue> {
    super::options::read(&options).map_err(|e| error("SeamInvalidOptionsError", &e.message("submit")))
}

fn set(target: &Object, key: &str, value: &JsValue) {
    let _ = Reflect::set(target, &JsValue::from_str(key), value);
}

pub(super) fn error(class: &str, message: &str) -> JsValue {
    let fields = Object::new();
    set(&fields, "message", &JsValue::from_str(message));
    create_error(class, &fields)
}

