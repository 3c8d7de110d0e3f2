//! The request id (issue 18): `X-Request-Id`, taken from a proxy when it looks like an id,
//! else made here; `middleware::frame` sets it for the task that answers the request, so
//! that the error pages drawn meanwhile can show it.

/// The header that carries a request's id, both ways.
pub const REQUEST_ID_HEADER: &str = "x-request-id";

tokio::task_local! {
    /// The id of the request being answered, for the error pages drawn while it is.
    pub(crate) static REQUEST_ID: String;
}

/// The id of the request this task answers (None outside a request: the command line).
pub fn request_id() -> Option<String> {
    REQUEST_ID.try_with(Clone::clone).ok()
}

/// The id a proxy or client sent, when it looks like one (1–64 of `A-Z a-z 0-9 . _ -`:
/// nothing that could forge a log line or a header); else a new random one (32 hex digits).
pub(crate) fn request_id_of(headers: &actix_web::http::header::HeaderMap) -> String {
    let sent = headers
        .get(REQUEST_ID_HEADER)
        .and_then(|v| v.to_str().ok())
        .filter(|v| {
            (1..=64).contains(&v.len())
                && v.bytes()
                    .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'.' | b'_' | b'-'))
        });
    match sent {
        Some(id) => id.to_owned(),
        None => hex::encode(rand::random::<[u8; 16]>()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use actix_web::http::header::{HeaderMap, HeaderName, HeaderValue};

    fn id_for(sent: Option<&str>) -> String {
        let mut headers = HeaderMap::new();
        if let Some(v) = sent {
            headers.insert(
                HeaderName::from_static(REQUEST_ID_HEADER),
                HeaderValue::from_str(v).unwrap(),
            );
        }
        request_id_of(&headers)
    }

    fn made_here(id: &str) -> bool {
        id.len() == 32 && id.bytes().all(|b| b.is_ascii_hexdigit())
    }

    #[test]
    fn an_id_that_looks_like_one_is_kept_anything_else_is_replaced() {
        assert_eq!(id_for(Some("edge-7f3a.42_b")), "edge-7f3a.42_b");
        assert_eq!(id_for(Some(&"a".repeat(64))), "a".repeat(64));
        for bad in [
            None,
            Some(""),
            Some("two words"),
            Some("a\"b"),
            Some(&*"a".repeat(65)),
        ] {
            assert!(made_here(&id_for(bad)), "{bad:?}");
        }
        assert_ne!(id_for(None), id_for(None));
    }
}
