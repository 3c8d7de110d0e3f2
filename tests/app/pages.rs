//! Error pages, the stylesheet and bad requests.

use reqwest::StatusCode;

use crate::helpers::*;

#[tokio::test]
async fn error_pages_are_html_pages() {
    let app = spawn_app().await;
    let r = app.get("/nowhere").await;
    assert_eq!(r.status(), StatusCode::NOT_FOUND);
    assert!(
        r.headers()["content-type"]
            .to_str()
            .unwrap()
            .starts_with("text/html")
    );
    let html = r.text().await.unwrap();
    assert!(html.contains("Page not found") && html.contains("<!doctype html>"));

    // A known address with the wrong method: 405, still a page.
    let r = app.get("/logout").await;
    assert_eq!(r.status(), StatusCode::METHOD_NOT_ALLOWED);
    assert!(r.text().await.unwrap().contains("Not allowed here"));

    // A form of the wrong kind is a 400 page, not a crash.
    let html = app.get_html("/login").await;
    let token = csrf_token(&html);
    let r = app
        .client
        .post(app.url("/login"))
        .header("content-type", "text/plain")
        .body(format!("csrf_token={token}&email=a"))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::BAD_REQUEST);
    assert!(r.text().await.unwrap().contains("Bad request"));
}

#[tokio::test]
async fn the_stylesheet_is_served_and_linked() {
    let app = spawn_app().await;
    let html = app.get_html("/login").await;
    let href = clientele::web::assets::css_href();
    assert!(html.contains(href));
    let r = app.get(href).await;
    assert_eq!(r.status(), StatusCode::OK);
    assert!(
        r.headers()["content-type"]
            .to_str()
            .unwrap()
            .starts_with("text/css")
    );
    assert!(r.text().await.unwrap().contains(".data-table"));
}
