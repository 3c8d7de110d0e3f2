//! The console in its reader's language: the profile language once signed in; before,
//! the sign-in page's selector, else the browser's `Accept-Language`.

use clientele::db::schema::users;
use diesel::prelude::*;
use reqwest::StatusCode;

use crate::helpers::*;

const MISSING: &str = "Unknown localization";

fn set_language(app: &TestApp, email: &str, lang: &str) {
    diesel::update(users::table.filter(users::email.eq(email)))
        .set(users::language.eq(lang))
        .execute(&mut app.conn())
        .unwrap();
}

#[tokio::test]
async fn accept_language_es_shows_the_sign_in_page_in_spanish() {
    let app = spawn_app().await;
    let get = |lang: &'static str| {
        let app = &app;
        async move {
            let r = reqwest::Client::new()
                .get(app.url("/login"))
                .header("Accept-Language", lang)
                .send()
                .await
                .unwrap();
            assert_eq!(r.status(), StatusCode::OK);
            r.text().await.unwrap()
        }
    };
    let html = get("es-AR,es;q=0.9,en;q=0.5").await;
    assert!(html.contains(r#"<html lang="es">"#));
    assert!(html.contains("Iniciar sesión") && html.contains("Contraseña"));
    assert!(!html.contains(MISSING) && !html.contains("login-title"));
    let html = get("pt-BR").await;
    assert!(html.contains(r#"<html lang="pt-BR">"#) && html.contains("Senha"));
    // A language we do not speak: English.
    let html = get("de-DE,fr;q=0.8").await;
    assert!(html.contains(r#"<html lang="en">"#) && html.contains("Password"));
    // Error pages too.
    let r = reqwest::Client::new()
        .get(app.url("/nowhere"))
        .header("Accept-Language", "es")
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::NOT_FOUND);
    let html = r.text().await.unwrap();
    assert!(html.contains(r#"<html lang="es">"#) && html.contains("Página no encontrada"));
    // And the page of a refused form (no CSRF token).
    let r = reqwest::Client::new()
        .post(app.url("/login"))
        .header("Accept-Language", "es")
        .form(&[("email", "a@b.test")])
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::FORBIDDEN);
    assert!(r.text().await.unwrap().contains("El formulario caducó"));
}

#[tokio::test]
async fn a_language_picked_at_sign_in_is_kept_for_the_session_and_offered_as_the_default() {
    let app = spawn_app().await;
    make_group(&mut app.conn(), "Acme", "owner@acme.test");
    set_language(&app, "owner@acme.test", "es");
    // A page's own `?lang=` (the sign-in page after signing out, an email's link): the
    // pages before sign-in speak it; signed in, the profile's language.
    let html = app.get_html("/login?lang=pt-BR").await;
    assert!(html.contains(r#"<html lang="pt-BR">"#) && html.contains("Entrar"));
    let html = app.get_html("/login").await;
    assert!(
        html.contains(r#"<html lang="pt-BR">"#),
        "kept before sign-in"
    );
    let r = app.login("owner@acme.test", "not the password").await;
    assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        r.text()
            .await
            .unwrap()
            .contains("E-mail ou senha incorretos.")
    );
    let r = app.login("owner@acme.test", PASSWORD).await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    let html = app.get_html("/accounts").await;
    assert!(html.contains(r#"<html lang="es">"#) && html.contains("Elige una cuenta"));
    assert!(
        !app.get_html("/profile")
            .await
            .contains(r#"id="session-language""#)
    );

    // The selector (a plain GET form, `choose`): picked, it outlives the sign-in for this
    // session, and the profile offers to make it the default.
    let b = Browser::new(&app);
    let html = b.get_html("/login?choose=pt-BR").await;
    assert!(html.contains(r#"<option value="pt-BR" lang="pt-BR" selected>"#));
    assert!(html.contains(r#"name="choose""#));
    let r = b
        .post_form(
            "/login",
            "/login",
            &[("email", "owner@acme.test"), ("password", PASSWORD)],
        )
        .await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    let html = b.get_html("/accounts").await;
    assert!(
        html.contains(r#"<html lang="pt-BR">"#),
        "the choice is kept"
    );
    let profile = b.get_html("/profile").await;
    assert!(
        profile.contains("Esta sessão está em Português (Brasil)"),
        "{profile}"
    );
    assert!(profile.contains("seu idioma padrão é Español"));
    // The other browser (no choice) still speaks the profile's language.
    assert!(
        app.get_html("/accounts")
            .await
            .contains(r#"<html lang="es">"#)
    );
    // "Make it my default": saved, the offer gone, the profile speaks it everywhere.
    let r = b
        .post_form(
            "/profile",
            "/profile",
            &[
                ("first_name", "Gail"),
                ("last_name", "Owner"),
                ("language", "pt-BR"),
            ],
        )
        .await;
    assert_redirect_to(&r, "/profile");
    let profile = b.get_html("/profile").await;
    assert!(!profile.contains(r#"id="session-language""#));
    assert!(
        app.get_html("/accounts")
            .await
            .contains(r#"<html lang="pt-BR">"#)
    );
    // Saving another language on the profile: it speaks at once (the session's pick is
    // forgotten once the profile is saved).
    let r = b
        .post_form(
            "/profile",
            "/profile",
            &[
                ("first_name", "Gail"),
                ("last_name", "Owner"),
                ("language", "en"),
            ],
        )
        .await;
    assert_redirect_to(&r, "/profile");
    assert!(
        b.get_html("/accounts")
            .await
            .contains(r#"<html lang="en">"#)
    );
}

/// An emailed link's page speaks the email's language whatever the browser's, offers the
/// others, and the client area it leads to speaks the same (issue 36).
#[tokio::test]
async fn an_emailed_link_speaks_the_emails_language_and_offers_the_others() {
    use clientele::db::schema::outbox;
    let app = spawn_app().await;
    let (gid, _) = make_group(&mut app.conn(), "Acme", "owner@acme.test");
    app.login("owner@acme.test", PASSWORD).await;
    let new_page = format!("/groups/{gid}/clients/new");
    let r = app
        .post_form(
            &new_page,
            &format!("/groups/{gid}/clients"),
            &crate::clients::full_form("Globex Brasil", "ana@globex.test"),
        )
        .await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    let body: String = outbox::table
        .filter(outbox::to_address.eq("ana@globex.test"))
        .select(outbox::body_text)
        .first(&mut app.conn())
        .unwrap();
    let start = body.find("http://clientele.test/activate/").unwrap();
    let link = body[start..]
        .split_whitespace()
        .next()
        .unwrap()
        .trim_start_matches("http://clientele.test")
        .to_owned();
    assert!(link.ends_with("?lang=pt-BR"), "{link}");
    let page = link_path(&link).replace("/activate/", "/invitations/");

    // A browser that prefers English: the page in Portuguese, a selector under it.
    let ana = Browser::new(&app);
    let r = ana.get(&link).await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER, "the secret moves out");
    let moved = location(r.headers());
    let html = ana.get_html(&moved).await;
    assert!(html.contains(r#"<html lang="pt-BR">"#), "{html}");
    assert!(html.contains(r#"id="language-form""#));
    assert!(html.contains(r#"<option value="pt-BR" lang="pt-BR" selected>"#));
    assert!(html.contains(&format!(r#"action="{moved}" class="language-form"#)));
    // Spanish picked there: the page in Spanish.
    let html = ana.get_html(&format!("{moved}?choose=es")).await;
    assert!(html.contains(r#"<html lang="es">"#));
    let html = ana.get_html(&format!("{moved}?choose=pt-BR")).await;
    assert!(html.contains(r#"<html lang="pt-BR">"#));

    // Accepted: the client area in Portuguese, the invitation's language.
    let r = ana
        .post_form(
            &moved,
            &format!("{moved}/accept"),
            &[
                ("first_name", "Ana"),
                ("last_name", "Souza"),
                ("password", PASSWORD),
                ("password_confirm", PASSWORD),
            ],
        )
        .await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER, "{page}");
    let area = ana.get_html(&location(r.headers())).await;
    assert!(area.contains(r#"<html lang="pt-BR">"#));
    assert!(
        !area.contains(r#"id="language-form""#),
        "signed in: the profile's language"
    );
}

#[tokio::test]
async fn a_signed_in_pt_br_user_sees_the_client_list_and_field_errors_in_portuguese() {
    let app = spawn_app().await;
    let (gid, _) = make_group(&mut app.conn(), "Acme", "owner@acme.test");
    make_client(&mut app.conn(), gid, "Globex");
    set_language(&app, "owner@acme.test", "pt-BR");
    app.login("owner@acme.test", PASSWORD).await;

    let list = format!("/groups/{gid}/clients");
    let html = app.get_html(&list).await;
    assert!(html.contains(r#"<html lang="pt-BR">"#));
    for words in [
        "Clientes",
        "Adicionar cliente",
        "Exportar CSV",
        "Nome da conta",
        "Em preparação",
        "Todos os vendedores",
        "Página 1 de 1",
        "1–1 de 1",
        "sem proprietário",
    ] {
        assert!(html.contains(words), "{words}");
    }
    assert!(!html.contains(MISSING));
    // The date as Brazilians write it: dd/mm/yyyy.
    let today = chrono::Utc::now().format("%d/%m/%Y").to_string();
    assert!(html.contains(&today), "{today}");

    // A form with mistakes: the errors in Portuguese, beside their fields.
    let r = app
        .post_form(
            &format!("/groups/{gid}/clients/new"),
            &list,
            &[
                ("account_name", ""),
                ("postal_code", "123456789012345678901"),
                ("owner_email", "not-an-email"),
            ],
        )
        .await;
    assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let html = r.text().await.unwrap();
    for words in [
        "Informe o nome da conta.",
        "Use no máximo 20 caracteres.",
        "Informe um endereço de e-mail válido",
        "Corrija os",
        "Nada foi salvo.",
    ] {
        assert!(html.contains(words), "{words}");
    }
    // A flash after a change, and an error page: Portuguese too.
    let r = app
        .post_form(
            &format!("/groups/{gid}/clients/new"),
            &list,
            &[
                ("account_name", "Initech"),
                ("active", "on"),
                ("language", "en"),
                ("address", "Rua A, 1"),
                ("owner_first_name", "Rui"),
                ("owner_last_name", "Reis"),
                ("owner_email", "rui@initech.test"),
            ],
        )
        .await;
    let html = app.get_html(&location(r.headers())).await;
    assert!(html.contains("Cliente Initech criado."), "{html}");
    // Error pages, also those drawn before any handler ran: an unknown path, a form
    // without its CSRF token.
    for path in ["/groups/999999/clients", "/no-such-page"] {
        let r = app.get(path).await;
        assert_eq!(r.status(), StatusCode::NOT_FOUND);
        let html = r.text().await.unwrap();
        assert!(
            html.contains(r#"<html lang="pt-BR">"#) && html.contains("Página não encontrada"),
            "{path}"
        );
    }
    let r = app.post_raw(&list, &[("account_name", "X")]).await;
    assert_eq!(r.status(), StatusCode::FORBIDDEN);
    assert!(r.text().await.unwrap().contains("Formulário expirado"));
    // Signing out: the sign-in page still speaks Portuguese.
    let r = app.logout().await;
    assert_redirect_to(&r, "/login?signed_out=1&lang=pt-BR");
    let html = app.get_html("/login?signed_out=1&lang=pt-BR").await;
    assert!(html.contains("Você saiu da sua conta."));
}

#[tokio::test]
async fn the_first_owner_keeps_the_set_up_pages_language() {
    let app = spawn_app().await;
    app.get_html("/login?lang=es").await;
    let gid = app.setup("Acme", "owner@acme.test").await;
    let html = app.get_html(&format!("/groups/{gid}/clients")).await;
    assert!(html.contains(r#"<html lang="es">"#) && html.contains("Te damos la bienvenida"));
    let lang: String = users::table
        .filter(users::email.eq("owner@acme.test"))
        .select(users::language)
        .first(&mut app.conn())
        .unwrap();
    assert_eq!(lang, "es");
}
