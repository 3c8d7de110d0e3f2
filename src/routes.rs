//! The one route table (SPEC §3). `/healthz` and the stylesheet are registered in
//! `startup` outside the session middleware; everything here has sessions and CSRF.

use actix_web::web::{self, ServiceConfig, get, post};

use crate::web::{groups, home, login, portal, setup};

pub fn configure(cfg: &mut ServiceConfig) {
    cfg.route("/", get().to(home::index))
        .service(
            web::resource("/setup")
                .route(get().to(setup::show))
                .route(post().to(setup::submit)),
        )
        .service(
            web::resource("/login")
                .route(get().to(login::show))
                .route(post().to(login::submit)),
        )
        .route("/logout", post().to(login::logout))
        .route("/accounts", get().to(home::accounts))
        .route("/groups/{gid}/clients", get().to(groups::clients))
        .route("/portal/{cid}", get().to(portal::home));
}
