//! Scheduled jobs. Each is idempotent (running it twice, or on two instances at once, does
//! no harm). The business jobs (expiries, deletions, reminders) take "now" as an argument,
//! so `clientele jobs --once --at T` runs them as if at T; the housekeeping of sign-ins
//! (expired sessions, set-up, reset and email change links, old failed sign-ins,
//! support access whose time is up) always reads the real
//! clock, so an operator catching up on jobs does not sign everyone out. `serve` runs them every minute; later
//! features add theirs to [`run_all`].

use std::sync::Arc;
use std::time::Duration;

use chrono::NaiveDateTime;

use crate::db::{DbConn, DbPool};
use crate::error::AppError;
use crate::metrics::Metrics;
use crate::models::operations::{self, JobRun};
use crate::models::session::ABSOLUTE_LIFETIME;
use crate::models::{session, token};

/// What one pass did, job by job: its name and the rows it changed, or why it failed.
#[derive(Debug, Default)]
pub struct JobReport(pub Vec<(&'static str, Result<usize, String>)>);

impl JobReport {
    /// The jobs that failed, with why.
    pub fn failures(&self) -> impl Iterator<Item = (&'static str, &str)> {
        self.0
            .iter()
            .filter_map(|(name, r)| r.as_ref().err().map(|e| (*name, e.as_str())))
    }
}

impl std::fmt::Display for JobReport {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        for (i, (name, result)) in self.0.iter().enumerate() {
            if i > 0 {
                f.write_str(", ")?;
            }
            match result {
                Ok(n) => write!(f, "{name}: {n}")?,
                Err(e) => write!(f, "{name}: FAILED ({e})")?,
            }
        }
        Ok(())
    }
}

type Job = fn(&mut DbConn, NaiveDateTime, NaiveDateTime, &str) -> Result<usize, AppError>;

/// The jobs, in the order they run: a name (the metrics' label and `job_runs`' key), the
/// catalogue key of its name on the status page, and the job, given the business "now",
/// the real clock and the base URL of links.
pub const JOBS: &[(&str, &str, Job)] = &[
    (
        "expired sessions removed",
        "job-sessions",
        |c, _, real, _| Ok(session::delete_expired(c, real, real - ABSOLUTE_LIFETIME)?),
    ),
    (
        "expired set-up links removed",
        "job-setup-links",
        |c, _, real, _| Ok(token::delete_expired_setup(c, real)?),
    ),
    (
        "old failed sign-ins removed",
        "job-sign-in-failures",
        |c, _, real, _| Ok(crate::services::throttle::sweep(c, real)?),
    ),
    (
        "old password reset links removed",
        "job-reset-links",
        |c, _, real, _| Ok(crate::services::password_reset::sweep(c, real)?),
    ),
    (
        "old email change links removed",
        "job-email-change-links",
        |c, _, real, _| Ok(crate::services::client_users::sweep(c, real)?),
    ),
    (
        "support access ended",
        "job-support-access",
        |c, _, real, _| Ok(crate::services::impersonation::sweep(c, real)?),
    ),
    (
        "owners removed for not activating",
        "job-pending-owners",
        |c, now, _, _| Ok(crate::services::clients::expire_pending_owners(c, now)?),
    ),
    (
        "owners reminded on day 11 of 14",
        "job-owner-reminders",
        |c, now, _, base| crate::services::invitations::remind_owners(c, now, base),
    ),
    ("invitations expired", "job-invitations", |c, now, _, _| {
        Ok(crate::services::invitations::expire_due(c, now)?)
    }),
    (
        "clients deleted after their 10 days",
        "job-deletions",
        |c, now, _, base| crate::services::deletion::delete_due(c, now, base),
    ),
];

/// A pass that stopped because a run could not be recorded: what ran until then (the
/// job whose record failed included), and why.
#[derive(Debug)]
pub struct Unrecorded {
    pub report: JobReport,
    pub error: AppError,
}

impl std::fmt::Display for Unrecorded {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        self.error.fmt(f)
    }
}

/// Runs every job once, the business jobs as if at `now`; emails link under `base_url`.
/// A job that fails does not stop the others (each is its own work); every job's run is
/// kept in `job_runs` for the status page. Err only when that record cannot be written
/// (the database is away: the jobs' own errors say the same); it carries what ran.
pub fn run_all(
    conn: &mut DbConn,
    now: NaiveDateTime,
    base_url: &str,
) -> Result<JobReport, Unrecorded> {
    let mut report = JobReport::default();
    for (name, _, job) in JOBS {
        let started_at = crate::db::now();
        let result = job(conn, now, started_at, base_url).map_err(|e| e.to_string());
        let run = JobRun {
            job: (*name).to_owned(),
            started_at,
            finished_at: crate::db::now(),
            ok: result.is_ok(),
            rows_affected: result.as_ref().map_or(0, |n| *n as i64),
            error: result.as_ref().err().cloned(),
        };
        let recorded = operations::record(conn, &run);
        // The job's own failure is the likelier cause to report.
        let error = match (&result, recorded) {
            (_, Ok(())) => None,
            (Err(first), Err(_)) => Some(AppError::Internal(first.clone())),
            (Ok(_), Err(e)) => Some(e.into()),
        };
        report.0.push((name, result));
        if let Some(error) = error {
            return Err(Unrecorded { report, error });
        }
    }
    Ok(report)
}

/// A job's short id, for the metrics' `task` label: its catalogue key without `job-`, in
/// snake case (`job-reset-links` → `reset_links`); its name when it has no key.
pub fn task_id(name: &str) -> String {
    JOBS.iter()
        .find(|(n, _, _)| *n == name)
        .map_or(name, |(_, key, _)| {
            key.trim_start_matches("job").trim_start_matches('-')
        })
        .replace(['-', ' '], "_")
}

/// Runs the jobs every `every` in the background of `serve`, until the process ends; each
/// run is counted in `metrics`.
pub fn spawn_scheduler(pool: DbPool, every: Duration, base_url: String, metrics: Arc<Metrics>) {
    tokio::spawn(async move {
        let mut tick = tokio::time::interval(every);
        tick.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
        loop {
            tick.tick().await;
            let base = base_url.clone();
            let result = crate::db::run(&pool, move |conn| {
                Ok(run_all(conn, crate::db::now(), &base))
            })
            .await;
            // Each job that ran counts as it went; when no connection could be had, none
            // could run, and each counts as failed (its work waits).
            let report = match result {
                Ok(Ok(report)) => report,
                Ok(Err(Unrecorded { report, error })) => {
                    tracing::warn!(%error, "job runs could not be recorded; will retry");
                    report
                }
                Err(e) => {
                    for (name, _, _) in JOBS {
                        metrics.job_ran(&task_id(name), true);
                    }
                    tracing::warn!(error = %e, "scheduled jobs failed; will retry");
                    continue;
                }
            };
            for (name, result) in &report.0 {
                metrics.job_ran(&task_id(name), result.is_err());
            }
            for (name, error) in report.failures() {
                tracing::warn!(job = name, error, "a scheduled job failed; will retry");
            }
            tracing::debug!(%report, "scheduled jobs ran");
        }
    });
}
