//! Bulk actions on the client list: the clients ticked on a page, or all the clients the
//! list's filters match, disabled or enabled, given a seller (or none), marked or unmarked
//! as test accounts. A preview says how many will change before anything does; applying
//! changes each client as its edit form would (one `client.updated` audit event per client
//! that changed), all in one transaction: a failure changes none.

use crate::auth::scope::GroupScope;
use crate::db::{self, DbConn};
use crate::error::AppError;
use crate::models::account::{Account, ClientStatus};
use crate::models::membership;
use crate::services::audit::Actor;
use crate::services::client_list::{self, ListParams};
use crate::services::clients::{self, Saved};

/// The most clients one bulk action changes (the preview says so beyond it): each is
/// changed and audited one by one, in one transaction that holds the writers meanwhile.
pub const MAX_BULK: usize = 2_000;

/// What a bulk action does to each client.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BulkAction {
    Disable,
    Enable,
    /// Gives the clients this seller (None: no seller).
    AssignSeller(Option<i64>),
    MarkTest,
    UnmarkTest,
}

impl BulkAction {
    /// Reads the form's `action` (and `to_seller`: a staff user's id, or `none`).
    pub fn parse(action: &str, to_seller: &str) -> Option<BulkAction> {
        Some(match action {
            "disable" => BulkAction::Disable,
            "enable" => BulkAction::Enable,
            "seller" => BulkAction::AssignSeller(match to_seller.trim() {
                "none" => None,
                id => Some(id.parse().ok().filter(|id: &i64| *id > 0)?),
            }),
            "test" => BulkAction::MarkTest,
            "not_test" => BulkAction::UnmarkTest,
            _ => return None,
        })
    }

    pub fn code(self) -> &'static str {
        match self {
            BulkAction::Disable => "disable",
            BulkAction::Enable => "enable",
            BulkAction::AssignSeller(_) => "seller",
            BulkAction::MarkTest => "test",
            BulkAction::UnmarkTest => "not_test",
        }
    }

    /// The form's `to_seller` for this action.
    pub fn seller_code(self) -> String {
        match self {
            BulkAction::AssignSeller(Some(id)) => id.to_string(),
            _ => "none".into(),
        }
    }

    /// Whether the action changes this client (a deleted client is never changed).
    pub fn changes(self, a: &Account) -> bool {
        if a.deleted_at.is_some() || a.status == ClientStatus::Deleted.code() {
            return false;
        }
        match self {
            BulkAction::Disable => a.active,
            BulkAction::Enable => !a.active,
            BulkAction::AssignSeller(s) => a.seller_id != s,
            BulkAction::MarkTest => !a.test_account,
            BulkAction::UnmarkTest => a.test_account,
        }
    }

    fn apply(self, f: &mut crate::services::client_rules::ClientFields) {
        match self {
            BulkAction::Disable => f.active = false,
            BulkAction::Enable => f.active = true,
            BulkAction::AssignSeller(s) => f.seller_id = s,
            BulkAction::MarkTest => f.test_account = true,
            BulkAction::UnmarkTest => f.test_account = false,
        }
    }
}

/// Reads a selection of client ids written as `ids=1,2,3` (None when any is not an id).
pub fn parse_ids(s: &str) -> Option<Vec<i64>> {
    s.split(',')
        .map(str::trim)
        .filter(|v| !v.is_empty())
        .map(|v| v.parse::<i64>().ok().filter(|id| *id > 0))
        .collect()
}

/// Writes a selection of client ids for a form or a link.
pub fn ids_code(ids: &[i64]) -> String {
    ids.iter().map(i64::to_string).collect::<Vec<_>>().join(",")
}

/// The clients picked for the CSV export (the bulk action "Export"), in the order given,
/// with the group's staff: ids not of the scope's group are not found.
pub fn export_picked(
    conn: &mut DbConn,
    scope: &GroupScope,
    ids: &[i64],
) -> Result<(Vec<i64>, Vec<membership::StaffMember>), AppError> {
    let (clients, too_many) = selected(conn, scope, 0, &Selection::Ids(ids.to_vec()))?;
    if too_many {
        return Err(AppError::NotFound);
    }
    let staff = membership::staff_by_name(conn, scope.group_id().0)?;
    Ok((clients.iter().map(|a| a.id).collect(), staff))
}

/// Which clients a bulk action is for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Selection {
    /// These clients, ticked on a page.
    Ids(Vec<i64>),
    /// Every client the list's filters match.
    Matching(ListParams),
}

/// What a bulk action would do.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Preview {
    /// The clients selected.
    pub selected: usize,
    /// Those the action changes (the others are that way already, or deleted).
    pub changing: usize,
    /// The names of the first of them, for the confirmation page.
    pub names: Vec<String>,
    /// More clients match than one action changes ([`MAX_BULK`]).
    pub too_many: bool,
    /// Names exactly which clients would change (a hash of their ids): applying checks it,
    /// so a list that changed meanwhile — even to as many clients — is shown again.
    pub digest: String,
}

/// The clients selected, in the list's order: ids not of the scope's group are not found.
fn selected(
    conn: &mut DbConn,
    scope: &GroupScope,
    me: i64,
    selection: &Selection,
) -> Result<(Vec<Account>, bool), AppError> {
    match selection {
        Selection::Ids(ids) => {
            if ids.len() > MAX_BULK {
                return Ok((Vec::new(), true));
            }
            let found = client_list::clients_by_ids(conn, scope, ids)?;
            let mut unique = ids.clone();
            unique.sort_unstable();
            unique.dedup();
            if found.len() != unique.len() {
                return Err(AppError::NotFound);
            }
            Ok((found, false))
        }
        Selection::Matching(p) => {
            let ids = client_list::matching_ids(conn, scope, p, me, MAX_BULK as i64 + 1)?;
            if ids.len() > MAX_BULK {
                return Ok((Vec::new(), true));
            }
            Ok((client_list::clients_by_ids(conn, scope, &ids)?, false))
        }
    }
}

/// A seller given must be staff of the scope's group (else not found, like a client of
/// another group).
fn check_seller(conn: &mut DbConn, scope: &GroupScope, action: BulkAction) -> Result<(), AppError> {
    if let BulkAction::AssignSeller(Some(id)) = action
        && !clients::is_group_staff(conn, scope.group_id().0, id)?
    {
        return Err(AppError::NotFound);
    }
    Ok(())
}

fn preview_of(clients: &[Account], action: BulkAction, too_many: bool) -> Preview {
    let changing: Vec<&Account> = clients.iter().filter(|a| action.changes(a)).collect();
    let mut ids: Vec<i64> = changing.iter().map(|a| a.id).collect();
    ids.sort_unstable();
    Preview {
        selected: clients.len(),
        changing: changing.len(),
        names: changing.iter().take(10).map(|a| a.name.clone()).collect(),
        too_many,
        digest: crate::auth::tokens::hash_token(&format!("{}:{}", action.code(), ids_code(&ids))),
    }
}

/// What the action would do to the selection (nothing is written).
pub fn preview(
    conn: &mut DbConn,
    scope: &GroupScope,
    me: i64,
    selection: &Selection,
    action: BulkAction,
) -> Result<Preview, AppError> {
    check_seller(conn, scope, action)?;
    let (clients, too_many) = selected(conn, scope, me, selection)?;
    Ok(preview_of(&clients, action, too_many))
}

/// Why the transaction of a bulk action was rolled back.
enum Abort {
    /// This client cannot be saved as stored; the preview the action had.
    Refused(String, Preview),
    App(AppError),
}

impl From<diesel::result::Error> for Abort {
    fn from(e: diesel::result::Error) -> Self {
        Abort::App(e.into())
    }
}

impl From<AppError> for Abort {
    fn from(e: AppError) -> Self {
        Abort::App(e)
    }
}

/// How applying ended.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Applied {
    /// This many clients changed.
    Done(usize),
    /// The selection no longer changes the clients confirmed (the list changed meanwhile):
    /// nothing was written; this is what it would do now.
    Changed(Preview),
    /// This client cannot be saved as it is stored (a field fails today's checks): nothing
    /// was written; its edit form shows what to fix.
    Refused { client: String, preview: Preview },
}

/// Applies the action to the selection, if it still changes exactly the clients confirmed
/// (`digest`, from the preview): each client as its edit form would save it, all in one
/// transaction.
pub fn apply(
    conn: &mut DbConn,
    scope: &GroupScope,
    me: i64,
    selection: &Selection,
    action: BulkAction,
    digest: &str,
    actor: &Actor,
) -> Result<Applied, AppError> {
    let gid = scope.group_id().0;
    let applied = db::write_tx(conn, |conn| -> Result<Applied, Abort> {
        check_seller(conn, scope, action)?;
        let (clients, too_many) = selected(conn, scope, me, selection)?;
        let preview = preview_of(&clients, action, too_many);
        if too_many || preview.digest != digest {
            return Ok(Applied::Changed(preview));
        }
        let mut done = 0;
        for client in clients.iter().filter(|a| action.changes(a)) {
            match clients::change_in_bulk(conn, gid, client.id, |f| action.apply(f), actor) {
                Ok(Saved::Saved) => done += 1,
                Ok(Saved::Unchanged) => {}
                // Read in this transaction a moment ago: only a writer outside it could.
                Ok(Saved::Stale(_)) => {
                    return Err(AppError::Conflict("changed meanwhile".into()).into());
                }
                // The clients changed before it go back with the transaction.
                Err(AppError::Invalid(_)) => {
                    return Err(Abort::Refused(client.name.clone(), preview));
                }
                Err(e) => return Err(e.into()),
            }
        }
        Ok(Applied::Done(done))
    });
    match applied {
        Ok(a) => Ok(a),
        Err(Abort::Refused(client, preview)) => Ok(Applied::Refused { client, preview }),
        Err(Abort::App(e)) => Err(e),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn client(active: bool, seller: Option<i64>, test: bool, status: &str) -> Account {
        let now = chrono::NaiveDate::from_ymd_opt(2026, 1, 1)
            .unwrap()
            .and_hms_opt(0, 0, 0)
            .unwrap();
        Account {
            id: 1,
            kind: "client".into(),
            parent_id: Some(9),
            name: "Globex".into(),
            name_key: "globex".into(),
            company_name: String::new(),
            company_key: String::new(),
            unique_identifier: None,
            unique_identifier_key: None,
            billing_emails: String::new(),
            active,
            custom_id: None,
            custom_id_key: None,
            seller_id: seller,
            test_account: test,
            language: "en".into(),
            country: "BR".into(),
            region: String::new(),
            city: String::new(),
            address: "x".into(),
            postal_code: String::new(),
            status: status.into(),
            status_rank: 0,
            services_customised: false,
            notification_emails: String::new(),
            version: 1,
            created_at: now,
            updated_at: now,
            deleted_at: None,
            deletion_notifications: false,
        }
    }

    #[test]
    fn id_selections_round_trip_and_refuse_what_is_not_an_id() {
        assert_eq!(parse_ids("3, 1,2"), Some(vec![3, 1, 2]));
        assert_eq!(parse_ids(&ids_code(&[5, 9])), Some(vec![5, 9]));
        assert_eq!(parse_ids(""), Some(vec![]));
        assert_eq!(parse_ids("1,x"), None);
        assert_eq!(parse_ids("0"), None);
    }

    #[test]
    fn actions_are_read_from_the_form() {
        assert_eq!(BulkAction::parse("disable", ""), Some(BulkAction::Disable));
        assert_eq!(
            BulkAction::parse("seller", "7"),
            Some(BulkAction::AssignSeller(Some(7)))
        );
        assert_eq!(
            BulkAction::parse("seller", "none"),
            Some(BulkAction::AssignSeller(None))
        );
        assert_eq!(BulkAction::parse("seller", ""), None);
        assert_eq!(BulkAction::parse("seller", "-3"), None);
        assert_eq!(BulkAction::parse("delete", ""), None);
        for a in [
            BulkAction::Disable,
            BulkAction::Enable,
            BulkAction::AssignSeller(Some(4)),
            BulkAction::AssignSeller(None),
            BulkAction::MarkTest,
            BulkAction::UnmarkTest,
        ] {
            assert_eq!(BulkAction::parse(a.code(), &a.seller_code()), Some(a));
        }
    }

    #[test]
    fn only_clients_not_that_way_already_change_and_deleted_ones_never() {
        let active = client(true, Some(3), false, "active");
        let disabled = client(false, None, true, "disabled");
        let deleted = client(true, None, false, "deleted");
        assert!(BulkAction::Disable.changes(&active));
        assert!(!BulkAction::Disable.changes(&disabled));
        assert!(BulkAction::Enable.changes(&disabled));
        assert!(!BulkAction::AssignSeller(Some(3)).changes(&active));
        assert!(BulkAction::AssignSeller(None).changes(&active));
        assert!(BulkAction::MarkTest.changes(&active));
        assert!(BulkAction::UnmarkTest.changes(&disabled));
        for a in [
            BulkAction::Disable,
            BulkAction::AssignSeller(Some(5)),
            BulkAction::MarkTest,
        ] {
            assert!(!a.changes(&deleted), "{a:?}");
        }
        let p = preview_of(
            &[active.clone(), disabled.clone(), deleted],
            BulkAction::Disable,
            false,
        );
        assert_eq!((p.selected, p.changing, p.names.len()), (3, 1, 1));
    }

    #[test]
    fn the_digest_names_the_clients_not_their_number() {
        let a = client(true, None, false, "active");
        let mut b = a.clone();
        b.id = 2;
        let one = preview_of(std::slice::from_ref(&a), BulkAction::Disable, false);
        let other = preview_of(std::slice::from_ref(&b), BulkAction::Disable, false);
        assert_eq!(one.changing, other.changing);
        assert_ne!(
            one.digest, other.digest,
            "as many clients, not the same ones"
        );
        assert_ne!(
            one.digest,
            preview_of(std::slice::from_ref(&a), BulkAction::MarkTest, false).digest,
            "another action"
        );
        assert_eq!(
            preview_of(&[a.clone(), b.clone()], BulkAction::Disable, false).digest,
            preview_of(&[b, a], BulkAction::Disable, false).digest,
            "in any order"
        );
    }
}
