//! `GET /metrics`: OpenMetrics when the scrape asks for it, else the Prometheus text format
//! 0.0.4 (see [`crate::metrics`]). Not served (the 404 page)
//! unless `METRICS_TOKEN` is set; then only to `Authorization: Bearer <token>` (the scheme
//! in any case), compared in constant time, and 401 otherwise. The database is read for the
//! outbox figures only: when it cannot be, the scrape still answers (`database_up 0`). No session: a scrape makes no session row.

use actix_web::http::header;
use actix_web::{HttpRequest, HttpResponse, web};
use sha2::{Digest, Sha256};
use subtle::ConstantTimeEq;

use crate::error::AppError;
use crate::metrics::{Format, PoolState};
use crate::web::state::AppState;

pub async fn scrape(
    req: HttpRequest,
    state: web::Data<AppState>,
) -> Result<HttpResponse, AppError> {
    let Some(token) = state.config.metrics_token.as_deref() else {
        return Err(AppError::NotFound);
    };
    let offered = req
        .headers()
        .get(header::AUTHORIZATION)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.trim().split_once(' '))
        .filter(|(scheme, _)| scheme.eq_ignore_ascii_case("bearer"))
        .map_or("", |(_, t)| t.trim());
    // Digests compared, so that neither the content nor the length of the token shows in
    // the time the answer takes.
    let same: bool = Sha256::digest(offered.as_bytes())
        .ct_eq(&Sha256::digest(token.as_bytes()))
        .into();
    if !same {
        return Ok(HttpResponse::Unauthorized()
            .insert_header((header::WWW_AUTHENTICATE, "Bearer realm=\"metrics\""))
            .content_type("text/plain; charset=utf-8")
            .body("a bearer token is needed"));
    }
    let now = crate::db::now();
    let outbox = crate::db::run(&state.pool, move |c| {
        Ok(crate::models::outbox::backlog(c, now)?)
    })
    .await
    .map(|(depth, oldest)| {
        (
            depth,
            oldest.map_or(0, |due| (now - due).num_seconds().max(0)),
        )
    })
    .inspect_err(|e| tracing::warn!(error = %e, "metrics: the outbox could not be read"))
    .ok();
    let format = Format::from_accept(
        req.headers()
            .get(header::ACCEPT)
            .and_then(|v| v.to_str().ok()),
    );
    let text = state
        .metrics
        .render(PoolState::of(&state.pool), outbox, format);
    Ok(HttpResponse::Ok()
        .content_type(format.content_type())
        .insert_header((header::VARY, "Accept"))
        .body(text))
}
