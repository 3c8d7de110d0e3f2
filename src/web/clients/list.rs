//! `GET /groups/{gid}/clients`: the client list.

use actix_session::Session;
use actix_web::{HttpResponse, web};
use askama::Template;

use crate::auth::CurrentUser;
use crate::auth::scope::StaffRole;
use crate::db::{self, ids::GroupId};
use crate::error::AppError;
use crate::models::account::ClientStatus;
use crate::models::membership;
use crate::services::client_list::{self, ListParams, ListQuery, PAGE_SIZE};
use crate::startup::AppState;
use crate::views::Layout;
use crate::views::clients::{Choice, HeaderCell, ListRow, Pager, headers, pager};
use crate::web::page;

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

pub async fn show(
    session: Session,
    state: web::Data<AppState>,
    user: CurrentUser,
    path: web::Path<i64>,
    query: web::Query<ListQuery>,
) -> Result<HttpResponse, AppError> {
    let scope = user.group_scope(GroupId(path.into_inner()))?;
    let gid = scope.group_id.0;
    let is_seller = scope.role == StaffRole::Seller;
    let params = ListParams::from_query(&query, is_seller);
    let me = user.user.id;
    let p = params.clone();
    let (rows, total, staff, group_is_empty) = db::run(&state.pool, move |c| {
        let staff = client_list::staff_by_name(membership::staff_of_group(c, gid)?);
        let (accounts, total) = client_list::page(c, gid, &p, me, &staff)?;
        let rows = super::list_rows(c, accounts, &staff)?;
        let everything = ListParams::from_query(
            &ListQuery {
                seller: Some("all".into()),
                test: Some("all".into()),
                ..Default::default()
            },
            false,
        );
        let group_is_empty =
            total == 0 && client_list::page(c, gid, &everything, me, &staff)?.1 == 0;
        Ok((rows, total, staff, group_is_empty))
    })
    .await?;
    let base = format!("/groups/{gid}/clients");
    let mut sellers = vec![
        Choice {
            value: "all".into(),
            label: "All sellers".into(),
        },
        Choice {
            value: "me".into(),
            label: "My clients".into(),
        },
        Choice {
            value: "none".into(),
            label: "No seller".into(),
        },
    ];
    sellers.extend(crate::views::clients::seller_choices(&staff));
    let layout = Layout::new(
        &session,
        Some(&user),
        format!("Clients · {}", scope.group_name),
    )?
    .in_group(gid, "clients");
    page(&ListPage {
        layout,
        group_id: gid,
        headers: headers(&base, &params),
        pager: pager(&base, &params, total, PAGE_SIZE),
        statuses: ClientStatus::ALL.to_vec(),
        seller_value: params.seller.code(),
        csv_href: format!("/groups/{gid}/clients.csv?{}", params.to_query()),
        group_name: scope.group_name,
        params,
        rows,
        sellers,
        group_is_empty,
    })
}
