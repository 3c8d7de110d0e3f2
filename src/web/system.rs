//! `GET /groups/{gid}/system`: the operators' status page (see `services::system`): the
//! version and uptime of the instance that answers, the database, the outbox and mail
//! transport, and the last run of each scheduled job.

use actix_web::{HttpResponse, web};
use askama::Template;

use crate::db::{self, ids::GroupId};
use crate::error::AppError;
use crate::i18n::{Lang, Msg, format_datetime};
use crate::services::system;
use crate::views::Layout;
use crate::web::state::AppState;
use crate::web::{context::PageContext, identity::CurrentUser, reply::page};

/// A job's row: its name, its last run and the result, in the reader's words.
pub struct JobRow {
    pub name: String,
    pub last_run: Option<String>,
    pub ok: bool,
    pub result: String,
    pub error: Option<String>,
}

#[derive(Template)]
#[template(path = "groups/system.html")]
struct SystemPage {
    layout: Layout,
    group_name: String,
    version: &'static str,
    uptime: String,
    database_kind: &'static str,
    database_size: String,
    migrations_applied: i64,
    migrations_pending: i64,
    outbox_depth: i64,
    oldest_due: Option<String>,
    transport: String,
    /// When and what.
    mail_error: Option<(String, String)>,
    jobs: Vec<JobRow>,
}

fn uptime(lang: Lang, up: std::time::Duration) -> String {
    let minutes = up.as_secs() / 60;
    Msg::new("system-uptime-value")
        .with("days", (minutes / (24 * 60)) as i64)
        .with("hours", ((minutes / 60) % 24) as i64)
        .with("minutes", (minutes % 60) as i64)
        .in_lang(lang)
}

pub async fn show(
    ctx: PageContext,
    state: web::Data<AppState>,
    user: CurrentUser,
    path: web::Path<i64>,
) -> Result<HttpResponse, AppError> {
    let scope = user.group_scope(GroupId(path.into_inner()))?;
    let s = scope.clone();
    let status = db::run(&state.pool, move |c| system::status(c, &s)).await?;
    let lang = ctx.lang();
    let title = Msg::new("system-page-title").with("group", scope.group_name());
    let layout = ctx.group_layout(&scope, "system", title.in_lang(lang))?;
    // Every job, in the order they run, with its last run if it has one.
    let mut runs = status.runs;
    let jobs = crate::jobs::JOBS
        .iter()
        .map(|(job, label_key, _)| {
            let name = crate::i18n::t(lang, label_key);
            let last = runs
                .iter()
                .position(|r| r.job == *job)
                .map(|i| runs.swap_remove(i));
            match last {
                None => JobRow {
                    name,
                    last_run: None,
                    ok: true,
                    result: crate::i18n::t(lang, "system-job-never"),
                    error: None,
                },
                Some(run) => JobRow {
                    name,
                    last_run: Some(format_datetime(lang, run.finished_at)),
                    ok: run.ok,
                    result: if run.ok {
                        Msg::new("system-job-ok")
                            .with("rows", run.rows_affected)
                            .in_lang(lang)
                    } else {
                        crate::i18n::t(lang, "system-job-failed")
                    },
                    error: run.error,
                },
            }
        })
        .collect();
    page(&SystemPage {
        layout,
        group_name: scope.group_name().to_owned(),
        version: env!("CARGO_PKG_VERSION"),
        uptime: uptime(lang, state.started.elapsed()),
        database_kind: status.database.backend.name(),
        database_size: crate::ops::human_bytes(status.database.size_bytes),
        migrations_applied: status.database.migrations_applied as i64,
        migrations_pending: status.database.migrations_pending as i64,
        outbox_depth: status.outbox_depth,
        oldest_due: status.oldest_due.map(|t| format_datetime(lang, t)),
        transport: state.mailer.describe.clone(),
        mail_error: state
            .mailer
            .last_error()
            .map(|(at, e)| (format_datetime(lang, at), e)),
        jobs,
    })
}
