//! The one route table (SPEC §3). `/healthz`, `/metrics`, the stylesheet and the JSON API (`/api/v1`,
//! bearer tokens) come first, without sessions (a monitor, a cached stylesheet or a script
//! makes no session row); every page after them has the session and the CSRF check. Each path is a resource, so a known path
//! asked with another method answers 405 with `Allow` (its methods); anything else is the
//! 404 page.

use actix_session::SessionMiddleware;
use actix_web::middleware::from_fn;
use actix_web::web::{self, ServiceConfig, resource};

use crate::web::reply::{method_not_allowed, not_found};
use crate::web::session_store::DbSessionStore;
use crate::web::{api, assets, csrf, health, locale, metrics};

use crate::web::clients::{bulk, create, edit, export, list, owner, services, users, views};
use crate::web::{
    activate, activity, deletion, email_change, emails, home, impersonation, invitations, login,
    password, people, portal, profile, settings, setup, system, two_step,
};

pub fn configure(cfg: &mut ServiceConfig, sessions: SessionMiddleware<DbSessionStore>) {
    cfg.service(get_only("/healthz").get(health::healthz))
        .service(get_only("/metrics").get(metrics::scrape))
        .service(get_only(assets::CSS_PATH).get(assets::css))
        // The JSON API: bearer tokens, no session, no CSRF (its own module says why).
        .service(
            web::scope("/api/v1")
                .service(api_resource("/clients").get(api::clients))
                .service(api_resource("/clients/{cid}").get(api::client))
                .service(api_resource("/account").get(api::account))
                .service(api_resource("/openapi.json").get(api::openapi))
                .default_service(web::to(api::unknown)),
        )
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

/// A resource answering GET (and HEAD) only: another method is a 405 with `Allow`.
fn get_only(path: &str) -> actix_web::Resource {
    resource(path).default_service(web::to(|| method_not_allowed(&["get"])))
}

/// An API resource: another method than the one it answers is a JSON 405.
fn api_resource(path: &str) -> actix_web::Resource {
    resource(path).default_service(web::to(api::wrong_method))
}

/// One route of the table: its path pattern and the methods it answers.
#[derive(Debug, Clone, Copy)]
pub struct Route {
    pub path: &'static str,
    pub methods: &'static [&'static str],
}

/// Writes the page routes once: the actix registration and [`ROUTES`], the list the
/// authorisation matrix test walks (a route added here is probed by it, and fails it until
/// the test's expectations say who may use it).
macro_rules! route_table {
    ($($path:literal => $($method:ident($handler:path)),+;)*) => {
        /// Every page route (after `/healthz` and the stylesheet), in registration order.
        pub const ROUTES: &[Route] = &[
            $(Route { path: $path, methods: &[$(stringify!($method)),+] }),*
        ];

        fn pages(cfg: &mut ServiceConfig) {
            // Another method on a known path: 405 with the row's methods in `Allow`.
            $(cfg.service(
                resource($path)
                    $(.$method($handler))+
                    .default_service(web::to(|| method_not_allowed(&[$(stringify!($method)),+]))),
            );)*
        }
    };
}

route_table! {
    "/" => get(home::index);
    "/setup" => get(setup::show), post(setup::submit);
    "/login" => get(login::show), post(login::submit);
    "/logout" => post(login::logout);
    "/password/forgot" => get(password::forgot_show), post(password::forgot_submit);
    "/password/reset/{token}" => get(password::reset_show), post(password::reset_submit);
    "/profile" => get(profile::show), post(profile::save_details);
    "/profile/password" => post(profile::change_password);
    "/profile/sessions/end" => post(profile::sign_out_everywhere);
    "/profile/accounts" => post(profile::add_account);
    "/profile/api-tokens" => post(profile::create_api_token);
    "/profile/api-tokens/{id}/revoke" => post(profile::revoke_api_token);
    "/profile/two-step" => get(two_step::show);
    "/profile/two-step/start" => post(two_step::start);
    "/profile/two-step/confirm" => post(two_step::confirm);
    "/profile/two-step/recovery-codes" => post(two_step::renew_recovery_codes);
    "/profile/two-step/disable" => post(two_step::disable);
    "/email-change/{token}" => get(email_change::show), post(email_change::confirm);
    "/accounts" => get(home::accounts);
    "/accounts/invitations/{id}/accept" => post(invitations::accept_in_app);
    "/accounts/invitations/{id}/decline" => post(invitations::decline_in_app);
    "/invitations/{token}" => get(invitations::show);
    "/invitations/{token}/accept" => post(invitations::accept);
    "/invitations/{token}/decline" => post(invitations::decline);
    "/activate/{token}" => get(activate::show), post(activate::submit);
    "/groups/{gid}/clients" => get(list::show), post(create::create);
    "/groups/{gid}/clients.csv" => get(export::download);
    "/groups/{gid}/clients/new" => get(create::new);
    "/groups/{gid}/clients/bulk" => get(bulk::confirm), post(bulk::apply);
    "/groups/{gid}/clients/columns" => post(views::save_columns);
    "/groups/{gid}/views" => post(views::save_view);
    "/groups/{gid}/views/default" => post(views::set_default);
    "/groups/{gid}/views/{id}/delete" => post(views::delete_view);
    "/groups/{gid}/clients/{cid}" => get(edit::show), post(edit::save);
    "/groups/{gid}/clients/{cid}/owner/resend-activation" => post(owner::resend);
    "/groups/{gid}/clients/{cid}/owner/invite" => get(owner::new), post(owner::invite);
    "/groups/{gid}/clients/{cid}/login" => post(impersonation::start);
    "/groups/{gid}/clients/{cid}/deletion" => get(deletion::show);
    "/groups/{gid}/clients/{cid}/deletion/cancel" => post(deletion::cancel);
    "/groups/{gid}/clients/{cid}/delete" => post(deletion::delete);
    "/groups/{gid}/clients/{cid}/history" => get(activity::client_history);
    "/groups/{gid}/activity" => get(activity::group_activity);
    "/impersonation/exit" => post(impersonation::exit);
    "/groups/{gid}/clients/{cid}/services" => get(services::show), post(services::save);
    "/groups/{gid}/clients/{cid}/users" => get(users::list);
    // Before `{uid}`: the owner the client was created with, while still invited.
    "/groups/{gid}/clients/{cid}/users/owner" => get(users::show_invited_owner), post(users::save_invited_owner);
    "/groups/{gid}/clients/{cid}/users/{uid}" => get(users::show), post(users::save);
    "/groups/{gid}/settings" => get(settings::show), post(settings::save);
    "/groups/{gid}/settings/two-step" => post(settings::save_two_step);
    "/groups/{gid}/emails" => get(emails::list);
    "/groups/{gid}/emails/{id}/retry" => post(emails::retry);
    "/groups/{gid}/system" => get(system::show);
    "/portal/{cid}" => get(portal::home);
    "/portal/{cid}/account" => get(portal::account), post(portal::save_account);
    "/portal/{cid}/services" => get(portal::services);
    "/portal/{cid}/support" => get(portal::support_access);
    "/portal/{cid}/deletion" => get(deletion::portal_show), post(deletion::portal_request);
    "/portal/{cid}/users" => get(people::show), post(people::invite);
    "/portal/{cid}/users/{id}" => get(people::person), post(people::change);
    "/portal/{cid}/users/{id}/remove" => post(people::remove);
    "/portal/{cid}/users/{id}/transfer" => post(people::transfer);
    "/portal/{cid}/users/invitations/{id}/resend" => post(people::resend);
    "/portal/{cid}/users/invitations/{id}/revoke" => post(people::revoke);
    "/groups/{gid}/staff" => get(people::show), post(people::invite);
    "/groups/{gid}/staff/{id}" => get(people::person), post(people::change);
    "/groups/{gid}/staff/{id}/remove" => post(people::remove);
    "/groups/{gid}/staff/{id}/transfer" => post(people::transfer);
    "/groups/{gid}/staff/{id}/unlock" => post(people::unlock);
    "/groups/{gid}/staff/{id}/two-step/reset" => post(people::reset_two_step);
    "/groups/{gid}/staff/invitations/{id}/resend" => post(people::resend);
    "/groups/{gid}/staff/invitations/{id}/revoke" => post(people::revoke);
}
