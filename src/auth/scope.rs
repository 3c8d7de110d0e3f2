//! Authorisation in one place, capability style: the only way to get a [`GroupScope`], a
//! [`StaffClientScope`] (a client as its group's staff reach it) or a [`MemberClientScope`]
//! (a client as its own users reach it) is a check here. Their fields are private, so no
//! other module can make one; the services that touch a group or a client take the scope
//! and read the ids from it. Anything not yours is `NotFound`, exactly like what does not
//! exist.
//!
//! The rules are plain functions over the user's memberships, unit-tested below:
//! - group staff (owner, admin, seller) may work on their group and every client in it,
//!   deleted clients included (their record and history stay visible to staff);
//! - a client's own users (owner, admin, member) may enter that client's area, unless the
//!   client was deleted (its users lose access: 404) or disabled (its "Active" switch is
//!   off: a page that says so and whom to contact, `AccountDisabled`);
//! - nobody reaches another group or its clients.

use diesel::prelude::*;

use crate::auth::rights::{self, Action};
pub use crate::auth::rights::{ClientAccess, ClientRole, Permission, Permissions, StaffRole};
use crate::db::DbConn;
use crate::db::ids::{ClientId, GroupId};
use crate::db::schema::accounts;
use crate::error::AppError;
use crate::models::account::{KIND_CLIENT, KIND_GROUP};
use crate::models::membership::Memberships;

/// Proof that the current user works in this group, and in which role.
#[derive(Debug, Clone)]
pub struct GroupScope {
    group_id: GroupId,
    group_name: String,
    role: StaffRole,
    /// The group is an operator group (see `models::operations`).
    operator: bool,
}

impl GroupScope {
    pub fn group_id(&self) -> GroupId {
        self.group_id
    }

    pub fn group_name(&self) -> &str {
        &self.group_name
    }

    pub fn role(&self) -> StaffRole {
        self.role
    }

    /// The installation's status page: owners of an operator group only.
    pub fn sees_system_status(&self) -> bool {
        self.operator && self.may(Action::SeeSystemStatus)
    }

    pub fn is_owner(&self) -> bool {
        self.role == StaffRole::Owner
    }

    /// Whether the user may do this in the group ([`rights::may`]).
    pub fn may(&self, action: Action) -> bool {
        rights::may(ClientAccess::Staff(self.role), action)
    }

    /// Owners and admins manage the vendor settings; sellers do not see them.
    pub fn can_manage_settings(&self) -> bool {
        self.may(Action::ManageSettings)
    }

    /// Sellers' client list opens on their own clients.
    pub fn is_seller(&self) -> bool {
        self.role == StaffRole::Seller
    }
}

/// Proof that the current user is staff of the client's group: the group console may work
/// on this client (deleted ones included: their record and history stay visible).
#[derive(Debug, Clone)]
pub struct StaffClientScope {
    group: GroupScope,
    client_id: ClientId,
    client_name: String,
}

impl StaffClientScope {
    pub fn group(&self) -> &GroupScope {
        &self.group
    }

    pub fn client_id(&self) -> ClientId {
        self.client_id
    }

    pub fn client_name(&self) -> &str {
        &self.client_name
    }
}

/// Proof that the current user is one of the client's own users (owner, admin, member),
/// and what they may do in its client area.
#[derive(Debug, Clone)]
pub struct MemberClientScope {
    client_id: ClientId,
    group_id: GroupId,
    client_name: String,
    role: ClientRole,
    permissions: Permissions,
}

impl MemberClientScope {
    pub fn client_id(&self) -> ClientId {
        self.client_id
    }

    pub fn group_id(&self) -> GroupId {
        self.group_id
    }

    pub fn client_name(&self) -> &str {
        &self.client_name
    }

    pub fn role(&self) -> ClientRole {
        self.role
    }

    pub fn is_owner(&self) -> bool {
        self.role == ClientRole::Owner
    }

    /// Owners and admins may do everything; members what they were given.
    pub fn can(&self, p: Permission) -> bool {
        self.permissions.has(p)
    }

    /// How the user reaches the client, for the rules of [`rights`].
    pub fn access(&self) -> ClientAccess {
        ClientAccess::Member(self.role, self.permissions)
    }

    /// Whether the user may do this in the client area ([`rights::may`]).
    pub fn may(&self, action: Action) -> bool {
        rights::may(self.access(), action)
    }

    /// The permissions the user holds (all four for owners and admins).
    pub fn permissions(&self) -> Permissions {
        self.permissions
    }
}

/// The facts about a client the rules need.
#[derive(Debug, Clone, Copy)]
pub struct ClientFacts {
    pub id: i64,
    pub group_id: i64,
    pub deleted: bool,
}

/// The user's role in a group, if they are its staff.
pub fn staff_role(memberships: &Memberships, group_id: i64) -> Option<StaffRole> {
    memberships
        .iter()
        .find(|m| m.account_id == group_id && m.account_kind == KIND_GROUP)
        .and_then(|m| StaffRole::parse(&m.role))
}

/// How (if at all) the user may reach a client. Staff access wins over membership: a group
/// owner who is also a client user works on it as staff.
pub fn client_access(memberships: &Memberships, client: ClientFacts) -> Option<ClientAccess> {
    if let Some(role) = staff_role(memberships, client.group_id) {
        return Some(ClientAccess::Staff(role));
    }
    member_access(memberships, client).map(|(role, perms)| ClientAccess::Member(role, perms))
}

/// The user's role and permissions as one of the client's own users; none once the client
/// is deleted (its users lose access).
fn member_access(
    memberships: &Memberships,
    client: ClientFacts,
) -> Option<(ClientRole, Permissions)> {
    if client.deleted {
        return None;
    }
    let m = memberships
        .iter()
        .find(|m| m.account_id == client.id && m.account_kind == KIND_CLIENT)?;
    let role = ClientRole::parse(&m.role)?;
    let perms = rights::held_permissions(role, Permissions::parse(&m.permissions));
    Some((role, perms))
}

/// Checks group access and hands out the scope.
pub fn group_scope(memberships: &Memberships, group_id: GroupId) -> Result<GroupScope, AppError> {
    let m = memberships
        .iter()
        .find(|m| m.account_id == group_id.0 && m.account_kind == KIND_GROUP)
        .ok_or(AppError::NotFound)?;
    let role = StaffRole::parse(&m.role).ok_or(AppError::NotFound)?;
    Ok(GroupScope {
        group_id,
        group_name: m.account_name.clone(),
        role,
        operator: m.operator,
    })
}

/// The client's group, name, whether it was deleted and whether it is active (one
/// query); `NotFound` when there is no such client.
pub fn client_facts(
    conn: &mut DbConn,
    client_id: ClientId,
) -> Result<(ClientFacts, String, bool), AppError> {
    type Row = (Option<i64>, String, Option<chrono::NaiveDateTime>, bool);
    let row: Option<Row> = accounts::table
        .find(client_id.0)
        .filter(accounts::kind.eq(KIND_CLIENT))
        .select((
            accounts::parent_id,
            accounts::name,
            accounts::deleted_at,
            accounts::active,
        ))
        .first(conn)
        .optional()?;
    let (Some(group_id), name, deleted_at, active) = row.ok_or(AppError::NotFound)? else {
        return Err(AppError::NotFound);
    };
    let facts = ClientFacts {
        id: client_id.0,
        group_id,
        deleted: deleted_at.is_some(),
    };
    Ok((facts, name, active))
}

/// A client as the group console reaches it: `/groups/{gid}/clients/{cid}` opens only for
/// staff of `gid`, and only for a client of `gid`.
pub fn console_client_scope(
    conn: &mut DbConn,
    memberships: &Memberships,
    group_id: GroupId,
    client_id: ClientId,
) -> Result<StaffClientScope, AppError> {
    let group = group_scope(memberships, group_id)?;
    let (facts, client_name, _) = client_facts(conn, client_id)?;
    if facts.group_id != group_id.0 {
        return Err(AppError::NotFound);
    }
    Ok(StaffClientScope {
        group,
        client_id,
        client_name,
    })
}

/// A client as its own users reach it in the client area (`/portal/{cid}`). Staff work on
/// clients from the console, so a staff-only user gets `NotFound` here.
pub fn member_client_scope(
    conn: &mut DbConn,
    memberships: &Memberships,
    client_id: ClientId,
) -> Result<MemberClientScope, AppError> {
    let (facts, client_name, active) = client_facts(conn, client_id)?;
    let (role, permissions) = member_access(memberships, facts).ok_or(AppError::NotFound)?;
    if !active {
        return Err(disabled(conn, client_id, client_name)?);
    }
    Ok(MemberClientScope {
        client_id,
        group_id: GroupId(facts.group_id),
        client_name,
        role,
        permissions,
    })
}

/// The page a disabled client's users get: who disabled it and whom to contact (the
/// client's seller, else the group's owner). Only the client's own users get here.
fn disabled(conn: &mut DbConn, client_id: ClientId, client: String) -> Result<AppError, AppError> {
    use crate::db::schema::{memberships, users};
    let a = crate::models::account::find(conn, client_id.0)?;
    let group_id = a.parent_id.ok_or(AppError::NotFound)?;
    let group = crate::models::account::find(conn, group_id)?.name;
    let person = |u: crate::models::user::User| (u.display_name(), u.email);
    let seller = match a.seller_id {
        Some(id) => crate::models::user::find(conn, id).optional()?.map(person),
        None => None,
    };
    let contact = match seller {
        Some(s) => Some(s),
        None => memberships::table
            .inner_join(users::table)
            .filter(memberships::account_id.eq(group_id))
            .filter(memberships::role.eq("owner"))
            .select(crate::models::user::User::as_select())
            .first(conn)
            .optional()?
            .map(person),
    };
    Ok(AppError::AccountDisabled(Box::new(
        crate::error::DisabledAccount {
            client,
            group,
            contact,
        },
    )))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::models::membership::MembershipRow;

    fn m(account_id: i64, kind: &str, role: &str, perms: &str) -> MembershipRow {
        MembershipRow {
            account_id,
            role: role.into(),
            permissions: perms.into(),
            account_kind: kind.into(),
            account_name: format!("Account {account_id}"),
            parent_id: if kind == KIND_CLIENT { Some(1) } else { None },
            deleted_at: None,
            two_step_required: false,
            operator: false,
        }
    }

    fn client(id: i64, group_id: i64, deleted: bool) -> ClientFacts {
        ClientFacts {
            id,
            group_id,
            deleted,
        }
    }

    #[test]
    fn staff_reach_their_group_and_its_clients_only() {
        let ms = Memberships::from_rows(vec![m(1, KIND_GROUP, "seller", "")]);
        let scope = group_scope(&ms, GroupId(1)).unwrap();
        assert_eq!(scope.role(), StaffRole::Seller);
        assert!(scope.is_seller() && !scope.is_owner());
        assert!(matches!(
            group_scope(&ms, GroupId(2)),
            Err(AppError::NotFound)
        ));
        assert_eq!(
            client_access(&ms, client(10, 1, false)),
            Some(ClientAccess::Staff(StaffRole::Seller))
        );
        assert_eq!(
            client_access(&ms, client(10, 1, true)),
            Some(ClientAccess::Staff(StaffRole::Seller))
        );
        assert_eq!(client_access(&ms, client(20, 2, false)), None);
    }

    #[test]
    fn client_users_reach_their_client_only_and_not_once_deleted() {
        let ms = Memberships::from_rows(vec![m(10, KIND_CLIENT, "member", "billing,users")]);
        let access = client_access(&ms, client(10, 1, false)).unwrap();
        let ClientAccess::Member(role, perms) = access else {
            panic!("expected member")
        };
        assert_eq!(role, ClientRole::Member);
        assert!(perms.billing && perms.users && !perms.account && !perms.services);
        assert_eq!(client_access(&ms, client(11, 1, false)), None);
        assert_eq!(client_access(&ms, client(10, 1, true)), None);
        // A client membership is no way into the group console.
        assert!(group_scope(&ms, GroupId(10)).is_err());
        assert!(group_scope(&ms, GroupId(1)).is_err());
    }

    #[test]
    fn client_owners_and_admins_have_every_permission() {
        for role in ["owner", "admin"] {
            let ms = Memberships::from_rows(vec![m(10, KIND_CLIENT, role, "")]);
            let Some(ClientAccess::Member(_, perms)) = client_access(&ms, client(10, 1, false))
            else {
                panic!("expected member")
            };
            assert_eq!(perms, Permissions::ALL);
        }
    }

    #[test]
    fn a_client_role_in_a_group_row_grants_nothing() {
        let ms = Memberships::from_rows(vec![m(1, KIND_GROUP, "member", "")]);
        assert!(group_scope(&ms, GroupId(1)).is_err());
        assert_eq!(client_access(&ms, client(10, 1, false)), None);
    }

    #[test]
    fn members_can_only_what_they_were_given() {
        let p = Permissions::parse("billing");
        assert!(p.has(Permission::Billing));
        for other in [Permission::Account, Permission::Services, Permission::Users] {
            assert!(!p.has(other));
            assert!(Permissions::ALL.has(other));
        }
    }

    #[test]
    fn permissions_round_trip() {
        let p = Permissions::parse("users, account,bogus");
        assert!(p.users && p.account && !p.billing);
        assert_eq!(p.to_stored(), "account,users");
        assert_eq!(
            Permissions::parse(&Permissions::ALL.to_stored()),
            Permissions::ALL
        );
    }
}
