//! The read-only JSON API under `/api/v1` (SPEC §3): personal bearer tokens
//! (`Authorization: Bearer clt_…`, made on `/profile`), no cookies and no CSRF (the scope
//! has no session middleware: nothing here reads or sets one). Every answer is JSON,
//! errors included: `{"error": {"code": "…", "message": "…"}}`. The OpenAPI document of
//! these routes is `GET /api/v1/openapi.json` (public; a test checks real answers against
//! it).

use actix_web::http::{StatusCode, header};
use actix_web::{HttpRequest, HttpResponse, ResponseError, web};
use serde::{Deserialize, Serialize};

use crate::db;
use crate::error::AppError;
use crate::services::api::{self, Caller, GroupRefusal};
use crate::services::client_list::{ListParams, ListQuery};
use crate::web::state::AppState;

/// The OpenAPI document (written by hand, checked against the answers by a test).
pub const OPENAPI: &str = include_str!("openapi.json");

/// The API's routes, for the route test and the document's check.
pub const API_ROUTES: &[&str] = &[
    "/api/v1/clients",
    "/api/v1/clients/{cid}",
    "/api/v1/account",
    "/api/v1/openapi.json",
];

/// An error as the API answers it.
#[derive(Debug)]
pub struct ApiError {
    status: StatusCode,
    code: &'static str,
    message: &'static str,
}

impl ApiError {
    const fn new(status: StatusCode, code: &'static str, message: &'static str) -> Self {
        ApiError {
            status,
            code,
            message,
        }
    }

    fn unauthorized() -> Self {
        ApiError::new(
            StatusCode::UNAUTHORIZED,
            "unauthorized",
            "Send a live personal API token: Authorization: Bearer clt_…",
        )
    }

    fn not_found() -> Self {
        ApiError::new(StatusCode::NOT_FOUND, "not_found", "No such resource.")
    }
}

impl std::fmt::Display for ApiError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{} {}", self.status.as_u16(), self.code)
    }
}

#[derive(Serialize)]
struct ErrorBody {
    error: ErrorDetail,
}

#[derive(Serialize)]
struct ErrorDetail {
    code: &'static str,
    message: &'static str,
}

impl ResponseError for ApiError {
    fn status_code(&self) -> StatusCode {
        self.status
    }

    fn error_response(&self) -> HttpResponse {
        let mut r = HttpResponse::build(self.status);
        if self.status == StatusCode::UNAUTHORIZED {
            r.insert_header((header::WWW_AUTHENTICATE, "Bearer realm=\"clientele\""));
        }
        if self.status == StatusCode::METHOD_NOT_ALLOWED {
            // Every API route reads (RFC 9110 requires `Allow` on a 405).
            r.insert_header((header::ALLOW, crate::web::reply::allow_value(&["get"])));
        }
        r.insert_header((header::CACHE_CONTROL, "no-store"))
            .json(ErrorBody {
                error: ErrorDetail {
                    code: self.code,
                    message: self.message,
                },
            })
    }
}

impl From<AppError> for ApiError {
    fn from(e: AppError) -> Self {
        match e {
            AppError::NotFound => ApiError::not_found(),
            AppError::BadRequest(what) if what == "cursor" => ApiError::new(
                StatusCode::BAD_REQUEST,
                "invalid_cursor",
                "The cursor is not one this list gave.",
            ),
            AppError::BadRequest(what) if what == "account" => ApiError::new(
                StatusCode::BAD_REQUEST,
                "account_required",
                "You belong to several client accounts: name one with ?account={id}.",
            ),
            AppError::TwoStepRequired => two_step_required(),
            AppError::AccountDisabled(_) => ApiError::new(
                StatusCode::FORBIDDEN,
                "account_disabled",
                "This client account is disabled.",
            ),
            AppError::Unavailable(_) => ApiError::new(
                StatusCode::SERVICE_UNAVAILABLE,
                "unavailable",
                "The service is unavailable for a moment: try again shortly.",
            ),
            e => {
                tracing::error!(error = %e, "API request failed");
                ApiError::new(
                    StatusCode::INTERNAL_SERVER_ERROR,
                    "internal",
                    "Something went wrong on our side.",
                )
            }
        }
    }
}

fn two_step_required() -> ApiError {
    ApiError::new(
        StatusCode::FORBIDDEN,
        "two_step_required",
        "This group requires two-step verification of its staff: turn it on in your profile.",
    )
}

/// The caller of a request: its bearer token's person, or 401.
async fn caller(req: &HttpRequest, state: &AppState) -> Result<Caller, ApiError> {
    let secret = req
        .headers()
        .get(header::AUTHORIZATION)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| {
            let (scheme, token) = v.trim().split_once(' ')?;
            scheme
                .eq_ignore_ascii_case("bearer")
                .then(|| token.trim().to_owned())
        })
        .ok_or_else(ApiError::unauthorized)?;
    db::run(&state.pool, move |c| api::authenticate(c, &secret))
        .await?
        .ok_or_else(ApiError::unauthorized)
}

fn json<T: Serialize>(body: &T) -> HttpResponse {
    HttpResponse::Ok()
        .insert_header((header::CACHE_CONTROL, "no-store"))
        .json(body)
}

/// `GET /api/v1/clients`'s own parameters besides the list's.
#[derive(Deserialize, Default)]
pub struct PageQuery {
    group: Option<String>,
    cursor: Option<String>,
}

/// `GET /api/v1/clients`: a page of the group's clients (staff), with the list's filters
/// and sort (`sort dir q status seller test deletion`), `group` (needed by staff of
/// several groups) and `cursor` (the `next_cursor` of the page before).
pub async fn clients(
    req: HttpRequest,
    state: web::Data<AppState>,
) -> Result<HttpResponse, ApiError> {
    let caller = caller(&req, &state).await?;
    let extra: PageQuery = web::Query::<PageQuery>::from_query(req.query_string())
        .map(web::Query::into_inner)
        .map_err(|_| bad_query())?;
    let list = web::Query::<ListQuery>::from_query(req.query_string())
        .map(web::Query::into_inner)
        .map_err(|_| bad_query())?;
    let named = match extra.group.as_deref() {
        Some(g) => Some(g.trim().parse::<i64>().map_err(|_| ApiError::not_found())?),
        None => None,
    };
    // An empty `cursor=` is no cursor: the first page.
    let cursor = extra.cursor.filter(|c| !c.trim().is_empty());
    let scope = api::group_of_caller(&caller, named).map_err(|r| match r {
        GroupRefusal::NotFound => ApiError::not_found(),
        GroupRefusal::GroupRequired => ApiError::new(
            StatusCode::BAD_REQUEST,
            "group_required",
            "You are staff of several groups: name one with ?group={id}.",
        ),
        GroupRefusal::TwoStepRequired => two_step_required(),
    })?;
    let params = ListParams::from_query(&list, scope.is_seller());
    let me = caller.user.id;
    let key = state.cursor_key.clone();
    let page = db::run(&state.pool, move |c| {
        api::clients(c, &scope, &params, cursor.as_deref(), &key, me)
    })
    .await?;
    Ok(json(&page))
}

fn bad_query() -> ApiError {
    ApiError::new(
        StatusCode::BAD_REQUEST,
        "invalid_query",
        "The query string could not be read (a parameter given twice?).",
    )
}

/// `GET /api/v1/clients/{cid}`: one client, for staff of its group.
pub async fn client(
    req: HttpRequest,
    state: web::Data<AppState>,
    path: web::Path<String>,
) -> Result<HttpResponse, ApiError> {
    let caller = caller(&req, &state).await?;
    let cid: i64 = path.trim().parse().map_err(|_| ApiError::not_found())?;
    let found = db::run(&state.pool, move |c| api::client(c, &caller, cid)).await?;
    Ok(json(&found))
}

#[derive(Deserialize, Default)]
pub struct AccountQuery {
    account: Option<String>,
}

/// `GET /api/v1/account`: the caller's own client account (`account` needed by users of
/// several).
pub async fn account(
    req: HttpRequest,
    state: web::Data<AppState>,
) -> Result<HttpResponse, ApiError> {
    let caller = caller(&req, &state).await?;
    let q: AccountQuery = web::Query::<AccountQuery>::from_query(req.query_string())
        .map(web::Query::into_inner)
        .map_err(|_| bad_query())?;
    let named = match q.account.as_deref() {
        Some(a) => Some(a.trim().parse::<i64>().map_err(|_| ApiError::not_found())?),
        None => None,
    };
    let found = db::run(&state.pool, move |c| api::own_account(c, &caller, named)).await?;
    Ok(json(&found))
}

/// `GET /api/v1/openapi.json`: the document describing these routes (public).
pub async fn openapi() -> HttpResponse {
    HttpResponse::Ok()
        .content_type("application/json")
        .body(OPENAPI)
}

/// Another method than an API route answers: a JSON 405 (the API reads only).
pub async fn wrong_method() -> Result<HttpResponse, ApiError> {
    Err(ApiError::new(
        StatusCode::METHOD_NOT_ALLOWED,
        "method_not_allowed",
        "The API only reads: use GET.",
    ))
}

/// Anything else under `/api/v1`: a JSON 404.
pub async fn unknown() -> Result<HttpResponse, ApiError> {
    Err(ApiError::not_found())
}
