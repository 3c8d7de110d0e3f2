//! The one route table (SPEC §3). `/healthz` and the stylesheet are registered in
//! `startup` outside the session middleware; everything here has sessions and CSRF.
//! Each path is a resource, so a known path asked with another method answers 405.

use actix_web::web::{ServiceConfig, resource};

use crate::web::{emails, groups, home, login, portal, setup};

pub fn configure(cfg: &mut ServiceConfig) {
    cfg.service(resource("/").get(home::index))
        .service(resource("/setup").get(setup::show).post(setup::submit))
        .service(resource("/login").get(login::show).post(login::submit))
        .service(resource("/logout").post(login::logout))
        .service(resource("/accounts").get(home::accounts))
        .service(resource("/groups/{gid}/clients").get(groups::clients))
        .service(resource("/groups/{gid}/emails").get(emails::list))
        .service(resource("/groups/{gid}/emails/{id}/retry").post(emails::retry))
        .service(resource("/portal/{cid}").get(portal::home));
}
