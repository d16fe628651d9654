//! When a failed attempt is retried, and after how long.
//!
//! Only 429 and 503 are retried: they say the request was not processed. Nothing is retried
//! after a network error or a timeout, since a POST may have been processed even though no
//! answer came back.

/// The retry policy.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct RetryPolicy {
    /// Retries after the first attempt.
    pub retries: u32,
    /// The first backoff, doubled on each retry (before jitter).
    pub base_delay_ms: f64,
    /// The longest wait; a `Retry-After` beyond it ends the retries instead.
    pub max_delay_ms: f64,
}

impl Default for RetryPolicy {
    fn default() -> Self {
        RetryPolicy { retries: 2, base_delay_ms: 500.0, max_delay_ms: 30_000.0 }
    }
}

/// Whether a status is worth retrying.
pub fn retryable(status: u16) -> bool {
    matches!(status, 429 | 503)
}

/// Reads `Retry-After`: seconds, or an HTTP date (IMF-fixdate, e.g. `Sun, 06 Nov 1994 08:49:37
/// GMT`), relative to `now_ms` (Unix milliseconds). `None` when absent or unreadable.
pub fn parse_retry_after(value: &str, now_ms: f64) -> Option<f64> {
    let value = value.trim();
    if !value.is_empty() && value.bytes().all(|b| b.is_ascii_digit()) {
        // Only digits: an integer, past u64 a wait beyond any limit. (Read as an integer: a
        // float parse would bring std's decimal tables into the Wasm, 14 KiB gzip.)
        return Some(value.parse::<u64>().map_or(f64::INFINITY, |s| s as f64 * 1000.0));
    }
    http_date_ms(value).map(|at| (at - now_ms).max(0.0))
}

/// Parses an IMF-fixdate into Unix milliseconds.
fn http_date_ms(value: &str) -> Option<f64> {
    // "Sun, 06 Nov 1994 08:49:37 GMT"
    let parts: Vec<&str> = value.split_whitespace().collect();
    let [_, day, month, year, time, "GMT"] = parts.as_slice() else { return None };
    let month = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
        .iter()
        .position(|m| m == month)? as i64
        + 1;
    let (day, year): (i64, i64) = (day.parse().ok()?, year.parse().ok()?);
    let hms: Vec<i64> = time.split(':').map(|p| p.parse().ok()).collect::<Option<_>>()?;
    let [h, m, s] = hms.as_slice() else { return None };
    // Days from 1970-01-01 to the civil date (Howard Hinnant's algorithm).
    let y = if month <= 2 { year - 1 } else { year };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let mp = (month + 9) % 12;
    let doy = (153 * mp + 2) / 5 + day - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    let days = era * 146_097 + doe - 719_468;
    Some(((days * 86_400 + h * 3600 + m * 60 + s) * 1000) as f64)
}

/// What to do after a retryable status.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Next {
    /// Wait this many milliseconds, then try again.
    RetryAfter(f64),
    /// Stop: the retries are used up, or the server asked for a longer wait than the cap.
    GiveUp,
}

/// Decides the next step after attempt number `attempt` (0 for the first) failed with a
/// retryable status. `jitter` is a random number in [0, 1): the backoff is "full jitter",
/// a uniform wait between half and all of the exponential delay.
pub fn next(policy: &RetryPolicy, attempt: u32, retry_after_ms: Option<f64>, jitter: f64) -> Next {
    if attempt >= policy.retries {
        return Next::GiveUp;
    }
    match retry_after_ms {
        Some(ms) if ms > policy.max_delay_ms => Next::GiveUp,
        Some(ms) => Next::RetryAfter(ms),
        None => {
            let exponential = (policy.base_delay_ms * 2f64.powi(attempt as i32)).min(policy.max_delay_ms);
            Next::RetryAfter(exponential * (0.5 + jitter.clamp(0.0, 1.0) / 2.0))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn retry_after_in_seconds_and_as_a_date() {
        assert_eq!(parse_retry_after("2", 0.0), Some(2000.0));
        assert_eq!(parse_retry_after(" 0 ", 0.0), Some(0.0));
        // 1994-11-06T08:49:37Z is 784111777 s after the epoch.
        let at = 784_111_777_000.0;
        assert_eq!(parse_retry_after("Sun, 06 Nov 1994 08:49:37 GMT", at - 5000.0), Some(5000.0));
        assert_eq!(parse_retry_after("Sun, 06 Nov 1994 08:49:37 GMT", at + 5000.0), Some(0.0));
        assert_eq!(parse_retry_after("soon", 0.0), None);
        assert_eq!(parse_retry_after("-1", 0.0), None);
        assert_eq!(parse_retry_after("", 0.0), None);
        // Past u64: a wait beyond any limit, which ends the retries as any over the cap does.
        assert_eq!(parse_retry_after("99999999999999999999999", 0.0), Some(f64::INFINITY));
    }

    #[test]
    fn backoff_doubles_with_jitter_and_honours_retry_after_up_to_the_cap() {
        let policy = RetryPolicy::default();
        assert_eq!(next(&policy, 0, None, 0.0), Next::RetryAfter(250.0));
        assert_eq!(next(&policy, 0, None, 1.0), Next::RetryAfter(500.0));
        assert_eq!(next(&policy, 1, None, 1.0), Next::RetryAfter(1000.0));
        assert_eq!(next(&policy, 2, None, 0.5), Next::GiveUp, "two retries at most");
        assert_eq!(next(&policy, 0, Some(1500.0), 0.9), Next::RetryAfter(1500.0));
        assert_eq!(next(&policy, 0, Some(60_000.0), 0.0), Next::GiveUp, "a wait beyond the cap ends the retries");
        assert!(retryable(429) && retryable(503) && !retryable(500) && !retryable(502));
    }
}
