//! The one route table (SPEC §3). `/healthz` and the stylesheet come first, without
//! sessions (a monitor or a cached stylesheet makes no session row); every page after
//! them has the session and the CSRF check. Each path is a resource, so a known path
//! asked with another method answers 405; anything else is the 404 page.

use actix_session::SessionMiddleware;
use actix_web::middleware::from_fn;
use actix_web::web::{self, ServiceConfig, resource};

use crate::web::session_store::DbSessionStore;
use crate::web::{assets, csrf, health, locale, reply::not_found};

use crate::web::clients::{create, edit, export, list, resend, services, users};
use crate::web::{
    activate, activity, deletion, email_change, emails, home, impersonation, invitations, login,
    password, people, portal, profile, settings, setup,
};

pub fn configure(cfg: &mut ServiceConfig, sessions: SessionMiddleware<DbSessionStore>) {
    cfg.service(resource("/healthz").get(health::healthz))
        .service(resource(assets::CSS_PATH).get(assets::css))
        .service(
            web::scope("")
                .wrap(from_fn(csrf::guard))
                .wrap(from_fn(locale::note_language))
                .wrap(sessions)
                .configure(pages)
                // Unknown paths too: their page speaks the language chosen at sign-in.
                .default_service(web::to(not_found)),
        );
}

fn pages(cfg: &mut ServiceConfig) {
    cfg.service(resource("/").get(home::index))
        .service(resource("/setup").get(setup::show).post(setup::submit))
        .service(resource("/login").get(login::show).post(login::submit))
        .service(resource("/logout").post(login::logout))
        .service(
            resource("/password/forgot")
                .get(password::forgot_show)
                .post(password::forgot_submit),
        )
        .service(
            resource("/password/reset/{token}")
                .get(password::reset_show)
                .post(password::reset_submit),
        )
        .service(
            resource("/profile")
                .get(profile::show)
                .post(profile::save_details),
        )
        .service(resource("/profile/password").post(profile::change_password))
        .service(resource("/profile/sessions/end").post(profile::sign_out_everywhere))
        .service(resource("/profile/accounts").post(profile::add_account))
        .service(
            resource("/email-change/{token}")
                .get(email_change::show)
                .post(email_change::confirm),
        )
        .service(resource("/accounts").get(home::accounts))
        .service(resource("/accounts/invitations/{id}/accept").post(invitations::accept_in_app))
        .service(resource("/accounts/invitations/{id}/decline").post(invitations::decline_in_app))
        .service(resource("/invitations/{token}").get(invitations::show))
        .service(resource("/invitations/{token}/accept").post(invitations::accept))
        .service(resource("/invitations/{token}/decline").post(invitations::decline))
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
        .service(resource("/groups/{gid}/clients/{cid}/login").post(impersonation::start))
        .service(resource("/groups/{gid}/clients/{cid}/deletion").get(deletion::show))
        .service(resource("/groups/{gid}/clients/{cid}/deletion/cancel").post(deletion::cancel))
        .service(resource("/groups/{gid}/clients/{cid}/delete").post(deletion::delete))
        .service(resource("/groups/{gid}/clients/{cid}/history").get(activity::client_history))
        .service(resource("/groups/{gid}/activity").get(activity::group_activity))
        .service(resource("/impersonation/exit").post(impersonation::exit))
        .service(
            resource("/groups/{gid}/clients/{cid}/services")
                .get(services::show)
                .post(services::save),
        )
        .service(resource("/groups/{gid}/clients/{cid}/users").get(users::list))
        // Before `{uid}`: the owner the client was created with, while still invited.
        .service(
            resource("/groups/{gid}/clients/{cid}/users/owner")
                .get(users::show_invited_owner)
                .post(users::save_invited_owner),
        )
        .service(
            resource("/groups/{gid}/clients/{cid}/users/{uid}")
                .get(users::show)
                .post(users::save),
        )
        .service(
            resource("/groups/{gid}/settings")
                .get(settings::show)
                .post(settings::save),
        )
        .service(resource("/groups/{gid}/emails").get(emails::list))
        .service(resource("/groups/{gid}/emails/{id}/retry").post(emails::retry))
        .service(resource("/portal/{cid}").get(portal::home))
        .service(
            resource("/portal/{cid}/account")
                .get(portal::account)
                .post(portal::save_account),
        )
        .service(resource("/portal/{cid}/services").get(portal::services))
        .service(resource("/portal/{cid}/support").get(portal::support_access))
        .service(
            resource("/portal/{cid}/deletion")
                .get(deletion::portal_show)
                .post(deletion::portal_request),
        )
        .service(
            resource("/portal/{cid}/users")
                .get(people::show)
                .post(people::invite),
        )
        .service(resource("/portal/{cid}/users/{id}").post(people::change))
        .service(resource("/portal/{cid}/users/{id}/remove").post(people::remove))
        .service(resource("/portal/{cid}/users/{id}/transfer").post(people::transfer))
        .service(resource("/portal/{cid}/users/invitations/{id}/resend").post(people::resend))
        .service(resource("/portal/{cid}/users/invitations/{id}/revoke").post(people::revoke))
        .service(
            resource("/groups/{gid}/staff")
                .get(people::show)
                .post(people::invite),
        )
        .service(resource("/groups/{gid}/staff/{id}").post(people::change))
        .service(resource("/groups/{gid}/staff/{id}/remove").post(people::remove))
        .service(resource("/groups/{gid}/staff/{id}/transfer").post(people::transfer))
        .service(resource("/groups/{gid}/staff/{id}/unlock").post(people::unlock))
        .service(resource("/groups/{gid}/staff/invitations/{id}/resend").post(people::resend))
        .service(resource("/groups/{gid}/staff/invitations/{id}/revoke").post(people::revoke));
}
