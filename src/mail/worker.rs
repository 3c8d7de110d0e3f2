//! The delivery worker: claims due outbox rows, sends them, and records the outcome.
//!
//! - A claim is a lease ([`CLAIM_LEASE`]) taken by one conditional UPDATE: with several
//!   instances on PostgreSQL each row goes to one worker. A worker that dies mid-send lets
//!   the lease run out and the row is tried again (at-least-once; never twice on purpose).
//! - A temporary failure is retried after 1 min, doubling up to 1 h ([`retry_delay`]);
//!   24 h after queueing ([`crate::mail::outbox::RETRY_WINDOW`]) the row is given up and kept
//!   with its error for the group's "Email problems" page. A permanent failure (a 5xx
//!   answer, a malformed address) is given up at once.

use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Duration;

use chrono::NaiveDateTime;

use crate::db::{self, DbPool};
use crate::error::AppError;
use crate::mail::transport::{Mailer, SendError};
use crate::models::outbox as rows;

/// How long a claimed row stays with its worker: far longer than a send can take.
pub const CLAIM_LEASE: chrono::Duration = chrono::Duration::minutes(5);
/// Rows taken per pass.
pub const BATCH: i64 = 50;

/// The wait before the next attempt after `failures` failed attempts (1 min doubling,
/// at most 1 h).
pub fn retry_delay(failures: i32) -> chrono::Duration {
    let doublings = (failures.max(1) - 1).min(10) as u32;
    chrono::Duration::seconds((60i64 << doublings).min(3600))
}

#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct DeliveryReport {
    pub sent: usize,
    pub retrying: usize,
    pub gave_up: usize,
}

impl std::fmt::Display for DeliveryReport {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "emails sent: {}, to retry: {}, given up: {}",
            self.sent, self.retrying, self.gave_up
        )
    }
}

/// One pass: delivers what is due at `now` (in batches, until nothing is due).
pub async fn deliver_due(
    pool: &DbPool,
    mailer: &Mailer,
    now: NaiveDateTime,
) -> Result<DeliveryReport, AppError> {
    deliver_due_until(pool, mailer, now, &AtomicBool::new(false)).await
}

/// Puts claimed emails back for any instance to send now (a stopping worker's).
fn release(
    pool: &DbPool,
    ids: Vec<i64>,
) -> impl std::future::Future<Output = Result<(), AppError>> {
    let pool = pool.clone();
    async move {
        db::run(&pool, move |conn| {
            db::write_tx(conn, |c| rows::release(c, &ids))?;
            Ok(())
        })
        .await
    }
}

/// [`deliver_due`], stopping between two emails once `stop` is set (a shutting-down
/// `serve`): the email being sent is finished and recorded, the rest of the batch is put
/// back unclaimed.
pub async fn deliver_due_until(
    pool: &DbPool,
    mailer: &Mailer,
    now: NaiveDateTime,
    stop: &AtomicBool,
) -> Result<DeliveryReport, AppError> {
    let mut report = DeliveryReport::default();
    loop {
        // Claims as one write transaction (on SQLite it queues with the process's other
        // writers instead of polling for the lock once per email).
        let claimed = db::run(pool, move |conn| {
            db::write_tx(conn, |conn| {
                let mut rows_claimed = Vec::new();
                for id in rows::due_ids(conn, now, BATCH)? {
                    if rows::claim(conn, id, now, now + CLAIM_LEASE)? {
                        rows_claimed.push(rows::find(conn, id)?);
                    }
                }
                Ok(rows_claimed)
            })
        })
        .await?;
        if claimed.is_empty() {
            return Ok(report);
        }
        let mut left: Vec<i64> = claimed.iter().map(|r| r.id).collect();
        for row in claimed {
            if stop.load(Ordering::Acquire) {
                release(pool, left).await?;
                return Ok(report);
            }
            left.retain(|id| *id != row.id);
            let outcome = mailer.send(&row).await;
            let id = row.id;
            match outcome {
                Ok(()) => {
                    db::run(pool, move |conn| {
                        Ok(db::write_tx(conn, |c| rows::mark_sent(c, id, now))?)
                    })
                    .await?;
                    report.sent += 1;
                }
                Err(error) => {
                    let failures = row.attempts + 1;
                    let next = now + retry_delay(failures);
                    let give_up = matches!(error, SendError::Permanent(_)) || next > row.give_up_at;
                    tracing::warn!(
                        email_id = id,
                        failures,
                        give_up,
                        error = error.message(),
                        "email not delivered"
                    );
                    let message = error.message().to_owned();
                    db::run(pool, move |conn| {
                        Ok(db::write_tx(conn, |c| {
                            rows::mark_failed(c, id, &message, next, give_up.then_some(now))
                        })?)
                    })
                    .await?;
                    if give_up {
                        report.gave_up += 1;
                    } else {
                        report.retrying += 1;
                    }
                }
            }
        }
    }
}

/// Delivers due mail when woken ([`crate::mail::wake`]) and every `every` in the background of `serve`
/// (mail queued by another instance, retries that fell due), until `stop` is set and the
/// worker woken: it then finishes the email it is sending and ends (the handle resolves).
pub fn spawn(
    pool: DbPool,
    mailer: Arc<Mailer>,
    every: Duration,
    stop: Arc<AtomicBool>,
) -> tokio::task::JoinHandle<()> {
    tokio::spawn(async move {
        let mut tick = tokio::time::interval(every);
        tick.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
        let queued = crate::mail::wake::queued;
        let mut seen = queued();
        loop {
            // Listening before looking: a wake between the look and the wait is not lost.
            let woken = crate::mail::wake::notified();
            tokio::pin!(woken);
            woken.as_mut().enable();
            if queued() == seen {
                tokio::select! {
                    _ = tick.tick() => {}
                    _ = woken => {}
                }
            }
            seen = queued();
            if stop.load(Ordering::Acquire) {
                return;
            }
            match deliver_due_until(&pool, &mailer, db::now(), &stop).await {
                Ok(r) if r == DeliveryReport::default() => {}
                Ok(r) => tracing::info!(%r, "outbox delivered"),
                Err(e) => tracing::warn!(error = %e, "outbox delivery failed; will retry"),
            }
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn backoff_doubles_from_one_minute_to_one_hour() {
        let minutes: Vec<i64> = (1..=9).map(|n| retry_delay(n).num_minutes()).collect();
        assert_eq!(minutes, [1, 2, 4, 8, 16, 32, 60, 60, 60]);
        assert_eq!(retry_delay(0).num_minutes(), 1);
        assert_eq!(retry_delay(i32::MAX).num_minutes(), 60);
    }
}
