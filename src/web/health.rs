//! `GET /healthz`: 200 `ok` when the database answers, else 503.

use actix_web::{HttpResponse, web};

use crate::web::state::AppState;

pub async fn healthz(state: web::Data<AppState>) -> HttpResponse {
    let result = crate::db::run(&state.pool, |conn| Ok(crate::db::ping(conn)?)).await;
    match result {
        Ok(()) => HttpResponse::Ok()
            .content_type("text/plain; charset=utf-8")
            .body("ok"),
        Err(e) => {
            tracing::warn!(error = %e, "health check failed");
            HttpResponse::ServiceUnavailable()
                .content_type("text/plain; charset=utf-8")
                .body("database unavailable")
        }
    }
}
