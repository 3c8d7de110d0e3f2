//! The stylesheet, built into the binary (one file to deploy), with a content hash in its
//! URL so browsers may cache it for long.

use std::sync::OnceLock;

use actix_web::HttpResponse;
use actix_web::http::header;
use sha2::{Digest, Sha256};

pub const CSS_PATH: &str = "/static/app.css";
const CSS: &str = include_str!("../../static/app.css");

/// `/static/app.css?v=<hash of the content>`.
pub fn css_href() -> &'static str {
    static HREF: OnceLock<String> = OnceLock::new();
    HREF.get_or_init(|| {
        format!(
            "{CSS_PATH}?v={}",
            &hex::encode(Sha256::digest(CSS.as_bytes()))[..12]
        )
    })
}

pub async fn css() -> HttpResponse {
    HttpResponse::Ok()
        .content_type("text/css; charset=utf-8")
        .insert_header((header::CACHE_CONTROL, "public, max-age=31536000, immutable"))
        .body(CSS)
}
