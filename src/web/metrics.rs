//! `GET /metrics`: the Prometheus text (see [`crate::metrics`]). Not served (the 404 page)
//! unless `METRICS_TOKEN` is set; then only to `Authorization: Bearer <token>`, compared in
//! constant time, and 401 otherwise. No session: a scrape makes no session row.

use actix_web::http::header;
use actix_web::{HttpRequest, HttpResponse, web};
use subtle::ConstantTimeEq;

use crate::error::AppError;
use crate::metrics::PoolState;
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
        .and_then(|v| v.strip_prefix("Bearer "))
        .unwrap_or_default()
        .trim();
    if !bool::from(offered.as_bytes().ct_eq(token.as_bytes())) {
        return Ok(HttpResponse::Unauthorized()
            .insert_header((header::WWW_AUTHENTICATE, "Bearer realm=\"metrics\""))
            .content_type("text/plain; charset=utf-8")
            .body("a bearer token is needed"));
    }
    let now = crate::db::now();
    let (depth, oldest) = crate::db::run(&state.pool, move |c| {
        Ok(crate::models::outbox::backlog(c, now)?)
    })
    .await?;
    let waited = oldest.map_or(0, |due| (now - due).num_seconds().max(0));
    let text = state
        .metrics
        .render(PoolState::of(&state.pool), (depth, waited));
    Ok(HttpResponse::Ok()
        .content_type("text/plain; version=0.0.4; charset=utf-8")
        .body(text))
}
