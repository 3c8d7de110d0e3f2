//! The one route table (SPEC §3). `/healthz` and the stylesheet are registered in
//! `startup` outside the session middleware; everything here has sessions and CSRF.
//! Each path is a resource, so a known path asked with another method answers 405.

use actix_web::web::{ServiceConfig, resource};

use crate::web::clients::{create, edit, export, list, resend};
use crate::web::{activate, emails, home, login, portal, setup};

pub fn configure(cfg: &mut ServiceConfig) {
    cfg.service(resource("/").get(home::index))
        .service(resource("/setup").get(setup::show).post(setup::submit))
        .service(resource("/login").get(login::show).post(login::submit))
        .service(resource("/logout").post(login::logout))
        .service(resource("/accounts").get(home::accounts))
        .service(
            resource("/activate/{token}")
                .get(activate::show)
                .post(activate::submit),
        )
        .service(
            resource("/groups/{gid}/clients")
                .get(list::show)
                .post(create::create),
        )
        .service(resource("/groups/{gid}/clients.csv").get(export::download))
        .service(resource("/groups/{gid}/clients/new").get(create::new))
        .service(
            resource("/groups/{gid}/clients/{cid}")
                .get(edit::show)
                .post(edit::save),
        )
        .service(
            resource("/groups/{gid}/clients/{cid}/owner/resend-activation").post(resend::resend),
        )
        .service(resource("/groups/{gid}/emails").get(emails::list))
        .service(resource("/groups/{gid}/emails/{id}/retry").post(emails::retry))
        .service(resource("/portal/{cid}").get(portal::home));
}
