//! Behind a real reverse proxy (issue 34): Debian's nginx, configured with the recipe the
//! package ships (`packaging/nginx.conf`: its upstream and its `location /` block, only the
//! ports changed, TLS left out), in front of two `clientele serve` on one database. The
//! browsers are hosts of their own on the loopback network (127.0.0.2, 127.0.0.3): the
//! sign-in limit locks out only the address that failed, and each instance records the
//! client's address, never the proxy's. `./test` installs nginx; `packaging/check` checks
//! the recipe whole (`nginx -t`, with its TLS).

use std::net::{IpAddr, Ipv4Addr};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::Duration;

use clientele::db::schema::sign_in_failures;
use diesel::prelude::*;
use reqwest::StatusCode;

use crate::helpers::*;
use crate::smtp_sink::free_port;

/// A process stopped when dropped: SIGQUIT, nginx's graceful stop (a SIGKILLed master
/// leaves its workers behind), which ends an instance too; SIGKILL if it lingers.
struct Running(Child);

impl Drop for Running {
    fn drop(&mut self) {
        let _ = Command::new("kill")
            .args(["-QUIT", &self.0.id().to_string()])
            .status();
        for _ in 0..100 {
            if matches!(self.0.try_wait(), Ok(Some(_))) {
                return;
            }
            std::thread::sleep(Duration::from_millis(20));
        }
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

/// The recipe's block that opens with `opening` (e.g. `location / {`), braces balanced.
fn block_of(recipe: &str, opening: &str) -> String {
    let start = recipe
        .find(opening)
        .unwrap_or_else(|| panic!("packaging/nginx.conf has no `{opening}`"));
    let mut depth = 0;
    for (i, c) in recipe[start..].char_indices() {
        match c {
            '{' => depth += 1,
            '}' => {
                depth -= 1;
                if depth == 0 {
                    return recipe[start..=start + i].to_owned();
                }
            }
            _ => {}
        }
    }
    panic!("`{opening}` is not closed in packaging/nginx.conf")
}

/// nginx with the shipped recipe, listening on 127.0.0.1:`port`, in front of `upstreams`.
fn nginx(dir: &Path, port: u16, upstreams: &[u16]) -> Running {
    let recipe =
        std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("packaging/nginx.conf"))
            .unwrap();
    let mut upstream = block_of(&recipe, "upstream clientele {");
    for (shipped, ours) in [8080, 8081].iter().zip(upstreams) {
        upstream = upstream.replace(
            &format!("127.0.0.1:{shipped}"),
            &format!("127.0.0.1:{ours}"),
        );
    }
    let location = block_of(&recipe, "location / {");
    let d = dir.display();
    // Temporary files where the worker (nobody, when the test runs as root) may write.
    for t in ["body", "proxy", "fastcgi", "uwsgi", "scgi"] {
        let p = dir.join(t);
        std::fs::create_dir_all(&p).unwrap();
        set_mode(&p, 0o777);
    }
    set_mode(dir, 0o755);
    let config = format!(
        "daemon off;\nworker_processes 1;\npid {d}/nginx.pid;\nerror_log {d}/error.log warn;\n\
         events {{ worker_connections 256; }}\n\
         http {{\n  access_log off;\n  client_body_temp_path {d}/body;\n  proxy_temp_path {d}/proxy;\n\
         \x20 fastcgi_temp_path {d}/fastcgi;\n  uwsgi_temp_path {d}/uwsgi;\n  scgi_temp_path {d}/scgi;\n\
         \x20 {upstream}\n  server {{\n    listen 127.0.0.1:{port};\n    server_name _;\n    {location}\n  }}\n}}\n"
    );
    let file = dir.join("nginx.conf");
    std::fs::write(&file, config).unwrap();
    let binary = ["/usr/sbin/nginx", "/usr/bin/nginx"]
        .into_iter()
        .find(|p| Path::new(p).exists())
        .unwrap_or("nginx");
    let child = Command::new(binary)
        .arg("-p")
        .arg(dir)
        .arg("-c")
        .arg(&file)
        .stdout(Stdio::null())
        .stderr(Stdio::inherit())
        .spawn()
        .unwrap_or_else(|e| panic!("nginx runs (./test installs it): {e}"));
    Running(child)
}

fn set_mode(path: &Path, mode: u32) {
    use std::os::unix::fs::PermissionsExt;
    std::fs::set_permissions(path, std::fs::Permissions::from_mode(mode)).unwrap();
}

/// `clientele serve` on `port`, trusting the proxy on this machine; JSON logs into `log`.
fn instance(db_url: &str, port: u16, mail: &Path, log: &Path) -> Running {
    let child = crate::cli::clientele_command(
        db_url,
        &["serve"],
        &[
            ("BIND", format!("127.0.0.1:{port}")),
            ("BASE_URL", "http://console.test".into()),
            ("MAIL_URL", format!("file://{}", mail.display())),
            ("TRUSTED_PROXIES", "127.0.0.1,::1".into()),
            ("LOG_FORMAT", "json".into()),
            ("RUST_LOG", "info,actix_server=warn".into()),
        ],
    )
    .stdout(Stdio::null())
    .stderr(Stdio::from(std::fs::File::create(log).unwrap()))
    .spawn()
    .expect("the binary starts");
    Running(child)
}

/// The access lines an instance logged: (client address, route, status, user id).
fn access_lines(log: &Path) -> Vec<(String, String, u64, Option<i64>)> {
    std::fs::read_to_string(log)
        .unwrap_or_default()
        .lines()
        .filter_map(|l| serde_json::from_str::<serde_json::Value>(l).ok())
        .filter(|v| v.get("latency_ms").is_some())
        .map(|v| {
            (
                v["client"].as_str().unwrap_or("").to_owned(),
                v["route"].as_str().unwrap_or("").to_owned(),
                v["status"].as_u64().unwrap_or(0),
                v["user_id"].as_i64(),
            )
        })
        .collect()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn behind_nginx_only_the_address_that_failed_is_locked_out() {
    let db = TestDb::new();
    let pool = db.pool();
    let (_, owner_id) = make_group(&mut pool.get().unwrap(), "Proxied", "owner@proxied.test");
    let scratch: PathBuf = db.scratch_dir();
    let mail = scratch.join("mail");
    std::fs::create_dir_all(&mail).unwrap();
    let ports = [free_port(), free_port()];
    let logs = [scratch.join("one.log"), scratch.join("two.log")];
    let _one = instance(db.url(), ports[0], &mail, &logs[0]);
    let _two = instance(db.url(), ports[1], &mail, &logs[1]);
    for port in ports {
        wait_healthy(&format!("http://127.0.0.1:{port}")).await;
    }
    let proxy_dir = tempfile::tempdir().unwrap();
    let proxy_port = free_port();
    let _nginx = nginx(proxy_dir.path(), proxy_port, &ports);
    let front = format!("http://127.0.0.1:{proxy_port}");
    wait_healthy(&front).await;

    let host = |last: u8| IpAddr::V4(Ipv4Addr::new(127, 0, 0, last));
    // 31 failed sign-ins from one host, 31 emails, through the proxy (both instances).
    let guesser = Browser::from_host(&front, host(2), None);
    for i in 0..31 {
        let r = guesser
            .login(&format!("guess{i}@proxied.test"), "wrong")
            .await;
        let expected = if i < 30 {
            StatusCode::UNPROCESSABLE_ENTITY
        } else {
            StatusCode::TOO_MANY_REQUESTS
        };
        assert_eq!(r.status(), expected, "attempt {i}");
    }
    // The owner, from another host, signs in with the right password at once…
    let owner = Browser::from_host(&front, host(3), None);
    assert_redirect_to(&owner.login("owner@proxied.test", PASSWORD).await, "/");
    for _ in 0..4 {
        owner.get_html("/profile").await;
    }
    // …and the host that failed stays locked, whatever it writes in X-Forwarded-For
    // (nginx appends the peer it sees; the rightmost untrusted entry is the client).
    let guessed = guesser.login("owner@proxied.test", PASSWORD).await;
    assert_eq!(guessed.status(), StatusCode::TOO_MANY_REQUESTS);
    let spoofer = Browser::from_host(&front, host(2), Some("127.0.0.3"));
    assert_eq!(
        spoofer.login("owner@proxied.test", PASSWORD).await.status(),
        StatusCode::TOO_MANY_REQUESTS
    );

    let failures = |ip: &str| -> i64 {
        sign_in_failures::table
            .filter(sign_in_failures::ip.eq(ip))
            .count()
            .get_result(&mut pool.get().unwrap())
            .unwrap()
    };
    assert_eq!(failures("127.0.0.2"), 30);
    assert_eq!(failures("127.0.0.1"), 0, "never the proxy's address");
    assert_eq!(failures("127.0.0.3"), 0);

    // Both instances answered through the proxy, and each logged the client's address.
    let mut seen = Vec::new();
    for log in &logs {
        let lines = access_lines(log);
        let sign_ins: Vec<_> = lines.iter().filter(|l| l.1 == "/login").collect();
        assert!(
            !sign_ins.is_empty(),
            "{} answered no sign-in",
            log.display()
        );
        assert!(
            sign_ins
                .iter()
                .all(|(client, ..)| client == "127.0.0.2" || client == "127.0.0.3"),
            "{sign_ins:?}"
        );
        seen.extend(lines);
    }
    assert!(seen.iter().any(|l| l.0 == "127.0.0.2" && l.2 == 429));
    assert!(seen.iter().any(|l| l.0 == "127.0.0.3" && l.2 == 303));
    // The access line names who was signed in, and nobody for a signed-out request.
    let profile: Vec<_> = seen.iter().filter(|l| l.1 == "/profile").collect();
    assert_eq!(profile.len(), 4);
    assert!(
        profile
            .iter()
            .all(|l| l.0 == "127.0.0.3" && l.3 == Some(owner_id))
    );
    assert!(
        seen.iter()
            .filter(|l| l.0 == "127.0.0.2")
            .all(|l| l.3.is_none())
    );
}
