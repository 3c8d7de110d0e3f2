//! What the client area shows its users.

use crate::auth::scope::MemberClientScope;
use crate::db::DbConn;
use crate::error::AppError;
use crate::models::account::{self, Account};
use crate::models::membership::{self, OwnerRow};

/// The client area's home: the client and its account owner (None: "no owner").
pub struct Home {
    pub client: Account,
    pub owner: Option<OwnerRow>,
}

pub fn home(conn: &mut DbConn, scope: &MemberClientScope) -> Result<Home, AppError> {
    let cid = scope.client_id().0;
    let owner = membership::owners_of(conn, &[cid])?.into_iter().next();
    Ok(Home {
        client: account::find(conn, cid)?,
        owner,
    })
}
