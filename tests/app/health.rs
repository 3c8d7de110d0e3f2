//! `/healthz`: 200 when the database answers, 503 when it does not in time.

use reqwest::StatusCode;

use crate::helpers::*;

#[tokio::test]
async fn healthz_is_ok_while_the_database_answers_and_503_when_it_does_not() {
    let app = spawn_app_with(|c| c.db_timeout = std::time::Duration::from_millis(500)).await;
    let r = app.get("/healthz").await;
    assert_eq!(r.status(), StatusCode::OK);
    assert_eq!(r.text().await.unwrap(), "ok");

    // Every connection of the app taken: the database "does not answer" within the timeout.
    let held: Vec<_> = (0..4).map(|_| app.app_pool.get().unwrap()).collect();
    let r = app.get("/healthz").await;
    assert_eq!(r.status(), StatusCode::SERVICE_UNAVAILABLE);
    // Pages say so too, with the 503 page.
    let r = app.get("/setup").await;
    assert_eq!(r.status(), StatusCode::SERVICE_UNAVAILABLE);
    assert!(r.text().await.unwrap().contains("Temporarily unavailable"));
    drop(held);
    assert_eq!(app.get("/healthz").await.status(), StatusCode::OK);
}
