//! What the client area shows its users: the home (status, visible services, the owner,
//! a pending deletion request) and the Account page.

use chrono::NaiveDateTime;
use diesel::prelude::*;

use crate::auth::scope::MemberClientScope;
use crate::db::DbConn;
use crate::db::schema::deletion_requests;
use crate::error::AppError;
use crate::models::account::{self, Account};
use crate::models::membership::{self, OwnerRow};
use crate::services::client_services::{self, ServiceRow};

/// The client area's home: the client, its account owner (None: "no owner"), its visible
/// services (the area's navigation has one entry each) and, while a deletion request is
/// open, when the account will be deleted.
pub struct Home {
    pub client: Account,
    pub owner: Option<OwnerRow>,
    pub services: Vec<ServiceRow>,
    pub deletion_due: Option<NaiveDateTime>,
}

pub fn home(conn: &mut DbConn, scope: &MemberClientScope) -> Result<Home, AppError> {
    let cid = scope.client_id().0;
    let owner = membership::owners_of(conn, &[cid])?.into_iter().next();
    let deletion_due = deletion_requests::table
        .filter(deletion_requests::client_id.eq(cid))
        .filter(deletion_requests::cancelled_at.is_null())
        .filter(deletion_requests::completed_at.is_null())
        .order_by(deletion_requests::requested_at.desc())
        .select(deletion_requests::due_at)
        .first(conn)
        .optional()?;
    Ok(Home {
        client: account::find(conn, cid)?,
        owner,
        services: client_services::visible_to_member(conn, scope)?,
        deletion_due,
    })
}

/// The Account page: the client as stored (the page shows what the user may see and
/// offers to change what they may change).
pub fn account(conn: &mut DbConn, scope: &MemberClientScope) -> Result<Account, AppError> {
    Ok(account::find(conn, scope.client_id().0)?)
}
