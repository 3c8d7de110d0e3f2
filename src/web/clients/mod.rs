//! The group console's clients: list and CSV (`list`), add (`create`), edit (`edit`),
//! resend the owner's activation (`resend`).

pub mod create;
pub mod edit;
pub mod export;
pub mod list;
pub mod resend;

use askama::Template;

use crate::input::FieldErrors;
use crate::models::account::ClientStatus;
use crate::models::membership::StaffMember;
use crate::services::client_rules::{ClientInput, StaleField};
use crate::views::Layout;
use crate::views::clients::{Choice, OwnerCell, country_choices, language_choices, seller_choices};

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

    /// A client field's label, from the one table of client fields.
    pub fn label(name: &str) -> &'static str {
        crate::services::client_rules::label_of(name)
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
