//! What the client area shows its users.

use crate::auth::scope::MemberClientScope;
use crate::db::DbConn;
use crate::error::AppError;
use crate::models::account::{self, Account};
use crate::models::membership::{self, OwnerRow};
use crate::services::client_services::{self, ServiceRow};

/// The client area's home: the client, its account owner (None: "no owner") and its
/// visible services (the area's navigation has one entry each).
pub struct Home {
    pub client: Account,
    pub owner: Option<OwnerRow>,
    pub services: Vec<ServiceRow>,
}

pub fn home(conn: &mut DbConn, scope: &MemberClientScope) -> Result<Home, AppError> {
    let cid = scope.client_id().0;
    let owner = membership::owners_of(conn, &[cid])?.into_iter().next();
    Ok(Home {
        client: account::find(conn, cid)?,
        owner,
        services: client_services::visible_to_member(conn, scope)?,
    })
}
