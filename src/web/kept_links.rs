//! Single-use links out of the address bar (issue 34), as Django's password reset does it.
//!
//! The emailed links (`/password/reset/{token}`, `/invitations/{token}`,
//! `/activate/{token}`, `/email-change/{token}`) carry a 256-bit secret. Opening one moves
//! the secret into this browser and answers 303 to the same page with a **reference** in
//! its place (16 hex characters of the secret's SHA-256: it opens nothing), so the secret
//! is not left in the history, in a bookmark or in a screenshot of the address bar, and
//! not sent onward. The page's forms post to the reference; the handlers find the secret
//! it stands for. A reference this browser does not hold (another browser, a cookie
//! cleared, a day later) gets the link's "not valid" page: open the emailed link again.
//!
//! Decided where the issue was silent: the secret is kept in a cookie of its own,
//! encrypted and authenticated (AES-GCM, a key derived from `SESSION_KEY`), not in the
//! session row: the `sessions` table is in the database, where tokens are kept only as
//! hashes. (The outbox still keeps each email's body, links included, after sending: a
//! known gap left to its own change.) The time it was kept is inside the encrypted
//! value, so a copied cookie does not outlive [`LIFETIME`] either. The cookie keeps the last
//! [`KEPT`] links a browser opened (two invitations in two tabs both work), for
//! [`LIFETIME`], `HttpOnly`, `SameSite=Lax` (the first GET comes from a mail client, a
//! cross-site navigation), `Secure` under https. A secret given in the path as it is (an
//! old page, a script) still works: only the GET moves it. Whether a link is valid is
//! still the database's answer, never the cookie's.

use actix_web::cookie::time::Duration;
use actix_web::cookie::{Cookie, CookieJar, Key, SameSite};
use actix_web::http::header;
use actix_web::{HttpRequest, HttpResponse};

use crate::auth::tokens::hash_token;

/// The cookie's name.
pub const COOKIE: &str = "clientele_links";
/// How many opened links a browser keeps (the oldest goes).
pub const KEPT: usize = 4;
/// How long a kept link lasts in the browser (the link's own expiry is the database's).
pub const LIFETIME: Duration = Duration::hours(24);

/// Whether a path segment is a link's secret as emailed (64 lower-case hex characters).
pub fn is_secret(segment: &str) -> bool {
    segment.len() == 64
        && segment
            .bytes()
            .all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b))
}

/// What the address bar shows in place of `secret`.
pub fn reference(secret: &str) -> String {
    hash_token(secret)[..16].to_owned()
}

/// Keeps the links a browser opened, in its encrypted cookie.
pub struct LinkKeeper {
    key: Key,
    secure: bool,
}

impl LinkKeeper {
    /// A keeper whose key is derived from `master` (the session key's), for a console
    /// served over https (`secure`) or not.
    pub fn new(master: &[u8], secure: bool) -> LinkKeeper {
        use hmac::Mac;
        let mut mac = hmac::Hmac::<sha2::Sha256>::new_from_slice(master)
            .expect("HMAC takes a key of any length");
        mac.update(b"clientele kept links v1");
        let derived: [u8; 32] = mac.finalize().into_bytes().into();
        LinkKeeper {
            key: Key::derive_from(&derived),
            secure,
        }
    }

    /// `GET …/{segment}` of a live link, with its secret: keeps it and answers 303 to
    /// `page(reference)`; `None` when the segment is not a secret (a reference). A dead
    /// link's page is shown where it is: its secret opens nothing any more.
    pub fn keep(
        &self,
        req: &HttpRequest,
        segment: &str,
        page: impl FnOnce(&str) -> String,
    ) -> Option<HttpResponse> {
        self.keep_at(req, segment, page, now())
    }

    fn keep_at(
        &self,
        req: &HttpRequest,
        segment: &str,
        page: impl FnOnce(&str) -> String,
        now: i64,
    ) -> Option<HttpResponse> {
        if !is_secret(segment) {
            return None;
        }
        let reference = reference(segment);
        let mut kept = self.kept(req, now);
        kept.retain(|k| k.reference != reference);
        kept.insert(
            0,
            Kept {
                reference: reference.clone(),
                secret: segment.to_owned(),
                at: now,
            },
        );
        kept.truncate(KEPT);
        let value = kept
            .iter()
            .map(|k| format!("{}:{}:{}", k.reference, k.secret, k.at))
            .collect::<Vec<_>>()
            .join(",");
        let mut jar = CookieJar::new();
        jar.private_mut(&self.key).add(
            Cookie::build(COOKIE, value)
                .path("/")
                .http_only(true)
                .secure(self.secure)
                .same_site(SameSite::Lax)
                .max_age(LIFETIME)
                .finish(),
        );
        let mut answer = HttpResponse::SeeOther();
        answer
            .insert_header((header::LOCATION, page(&reference)))
            .insert_header((header::CACHE_CONTROL, "no-store"));
        for cookie in jar.delta() {
            answer.cookie(cookie.clone());
        }
        Some(answer.finish())
    }

    /// The secret a path segment stands for: the segment itself when it is one, else the
    /// secret this browser kept under that reference.
    pub fn secret(&self, req: &HttpRequest, segment: &str) -> Option<String> {
        self.secret_at(req, segment, now())
    }

    fn secret_at(&self, req: &HttpRequest, segment: &str, now: i64) -> Option<String> {
        if is_secret(segment) {
            return Some(segment.to_owned());
        }
        self.kept(req, now)
            .into_iter()
            .find(|k| k.reference == segment)
            .map(|k| k.secret)
    }

    /// What this browser's cookie holds, newest first, kept less than [`LIFETIME`] ago (the
    /// time is inside the encrypted value: a copied cookie does not outlive it); nothing
    /// when it is absent, forged, or was made with another key.
    fn kept(&self, req: &HttpRequest, now: i64) -> Vec<Kept> {
        let Some(cookie) = req.cookie(COOKIE) else {
            return Vec::new();
        };
        let mut jar = CookieJar::new();
        jar.add_original(cookie);
        let Some(open) = jar.private(&self.key).get(COOKIE) else {
            return Vec::new();
        };
        open.value()
            .split(',')
            .filter_map(|entry| {
                let mut parts = entry.split(':');
                let (r, s, at) = (parts.next()?, parts.next()?, parts.next()?.parse().ok()?);
                Some(Kept {
                    reference: r.to_owned(),
                    secret: s.to_owned(),
                    at,
                })
            })
            // Only well-formed entries, whose reference is the secret's own, still fresh.
            .filter(|k| is_secret(&k.secret) && reference(&k.secret) == k.reference)
            .filter(|k| (0..=LIFETIME.whole_seconds()).contains(&(now - k.at)))
            .take(KEPT)
            .collect()
    }
}

/// One link a browser opened: its reference, its secret, when it was kept (Unix seconds).
struct Kept {
    reference: String,
    secret: String,
    at: i64,
}

fn now() -> i64 {
    chrono::Utc::now().timestamp()
}

impl std::fmt::Debug for LinkKeeper {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("LinkKeeper(***)")
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use actix_web::test::TestRequest;

    fn secret(n: u8) -> String {
        format!("{n:02x}").repeat(32)
    }

    /// The browser coming back with the cookie the last answer set.
    fn coming_back(answer: &HttpResponse) -> HttpRequest {
        let cookie = answer.cookies().find(|c| c.name() == COOKIE).unwrap();
        TestRequest::default()
            .cookie(cookie.into_owned())
            .to_http_request()
    }

    #[test]
    fn a_secret_moves_into_the_browser_and_its_reference_into_the_address() {
        let keeper = LinkKeeper::new(b"the session key of this test", false);
        let first = TestRequest::default().to_http_request();
        let s = secret(1);
        let answer = keeper
            .keep(&first, &s, |r| format!("/password/reset/{r}"))
            .unwrap();
        assert_eq!(answer.status(), 303);
        let location = answer
            .headers()
            .get(header::LOCATION)
            .unwrap()
            .to_str()
            .unwrap();
        assert_eq!(location, format!("/password/reset/{}", reference(&s)));
        assert!(!location.contains(&s));
        let cookie = answer.cookies().find(|c| c.name() == COOKIE).unwrap();
        assert!(!cookie.value().contains(&s), "encrypted");
        assert_eq!(cookie.http_only(), Some(true));
        assert_eq!(cookie.same_site(), Some(SameSite::Lax));

        let back = coming_back(&answer);
        assert_eq!(keeper.secret(&back, &reference(&s)), Some(s.clone()));
        // Not a secret: nothing to move; a reference it does not hold: nothing.
        assert!(
            keeper
                .keep(&back, &reference(&s), |r| r.to_owned())
                .is_none()
        );
        assert_eq!(keeper.secret(&back, &reference(&secret(2))), None);
        assert_eq!(
            keeper.secret(&first, &reference(&s)),
            None,
            "another browser"
        );
        // A secret in the path as it is still stands for itself.
        assert_eq!(keeper.secret(&first, &secret(3)), Some(secret(3)));
        // Another key (another installation, a changed SESSION_KEY) reads nothing.
        let other = LinkKeeper::new(b"another session key", false);
        assert_eq!(other.secret(&back, &reference(&s)), None);
    }

    #[test]
    fn a_kept_link_lasts_a_day_whatever_the_browser_does_with_the_cookie() {
        let keeper = LinkKeeper::new(b"k", false);
        let t = 1_800_000_000;
        let req = TestRequest::default().to_http_request();
        let back = coming_back(
            &keeper
                .keep_at(&req, &secret(5), |r| r.to_owned(), t)
                .unwrap(),
        );
        let r = reference(&secret(5));
        let day = LIFETIME.whole_seconds();
        assert_eq!(keeper.secret_at(&back, &r, t + day), Some(secret(5)));
        assert_eq!(keeper.secret_at(&back, &r, t + day + 1), None, "a day old");
        assert_eq!(keeper.secret_at(&back, &r, t - 60), None, "from the future");
    }

    #[test]
    fn a_browser_keeps_the_last_few_links() {
        let keeper = LinkKeeper::new(b"k", true);
        let mut req = TestRequest::default().to_http_request();
        for n in 1..=(KEPT as u8 + 1) {
            let answer = keeper.keep(&req, &secret(n), |r| r.to_owned()).unwrap();
            assert!(answer.cookies().all(|c| c.secure() == Some(true)));
            req = coming_back(&answer);
        }
        assert_eq!(
            keeper.secret(&req, &reference(&secret(1))),
            None,
            "the oldest went"
        );
        for n in 2..=(KEPT as u8 + 1) {
            assert_eq!(keeper.secret(&req, &reference(&secret(n))), Some(secret(n)));
        }
    }

    #[test]
    fn only_secrets_are_moved() {
        for (segment, moved) in [
            (secret(0xab), true),
            (secret(0xab).to_uppercase(), false),
            ("not-a-token".to_owned(), false),
            ("0123456789abcdef".to_owned(), false),
            (format!("{}0", secret(0xab)), false),
            (format!("{}g", &secret(0xab)[1..]), false),
        ] {
            assert_eq!(is_secret(&segment), moved, "{segment}");
        }
    }
}
