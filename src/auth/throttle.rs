//! Sign-in throttling as a pure rule (SPEC §2 "Sign-in protection"): from the failed
//! sign-ins of the last 15 minutes, for the typed address and for the client's address,
//! how long until another attempt is heard. The failures live in the database
//! (`sign_in_failures`), so the rule holds across instances; `services::throttle` reads
//! them and applies this.
//!
//! - **An address**: after 5 failures within 15 minutes, a lock of 1 minute from the last
//!   failure, doubling with each further failure (2, 4, 8 minutes), never more than 15.
//!   Attempts made while locked are refused without being heard, so they do not count.
//! - **A client address**: 30 failures within 15 minutes lock it until the oldest of them
//!   leaves the window.
//! - **An unlock** (a group's owner or admin, for a person they may manage) lifts the
//!   address's current wait and nothing more: its failures still count, so the next
//!   failure locks it for longer (2, 4, 8… minutes), exactly as if it had waited. Each
//!   unlock lets one more attempt through, never a series. The client address's lock
//!   stays.
//!
//! The rule never asks whether the address has a user: an unknown address is locked
//! exactly like a known one, with the same words.

use chrono::{Duration, NaiveDateTime};

/// How far back failures count.
pub const WINDOW: Duration = Duration::minutes(15);
/// Failures of one address within the window before it is locked.
pub const EMAIL_LIMIT: usize = 5;
/// Failures from one client address within the window before it is locked.
pub const IP_LIMIT: usize = 30;
/// The first lock of an address; each further failure doubles it, up to [`MAX_DELAY`].
pub const FIRST_DELAY: Duration = Duration::minutes(1);
pub const MAX_DELAY: Duration = Duration::minutes(15);

/// The lock after `failures` failures of one address within the window (none below the
/// limit): 1, 2, 4, 8, 15, 15… minutes.
pub fn email_delay(failures: usize) -> Option<Duration> {
    if failures < EMAIL_LIMIT {
        return None;
    }
    let doublings = (failures - EMAIL_LIMIT).min(4) as i32;
    Some((FIRST_DELAY * 2i32.pow(doublings as u32)).min(MAX_DELAY))
}

/// How long until an attempt is heard, given the times of the failures within the window
/// for the typed address and for the client's address (any order), and when the address
/// was last unlocked. None: go ahead.
pub fn wait(
    email_failures: &[NaiveDateTime],
    ip_failures: &[NaiveDateTime],
    unlocked_at: Option<NaiveDateTime>,
    now: NaiveDateTime,
) -> Option<Duration> {
    let recent = |times: &[NaiveDateTime]| -> Vec<NaiveDateTime> {
        let mut v: Vec<_> = times
            .iter()
            .copied()
            .filter(|t| *t > now - WINDOW)
            .collect();
        v.sort();
        v
    };
    let email = recent(email_failures);
    // A wait that began before the last unlock is lifted; the failures still count.
    let by_email = email_delay(email.len()).and_then(|delay| {
        email
            .last()
            .filter(|last| unlocked_at.is_none_or(|u| **last > u))
            .map(|last| *last + delay - now)
    });
    let ip = recent(ip_failures);
    // The lock lifts when enough of the oldest failures leave the window.
    let by_ip = (ip.len() >= IP_LIMIT).then(|| ip[ip.len() - IP_LIMIT] + WINDOW - now);
    [by_email, by_ip]
        .into_iter()
        .flatten()
        .filter(|d| *d > Duration::zero())
        .max()
}

/// `Retry-After` in whole seconds (rounded up, at least 1).
pub fn retry_after_seconds(wait: Duration) -> i64 {
    ((wait.num_milliseconds() + 999) / 1000).max(1)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn t(min: i64) -> NaiveDateTime {
        chrono::DateTime::from_timestamp(1_800_000_000 + min * 60, 0)
            .unwrap()
            .naive_utc()
    }

    fn times(n: usize, at: i64) -> Vec<NaiveDateTime> {
        vec![t(at); n]
    }

    #[test]
    fn four_failures_of_an_address_lock_nothing_and_the_fifth_locks_a_minute() {
        assert_eq!(wait(&times(4, 0), &[], None, t(0)), None);
        assert_eq!(
            wait(&times(5, 0), &[], None, t(0)),
            Some(Duration::minutes(1))
        );
        // A minute later it is heard again.
        assert_eq!(wait(&times(5, 0), &[], None, t(1)), None);
    }

    #[test]
    fn the_delay_grows_with_each_failure_and_stops_at_fifteen_minutes() {
        let delays: Vec<i64> = (5..=11)
            .map(|n| email_delay(n).unwrap().num_minutes())
            .collect();
        assert_eq!(delays, [1, 2, 4, 8, 15, 15, 15]);
        assert_eq!(email_delay(0), None);
        assert_eq!(email_delay(4), None);
    }

    #[test]
    fn failures_older_than_the_window_do_not_count() {
        let mut f = times(4, 0);
        f.push(t(-16));
        assert_eq!(wait(&f, &[], None, t(0)), None);
        // Spread over the window they all count; the lock runs from the last one.
        let spread = [t(-14), t(-10), t(-5), t(-2), t(0)];
        assert_eq!(wait(&spread, &[], None, t(0)), Some(Duration::minutes(1)));
    }

    #[test]
    fn thirty_failures_from_one_address_lock_it_until_the_oldest_leaves_the_window() {
        let mut ip: Vec<NaiveDateTime> = (0..29).map(|i| t(-10 + i % 10)).collect();
        assert_eq!(wait(&[], &ip, None, t(0)), None);
        ip.push(t(-12));
        // The oldest of the thirty (12 minutes ago) leaves in 3 minutes.
        assert_eq!(wait(&[], &ip, None, t(0)), Some(Duration::minutes(3)));
        assert_eq!(wait(&[], &ip, None, t(3)), None);
    }

    #[test]
    fn the_longer_of_the_two_locks_applies() {
        let ip: Vec<NaiveDateTime> = (0..30).map(|_| t(-1)).collect();
        assert_eq!(
            wait(&times(5, 0), &ip, None, t(0)),
            Some(Duration::minutes(14))
        );
    }

    #[test]
    fn an_unlock_lifts_the_current_wait_and_the_next_failure_locks_for_longer() {
        let mut f = times(5, 0);
        assert_eq!(wait(&f, &[], None, t(0)), Some(Duration::minutes(1)));
        // Unlocked at once: heard again.
        assert_eq!(wait(&f, &[], Some(t(0)), t(0)), None);
        // The sixth failure, right after: locked for 2 minutes (not 1, not 0).
        f.push(t(0));
        let unlocked = Some(t(0) - Duration::seconds(1));
        assert_eq!(wait(&f, &[], unlocked, t(0)), Some(Duration::minutes(2)));
        // Unlocked again, and failing again: 4 minutes. Four unlocks let four attempts
        // through, and each locks longer than the one before.
        f.push(t(0) + Duration::seconds(1));
        assert_eq!(
            wait(&f, &[], Some(t(0)), t(0) + Duration::seconds(1)),
            Some(Duration::minutes(4))
        );
        // An unlock lifts no lock of the client's address.
        let ip: Vec<NaiveDateTime> = (0..30).map(|_| t(-1)).collect();
        assert_eq!(
            wait(&[], &ip, Some(t(0)), t(0)),
            Some(Duration::minutes(14))
        );
    }

    #[test]
    fn retry_after_rounds_up_to_whole_seconds() {
        assert_eq!(retry_after_seconds(Duration::milliseconds(1)), 1);
        assert_eq!(retry_after_seconds(Duration::milliseconds(60_001)), 61);
        assert_eq!(retry_after_seconds(Duration::seconds(60)), 60);
    }
}
