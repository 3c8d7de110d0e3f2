//! `clientele healthcheck`: asks a running `serve` for `GET /healthz` and exits 0 when it
//! answers 200, 1 otherwise (refused, timed out, 503 with the database away). For container
//! health checks and service managers on images without curl (issue 34).
//!
//! The address is `BIND`'s, as `serve` reads it, with a wildcard host (`0.0.0.0`, `[::]`)
//! asked on its loopback; `--url http://HOST:PORT/PATH` names another one. Plain HTTP only:
//! the check runs beside the instance, inside the proxy's TLS.

use std::io::{Read, Write};
use std::net::{SocketAddr, TcpStream, ToSocketAddrs};
use std::time::Duration;

/// How long the whole check may take (connect, then the answer).
pub const TIMEOUT: Duration = Duration::from_secs(5);

/// Where to ask: an address to connect to and the request's host and path.
#[derive(Debug, PartialEq, Eq)]
pub struct Target {
    pub host: String,
    pub port: u16,
    pub path: String,
}

impl Target {
    /// The instance `BIND` names (HOST:PORT), its `/healthz`; wildcards asked on loopback.
    pub fn of_bind(bind: &str) -> Result<Target, String> {
        let bind = bind.trim();
        let (host, port) = bind
            .rsplit_once(':')
            .ok_or_else(|| format!("BIND: {bind:?} is not HOST:PORT"))?;
        let port: u16 = port
            .parse()
            .map_err(|_| format!("BIND: {bind:?} is not HOST:PORT"))?;
        let host = match host {
            "0.0.0.0" | "" => "127.0.0.1",
            "[::]" | "::" => "[::1]",
            other => other,
        };
        Ok(Target {
            host: host.to_owned(),
            port,
            path: "/healthz".to_owned(),
        })
    }

    /// `--url http://HOST[:PORT][/PATH]` (PATH defaults to `/healthz`).
    pub fn of_url(raw: &str) -> Result<Target, String> {
        let url = url::Url::parse(raw.trim()).map_err(|e| format!("--url: {raw:?}: {e}"))?;
        if url.scheme() != "http" {
            return Err(format!(
                "--url: {raw:?}: only http:// (ask the instance itself, not through TLS)"
            ));
        }
        let host = match url.host() {
            Some(url::Host::Ipv6(a)) => format!("[{a}]"),
            Some(h) => h.to_string(),
            None => return Err(format!("--url: {raw:?} names no host")),
        };
        let path = match url.path() {
            "" | "/" => "/healthz".to_owned(),
            p => match url.query() {
                Some(q) => format!("{p}?{q}"),
                None => p.to_owned(),
            },
        };
        Ok(Target {
            host,
            port: url.port().unwrap_or(80),
            path,
        })
    }

    fn addresses(&self) -> Result<Vec<SocketAddr>, String> {
        let bare = self.host.trim_start_matches('[').trim_end_matches(']');
        (bare, self.port)
            .to_socket_addrs()
            .map(|a| a.collect())
            .map_err(|e| format!("{}: {e}", self.host))
    }
}

/// Asks `target` once: `Ok(())` on a 200, else what was wrong, in one line.
pub fn probe(target: &Target, timeout: Duration) -> Result<(), String> {
    let started = std::time::Instant::now();
    let left = || {
        timeout
            .saturating_sub(started.elapsed())
            .max(Duration::from_millis(1))
    };
    let mut last = format!("{}:{}: no address", target.host, target.port);
    let mut stream = None;
    for address in target.addresses()? {
        match TcpStream::connect_timeout(&address, left()) {
            Ok(s) => {
                stream = Some(s);
                break;
            }
            Err(e) => last = format!("{address}: {e}"),
        }
    }
    let mut stream = stream.ok_or(last)?;
    stream
        .set_write_timeout(Some(left()))
        .map_err(|e| e.to_string())?;
    let request = format!(
        "GET {} HTTP/1.1\r\nHost: {}:{}\r\nUser-Agent: clientele-healthcheck\r\nConnection: close\r\n\r\n",
        target.path, target.host, target.port
    );
    stream
        .write_all(request.as_bytes())
        .map_err(|e| format!("sending the request: {e}"))?;
    // Read until the status line is in (a 200 needs no more), or, for another status, to
    // the end (the server closes: `Connection: close`) for the body's first line; never
    // more than 4 KiB, never past the deadline (each read bounded by what is left of it,
    // however slowly the bytes come).
    let mut answer = Vec::with_capacity(512);
    let mut chunk = [0u8; 512];
    loop {
        if started.elapsed() >= timeout {
            break;
        }
        stream
            .set_read_timeout(Some(left()))
            .map_err(|e| e.to_string())?;
        match stream.read(&mut chunk) {
            Ok(0) => break,
            Ok(n) => answer.extend_from_slice(&chunk[..n]),
            Err(e) if answer.is_empty() => return Err(format!("reading the answer: {e}")),
            Err(_) => break,
        }
        let text = String::from_utf8_lossy(&answer);
        match status_of(&text) {
            Some(200) if text.contains("\r\n") => return Ok(()),
            _ if answer.len() >= 4096 => break,
            _ => {}
        }
    }
    let text = String::from_utf8_lossy(&answer);
    let status = match status_of(&text) {
        Some(status) if text.contains("\r\n") => status,
        _ if started.elapsed() >= timeout => return Err(format!("no answer within {timeout:?}")),
        _ => return Err("the answer is not HTTP".to_owned()),
    };
    if status == 200 {
        return Ok(());
    }
    let body = text
        .split_once("\r\n\r\n")
        .map(|(_, b)| b.trim())
        .unwrap_or("");
    // What a server sent is printed: no control characters (a terminal's escapes).
    let body: String = body
        .lines()
        .next()
        .unwrap_or("")
        .chars()
        .filter(|c| !c.is_control())
        .take(120)
        .collect();
    Err(format!("{status} {body}").trim().to_owned())
}

/// The status code of an HTTP/1.x answer's first line.
fn status_of(answer: &str) -> Option<u16> {
    let line = answer.lines().next()?;
    let mut words = line.split_whitespace();
    if !words.next()?.starts_with("HTTP/1.") {
        return None;
    }
    words.next()?.parse().ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_address_comes_from_bind_or_url() {
        let t = |host: &str, port: u16, path: &str| Target {
            host: host.into(),
            port,
            path: path.into(),
        };
        let table: &[(&str, Result<Target, ()>)] = &[
            ("127.0.0.1:8080", Ok(t("127.0.0.1", 8080, "/healthz"))),
            ("0.0.0.0:80", Ok(t("127.0.0.1", 80, "/healthz"))),
            ("[::]:8080", Ok(t("[::1]", 8080, "/healthz"))),
            ("[::1]:9000", Ok(t("[::1]", 9000, "/healthz"))),
            ("localhost:3000", Ok(t("localhost", 3000, "/healthz"))),
            ("nowhere", Err(())),
            ("host:port", Err(())),
        ];
        for (bind, want) in table {
            assert_eq!(Target::of_bind(bind).map_err(|_| ()), *want, "{bind}");
        }
        let urls: &[(&str, Result<Target, ()>)] = &[
            ("http://10.0.0.5:8081/", Ok(t("10.0.0.5", 8081, "/healthz"))),
            ("http://app/healthz", Ok(t("app", 80, "/healthz"))),
            ("http://[::1]:8080/up?x=1", Ok(t("[::1]", 8080, "/up?x=1"))),
            ("https://app/healthz", Err(())),
            ("app:8080", Err(())),
        ];
        for (url, want) in urls {
            assert_eq!(Target::of_url(url).map_err(|_| ()), *want, "{url}");
        }
    }

    #[test]
    fn only_an_http_200_is_healthy() {
        assert_eq!(status_of("HTTP/1.1 200 OK\r\n\r\nok"), Some(200));
        assert_eq!(status_of("HTTP/1.0 503 Service Unavailable\r\n"), Some(503));
        assert_eq!(status_of("SSH-2.0-OpenSSH_9.2\r\n"), None);
        assert_eq!(status_of(""), None);
    }
}
