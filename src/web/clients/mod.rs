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
use crate::views::clients::{ListRow, owner_cell};

/// List rows for these clients: each with its owner and, when pending, the days left.
pub fn list_rows(
    conn: &mut DbConn,
    clients: Vec<Account>,
    staff: &[StaffMember],
) -> diesel::QueryResult<Vec<ListRow>> {
    let ids: Vec<i64> = clients.iter().map(|a| a.id).collect();
    let owners = membership::owners_of(conn, &ids)?;
    let now = db::now();
    let mut rows = Vec::with_capacity(clients.len());
    for a in clients {
        let owner = owners.iter().find(|o| o.account_id == a.id);
        let days = match owner {
            Some(o) if !o.activated => {
                token::latest_for(conn, PURPOSE_ACTIVATION, o.user_id, a.id)?
                    .map(|t| days_left(t.expires_at, now))
            }
            _ => None,
        };
        rows.push(ListRow::new(a, staff, owner_cell(owner, days)));
    }
    Ok(rows)
}

use askama::Template;

use crate::models::account::ClientStatus;
use crate::services::client_rules::ClientInput;
use crate::views::clients::{Choice, OwnerCell, country_choices, language_choices, seller_choices};
use crate::views::{FieldErrors, Layout};

/// A field another save changed while this form was open.
pub struct StaleField {
    pub label: &'static str,
    pub saved: String,
    pub yours: String,
}

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
