//! `GET /groups/{gid}/clients.csv`: the list with the same filters and order, every page,
//! streamed: the ordered ids are read once (one sort), then the rows by id in chunks, each
//! written out before the next is read. The client's number comes first (`id`, issue 36);
//! `bom=1` starts the file with a UTF-8 byte order mark, which Excel on Windows needs to
//! read accents ("Ibáñez") instead of guessing an old code page.

use actix_web::http::header;
use actix_web::web::Bytes;
use actix_web::{HttpRequest, HttpResponse, web};

use crate::db::{self, ids::GroupId};
use crate::error::AppError;
use std::collections::HashMap;

use crate::i18n::Lang;
use crate::services::client_list::{self, Column, Columns, ListParams, ListQuery};
use crate::views::clients::{ListRow, list_rows};
use crate::web::identity::CurrentUser;
use crate::web::locale;
use crate::web::state::AppState;

const CHUNK: usize = 1000;

/// A spreadsheet must not run a cell as a formula: cells that start like one (OWASP's
/// starters, and `|`, which older spreadsheets read as a DDE call) get a `'`.
fn cell(s: &str) -> String {
    if s.starts_with(['=', '+', '-', '@', '|', '\t', '\r']) {
        format!("'{s}")
    } else {
        s.to_owned()
    }
}

/// The byte order mark of UTF-8.
const BOM: &[u8] = b"\xEF\xBB\xBF";

fn csv_bytes(
    rows: &[ListRow],
    header: bool,
    columns: &Columns,
    lang: Lang,
    bom: bool,
) -> Result<Bytes, csv::Error> {
    let mut start = Vec::new();
    if header && bom {
        start.extend_from_slice(BOM);
    }
    let mut w = csv::Writer::from_writer(start);
    if header {
        let mut names = vec![
            "id",
            "account_name",
            "company_name",
            "status",
            "active",
            "test_account",
        ];
        names.extend(
            columns
                .iter()
                .filter(|c| *c != Column::Id)
                .map(Column::code),
        );
        w.write_record(names)?;
    }
    for r in rows {
        let mut cells = vec![
            r.id.to_string(),
            cell(&r.name),
            cell(&r.company),
            r.status.code().to_owned(),
            r.active.to_string(),
            r.test_account.to_string(),
        ];
        cells.extend(
            columns
                .iter()
                .filter(|c| *c != Column::Id)
                .map(|c| match c {
                    Column::Id => unreachable!("the id is the first column"),
                    Column::CustomId => cell(&r.custom_id),
                    Column::UniqueIdentifier => cell(&r.unique_identifier),
                    Column::Country => r.country_code.clone(),
                    Column::City => cell(&r.city),
                    Column::Seller => cell(&r.seller),
                    Column::Owner => cell(&r.owner.describe(lang)),
                    Column::Created => r.created_iso.clone(),
                }),
        );
        w.write_record(cells)?;
    }
    Ok(Bytes::from(w.into_inner().map_err(|e| e.into_error())?))
}

pub async fn download(
    req: HttpRequest,
    state: web::Data<AppState>,
    user: CurrentUser,
    path: web::Path<i64>,
    query: Result<web::Query<ListQuery>, actix_web::Error>,
) -> Result<HttpResponse, AppError> {
    let scope = user.group_scope(GroupId(path.into_inner()))?;
    let params = ListParams::from_query(&super::list::or_default(query), scope.is_seller());
    let me = user.effective().id;
    // The columns of the list the link was taken from (the export link names them).
    let columns = std::sync::Arc::new(super::list::columns_for(&params, &user));
    // Column names, statuses and dates stay machine-readable; the owner cell, written
    // for a person ("no owner", a pending activation), is in the reader's language.
    let lang = locale::of_request(&req, Some(&user));
    // The one query that sorts runs before the answer starts: if it fails, the answer is
    // the error page, not a CSV cut short.
    // The bulk action "Export" names the clients ticked (`ids=`): those, in that order.
    let bom = url::form_urlencoded::parse(req.query_string().as_bytes())
        .any(|(k, v)| k == "bom" && v == "1");
    let picked = url::form_urlencoded::parse(req.query_string().as_bytes())
        .find(|(k, _)| k == "ids")
        .map(|(_, v)| crate::services::bulk::parse_ids(&v).ok_or(AppError::NotFound))
        .transpose()?;
    let s = scope.clone();
    let (ids, staff) = db::run(&state.pool, move |c| match picked {
        Some(ids) => crate::services::bulk::export_picked(c, &s, &ids),
        None => client_list::export_ids(c, &s, &params, me),
    })
    .await?;
    // Each chunk is read when the client has taken the one before (the stream is polled as
    // the socket drains), each with a pooled connection for its query only: a slow reader
    // holds neither a connection nor a blocking thread while it reads.
    let pool = state.pool.clone();
    let ids = std::sync::Arc::new(ids);
    let staff = std::sync::Arc::new(staff);
    let chunks = ids.len().div_ceil(CHUNK).max(1);
    let stream = futures_util::stream::unfold(0usize, move |n| {
        let (pool, ids, staff, scope) = (pool.clone(), ids.clone(), staff.clone(), scope.clone());
        let columns = columns.clone();
        async move {
            if n >= chunks {
                return None;
            }
            let chunk: Vec<i64> = ids.iter().skip(n * CHUNK).take(CHUNK).copied().collect();
            let bytes = async {
                let (clients, owners) = if chunk.is_empty() {
                    Default::default()
                } else {
                    db::run(&pool, move |c| client_list::export_chunk(c, &scope, &chunk)).await?
                };
                // The CSV has the status code: no badge text.
                let rows = list_rows(clients, &owners, &staff, &HashMap::new(), lang);
                csv_bytes(&rows, n == 0, &columns, lang, bom)
                    .map_err(|e| AppError::Internal(format!("csv: {e}")))
            }
            .await;
            // After a failure the answer ends there (its status is sent already).
            let next = if bytes.is_ok() { n + 1 } else { chunks };
            if let Err(e) = &bytes {
                tracing::error!(error = %e, "CSV export failed midway");
            }
            Some((bytes.map_err(actix_web::Error::from), next))
        }
    });
    Ok(HttpResponse::Ok()
        .content_type("text/csv; charset=utf-8")
        .insert_header((
            header::CONTENT_DISPOSITION,
            "attachment; filename=\"clients.csv\"",
        ))
        .streaming(stream))
}

#[cfg(test)]
mod tests {
    use super::cell;

    #[test]
    fn formula_like_cells_are_defused() {
        assert_eq!(cell("=HYPERLINK(\"x\")"), "'=HYPERLINK(\"x\")");
        assert_eq!(cell("@SUM(A1)"), "'@SUM(A1)");
        assert_eq!(cell("|cmd '/c calc'!A0"), "'|cmd '/c calc'!A0");
        for starter in ["+1", "-1", "\tx", "\rx"] {
            assert!(cell(starter).starts_with('\''), "{starter:?}");
        }
        assert_eq!(cell("Globex"), "Globex");
    }
}
