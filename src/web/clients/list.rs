//! `GET /groups/{gid}/clients`: the client list.

use actix_web::{HttpResponse, web};
use askama::Template;

use crate::db::{self, ids::GroupId};
use crate::error::AppError;
use crate::i18n::Msg;
use crate::models::account::ClientStatus;
use crate::services::client_list::{self, ListParams, ListQuery};
use crate::views::Layout;
use crate::views::clients::{Choice, HeaderCell, ListRow, Pager, headers, list_rows, pager};
use crate::web::state::AppState;
use crate::web::{context::PageContext, identity::CurrentUser, reply::page};

#[derive(Template)]
#[template(path = "clients/list.html")]
struct ListPage {
    layout: Layout,
    group_id: i64,
    group_name: String,
    params: ListParams,
    headers: Vec<HeaderCell>,
    rows: Vec<ListRow>,
    pager: Pager,
    /// "Clients of G, 1 to 50 of 1,234" for screen readers.
    caption: Msg,
    statuses: Vec<ClientStatus>,
    sellers: Vec<Choice>,
    seller_value: String,
    /// The group has no client at all (not merely none matching).
    group_is_empty: bool,
    csv_href: String,
}

impl ListPage {
    fn test_value(&self) -> &'static str {
        self.params.test.code()
    }
}

/// The list's query, or the default list when the parser refuses it (a field given twice),
/// as an unknown value of a field gives that field's default.
pub(crate) fn or_default(query: Result<web::Query<ListQuery>, actix_web::Error>) -> ListQuery {
    query.map(web::Query::into_inner).unwrap_or_default()
}

pub async fn show(
    ctx: PageContext,
    state: web::Data<AppState>,
    user: CurrentUser,
    path: web::Path<i64>,
    query: Result<web::Query<ListQuery>, actix_web::Error>,
) -> Result<HttpResponse, AppError> {
    let scope = user.group_scope(GroupId(path.into_inner()))?;
    let gid = scope.group_id().0;
    let params = ListParams::from_query(&or_default(query), scope.is_seller());
    let me = user.effective().id;
    let (p, s) = (params.clone(), scope.clone());
    let found = db::run(&state.pool, move |c| client_list::list(c, &s, &p, me)).await?;
    let base = format!("/groups/{gid}/clients");
    let mut sellers = vec![
        Choice {
            value: "all".into(),
            label: ctx.t("clients-filter-all-sellers"),
        },
        Choice {
            value: "me".into(),
            label: ctx.t("clients-filter-my-clients"),
        },
        Choice {
            value: "none".into(),
            label: ctx.t("clients-filter-no-seller"),
        },
    ];
    sellers.extend(crate::views::clients::seller_choices(&found.staff));
    let title = Msg::new("clients-page-title").with("group", scope.group_name());
    let layout = ctx.group_layout(&scope, "clients", title.in_lang(ctx.lang()))?;
    let ids: Vec<i64> = found.clients.iter().map(|c| c.id).collect();
    let pager = pager(&base, &params, found.total, found.placement, &ids);
    let caption = Msg::new(if pager.capped {
        "clients-caption-more"
    } else {
        "clients-caption"
    })
    .with("group", scope.group_name())
    .with("first", pager.first)
    .with("last", pager.last)
    .with("total", pager.total);
    page(&ListPage {
        layout,
        group_id: gid,
        headers: headers(&base, &params),
        pager,
        caption,
        statuses: ClientStatus::ALL.to_vec(),
        seller_value: params.seller.code(),
        csv_href: format!("/groups/{gid}/clients.csv?{}", params.to_query()),
        group_name: scope.group_name().to_owned(),
        params,
        rows: {
            let now = crate::db::now();
            let mut rows = list_rows(
                found.clients,
                &found.owners,
                &found.staff,
                &found.services,
                ctx.lang(),
            );
            for r in &mut rows {
                r.deletion_days = found
                    .deletion_due
                    .get(&r.id)
                    .map(|due| crate::services::deletion::days_left(*due, now));
            }
            rows
        },
        sellers,
        group_is_empty: found.group_is_empty,
    })
}
