//! What handlers read from the request beside its form: a safe redirect target, the
//! client's address (behind trusted proxies too); and URL-encoding for the links they
//! build.

use actix_web::HttpRequest;

/// The only way a target taken from the request (`next=`) becomes a redirect: it must be a
/// path of this site. One leading `/` (never `//` or `/\`, which browsers read as another
/// host), printable ASCII only, and — after percent-decoding, repeatedly — still no control
/// character, whitespace or backslash anywhere. Anything else gives None: the caller falls
/// back to the landing page.
pub fn safe_next(next: Option<&str>) -> Option<String> {
    const MAX_LEN: usize = 2048;
    let raw = next?;
    let printable = |s: &str| s.chars().all(|c| c.is_ascii_graphic() && c != '\\');
    let shape_ok = |s: &str| s.starts_with('/') && !s.starts_with("//");
    if raw.len() > MAX_LEN || !printable(raw) || !shape_ok(raw) {
        return None;
    }
    // `%2F%09%2F…` must not become `/\t/…` in a browser, nor `%252F` after a second pass.
    let mut decoded = raw.to_owned();
    for _ in 0..3 {
        let once = percent_encoding::percent_decode_str(&decoded)
            .decode_utf8_lossy()
            .into_owned();
        if once
            .chars()
            .any(|c| c.is_control() || c.is_whitespace() || c == '\\')
            || !shape_ok(&once)
        {
            return None;
        }
        if once == decoded {
            break;
        }
        decoded = once;
    }
    Some(raw.to_owned())
}

pub fn urlencode(s: &str) -> String {
    url::form_urlencoded::byte_serialize(s.as_bytes()).collect()
}

/// The client's address: the TCP peer's, or, from a trusted proxy (`TRUSTED_PROXIES`),
/// the one its header names (`client_address` has the rule). What the sign-in limits count,
/// the audit records and the access log writes.
pub fn peer_ip(req: &HttpRequest) -> Option<String> {
    let peer = req.peer_addr()?.ip();
    let Some(state) = req.app_data::<actix_web::web::Data<crate::web::state::AppState>>() else {
        return Some(peer.to_canonical().to_string());
    };
    let (trusted, header) = (&state.config.trusted_proxies, state.config.proxy_header);
    if trusted.is_empty() {
        return Some(peer.to_canonical().to_string());
    }
    // Read lossily: bytes a client put on the left of a line do not hide what the proxy
    // appended on its right.
    let lines: Vec<String> = req
        .headers()
        .get_all(header.name())
        .map(|v| String::from_utf8_lossy(v.as_bytes()).into_owned())
        .collect();
    let values: Vec<&str> = lines.iter().map(String::as_str).collect();
    Some(crate::client_address::client_address(peer, &values, header, trusted).to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn next_must_stay_on_this_site() {
        for good in [
            "/",
            "/groups/1/clients?q=a",
            "/groups/1/clients?sort=name&dir=desc&q=caf%C3%A9",
            "/portal/7",
        ] {
            assert_eq!(safe_next(Some(good)).as_deref(), Some(good), "{good}");
        }
        let long = format!("/{}", "a".repeat(3000));
        // Each of these, once decoded by serde from the query string, arrives as written.
        for hostile in [
            "",
            "//evil.example",
            "/\\evil.example",
            "\\/evil.example",
            "/\t/evil.example",
            "/\n/evil.example",
            "/\r\n/evil.example",
            "/\x0b/evil.example",
            "/\x0c/evil.example",
            "/\0/evil.example",
            "/\x7f/evil.example",
            "/\u{85}/evil.example",
            " /evil",
            "/ /evil.example",
            "/x\r\nSet-Cookie: a",
            "/%09/evil.example",
            "/%2F/evil.example",
            "/%2f%2fevil.example",
            "/%5C/evil.example",
            "/%5c%5cevil.example",
            "/%252F/evil.example",
            "/%25252F%25252Fevil.example",
            "/%00",
            "/%0d%0aSet-Cookie:%20x=1",
            "/%E2%80%A8",
            "/caf\u{e9}",
            "https://evil.example",
            "http:/evil.example",
            "javascript:alert(1)",
            "evil.example",
            "./x",
            &long,
        ] {
            assert_eq!(safe_next(Some(hostile)), None, "{hostile:?}");
        }
        assert_eq!(safe_next(None), None);
    }
}
