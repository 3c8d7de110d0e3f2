//! The group console's clients: list and CSV (`list`), add (`create`), edit (`edit`),
//! resend the owner's activation (`resend`).

pub mod create;
pub mod edit;
pub mod export;
pub mod list;
pub mod resend;

use crate::db::{self, DbConn};
use crate::models::account::Account;
use crate::models::membership::{self, StaffMember};
use crate::models::token::{self, PURPOSE_ACTIVATION};
use crate::services::client_list::days_left;
use std::collections::HashMap;

use crate::views::clients::{ListRow, OwnerCell, owner_cell};

/// The owner column of these clients: who owns each, and the days left when pending.
pub fn owner_cells(
    conn: &mut DbConn,
    client_ids: &[i64],
) -> diesel::QueryResult<HashMap<i64, OwnerCell>> {
    let owners = membership::owners_of(conn, client_ids)?;
    let now = db::now();
    let mut cells = HashMap::with_capacity(client_ids.len());
    for &id in client_ids {
        let owner = owners.iter().find(|o| o.account_id == id);
        let days = match owner {
            Some(o) if !o.activated => token::latest_for(conn, PURPOSE_ACTIVATION, o.user_id, id)?
                .map(|t| days_left(t.expires_at, now)),
            _ => None,
        };
        cells.insert(id, owner_cell(owner, days));
    }
    Ok(cells)
}

/// List rows for these clients, each with its owner.
pub fn list_rows(
    conn: &mut DbConn,
    clients: Vec<Account>,
    staff: &[StaffMember],
) -> diesel::QueryResult<Vec<ListRow>> {
    let ids: Vec<i64> = clients.iter().map(|a| a.id).collect();
    let mut cells = owner_cells(conn, &ids)?;
    Ok(clients
        .into_iter()
        .map(|a| {
            let owner = cells
                .remove(&a.id)
                .unwrap_or_else(|| owner_cell(None, None));
            ListRow::new(a, staff, owner)
        })
        .collect())
}

use askama::Template;

use crate::input::FieldErrors;
use crate::models::account::ClientStatus;
use crate::services::client_rules::{ClientInput, StaleField};
use crate::views::Layout;
use crate::views::clients::{Choice, country_choices, language_choices, seller_choices};

/// The add and edit forms (one template, sections as SPEC §2 groups them).
#[derive(Template)]
#[template(path = "clients/form.html")]
pub struct FormPage {
    pub layout: Layout,
    pub group_id: i64,
    /// None on "Add client".
    pub client_id: Option<i64>,
    pub form: ClientInput,
    pub errors: FieldErrors,
    pub sellers: Vec<Choice>,
    pub countries: Vec<Choice>,
    pub languages: Vec<Choice>,
    pub status: Option<ClientStatus>,
    pub owner: Option<OwnerCell>,
    pub stale: Vec<StaleField>,
}

impl FormPage {
    pub fn new(
        layout: Layout,
        group_id: i64,
        client_id: Option<i64>,
        form: ClientInput,
        staff: &[StaffMember],
    ) -> Self {
        FormPage {
            layout,
            group_id,
            client_id,
            form,
            errors: FieldErrors::default(),
            sellers: seller_choices(staff),
            countries: country_choices(),
            languages: language_choices(),
            status: None,
            owner: None,
            stale: Vec::new(),
        }
    }

    pub fn is_new(&self) -> bool {
        self.client_id.is_none()
    }

    pub fn action(&self) -> String {
        match self.client_id {
            Some(cid) => format!("/groups/{}/clients/{cid}", self.group_id),
            None => format!("/groups/{}/clients", self.group_id),
        }
    }

    pub fn checked(v: &Option<String>) -> bool {
        v.is_some()
    }

    pub fn owner_pending(&self) -> bool {
        self.owner
            .as_ref()
            .is_some_and(|o| o.pending_days.is_some())
    }
}
