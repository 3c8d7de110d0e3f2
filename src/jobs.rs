//! Scheduled jobs. Each is idempotent (running it twice, or on two instances at once, does
//! no harm). The business jobs (expiries, deletions, reminders) take "now" as an argument,
//! so `clientele jobs --once --at T` runs them as if at T; the housekeeping of sign-ins
//! (expired sessions, set-up, reset and email change links, old failed sign-ins,
//! support access whose time is up) always reads the real
//! clock, so an operator catching up on jobs does not sign everyone out. `serve` runs them every minute; later
//! features add theirs to [`run_all`].

use std::time::Duration;

use chrono::NaiveDateTime;

use crate::db::{DbConn, DbPool};
use crate::models::session::ABSOLUTE_LIFETIME;
use crate::models::{session, token};

/// What one pass did, job by job (name, rows affected).
#[derive(Debug, Default)]
pub struct JobReport(pub Vec<(&'static str, usize)>);

impl std::fmt::Display for JobReport {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        for (i, (name, n)) in self.0.iter().enumerate() {
            if i > 0 {
                f.write_str(", ")?;
            }
            write!(f, "{name}: {n}")?;
        }
        Ok(())
    }
}

/// Runs every job once, the business jobs as if at `now`; emails link under `base_url`.
pub fn run_all(
    conn: &mut DbConn,
    now: NaiveDateTime,
    base_url: &str,
) -> Result<JobReport, crate::error::AppError> {
    let mut report = JobReport::default();
    let real_now = crate::db::now();
    report.0.push((
        "expired sessions removed",
        session::delete_expired(conn, real_now, real_now - ABSOLUTE_LIFETIME)?,
    ));
    report.0.push((
        "expired set-up links removed",
        token::delete_expired_setup(conn, real_now)?,
    ));
    report.0.push((
        "old failed sign-ins removed",
        crate::services::throttle::sweep(conn, real_now)?,
    ));
    report.0.push((
        "old password reset links removed",
        crate::services::password_reset::sweep(conn, real_now)?,
    ));
    report.0.push((
        "old email change links removed",
        crate::services::client_users::sweep(conn, real_now)?,
    ));
    report.0.push((
        "support access ended",
        crate::services::impersonation::sweep(conn, real_now)?,
    ));
    report.0.push((
        "owners removed for not activating",
        crate::services::clients::expire_pending_owners(conn, now)?,
    ));
    report.0.push((
        "owners reminded on day 11 of 14",
        crate::services::invitations::remind_owners(conn, now, base_url)?,
    ));
    report.0.push((
        "invitations expired",
        crate::services::invitations::expire_due(conn, now)?,
    ));
    report.0.push((
        "clients deleted after their 10 days",
        crate::services::deletion::delete_due(conn, now, base_url)?,
    ));
    Ok(report)
}

/// Runs the jobs every `every` in the background of `serve`, until the process ends.
pub fn spawn_scheduler(pool: DbPool, every: Duration, base_url: String) {
    tokio::spawn(async move {
        let mut tick = tokio::time::interval(every);
        tick.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
        loop {
            tick.tick().await;
            let base = base_url.clone();
            let result =
                crate::db::run(&pool, move |conn| run_all(conn, crate::db::now(), &base)).await;
            match result {
                Ok(report) => tracing::debug!(%report, "scheduled jobs ran"),
                Err(e) => tracing::warn!(error = %e, "scheduled jobs failed; will retry"),
            }
        }
    });
}
