//! What `GET /metrics` tells Prometheus (issue 18), with the official `prometheus-client`
//! crate: one registry per running application (tests run several in one process; no
//! global recorder), written as OpenMetrics 1.0 for a scrape that asks for it (Prometheus
//! does, by its `Accept` header) and as the Prometheus text format 0.0.4 otherwise
//! ([`Format`]): `promtool check metrics` reads the 0.0.4 text clean, the OpenMetrics
//! reference parser the OpenMetrics (`tests/app/ops.rs`).
//!
//! Families (all prefixed `clientele_`):
//! - `http_requests_total{method,route,status}` and `http_request_duration_seconds{method,route}`:
//!   the route *pattern* (`/groups/{gid}/clients/{cid}`), never the path's values, so ids and
//!   tokens stay out and the series stay few; paths no route knows are `(unmatched)`.
//! - `db_pool_connections{state="in_use"|"idle"}`, `db_pool_max_connections`,
//!   `db_pool_wait_seconds` (how long each checkout waited) and `db_pool_timeouts_total`
//!   (checkouts that gave up: the 503s).
//! - `outbox_depth` (emails waiting to be sent) and `outbox_oldest_due_seconds` (how long the
//!   longest-waiting due email has been due; 0 when none is), read from the database as the
//!   scrape comes, so every instance reports the shared outbox.
//! - `database_up`: whether the scrape could read the database (a scrape answers when it
//!   cannot: the request and pool figures matter most then).
//! - `job_runs_total{task}` and `job_failures_total{task}`: this instance's scheduler, by the
//!   job's short id (`sessions`, `invitations`…). Not `job`: Prometheus puts its own `job`
//!   label on every series it scrapes.
//! - `sign_in_failures_total` (wrong password or code) and `sign_in_throttled_total`
//!   (refused unheard, too many failures).
//!
//! - `build_info{version}` (1) and the process's own, as every exporter has them:
//!   `process_resident_memory_bytes`, `process_cpu_seconds_total`, `process_open_fds`,
//!   `process_start_time_seconds` (read from `/proc/self` at each scrape; Linux).
//!
//! Counters count since this instance started, as Prometheus expects (`rate()` copes with
//! restarts).

use std::time::Duration;

use prometheus_client::encoding::EncodeLabelSet;
use prometheus_client::metrics::counter::Counter;
use prometheus_client::metrics::family::Family;
use prometheus_client::metrics::gauge::Gauge;
use prometheus_client::metrics::histogram::{Histogram, exponential_buckets};
use prometheus_client::registry::Registry;

#[derive(Clone, Debug, Hash, PartialEq, Eq, EncodeLabelSet)]
pub struct RequestLabels {
    pub method: String,
    pub route: String,
    pub status: u16,
}

#[derive(Clone, Debug, Hash, PartialEq, Eq, EncodeLabelSet)]
pub struct RouteLabels {
    pub method: String,
    pub route: String,
}

#[derive(Clone, Debug, Hash, PartialEq, Eq, EncodeLabelSet)]
pub struct JobLabels {
    pub task: String,
}

/// How a scrape wants the metrics written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// OpenMetrics 1.0 (`application/openmetrics-text`).
    OpenMetrics,
    /// The Prometheus text format 0.0.4 (`text/plain; version=0.0.4`).
    Text004,
}

impl Format {
    /// What a scrape's `Accept` header asks for: OpenMetrics when it names it, else 0.0.4.
    pub fn from_accept(accept: Option<&str>) -> Format {
        match accept {
            Some(a) if a.contains("application/openmetrics-text") => Format::OpenMetrics,
            _ => Format::Text004,
        }
    }

    pub fn content_type(self) -> &'static str {
        match self {
            Format::OpenMetrics => "application/openmetrics-text; version=1.0.0; charset=utf-8",
            Format::Text004 => "text/plain; version=0.0.4; charset=utf-8",
        }
    }
}

#[derive(Clone, Debug, Hash, PartialEq, Eq, EncodeLabelSet)]
pub struct StateLabels {
    pub state: &'static str,
}

/// From 1 ms to about 16 s, doubling: pages answer in milliseconds, a slow one under load
/// in hundreds.
fn latency_histogram() -> Histogram {
    Histogram::new(exponential_buckets(0.001, 2.0, 15))
}

/// From 0.1 ms doubling to about 3 s (the pool's timeout is a few seconds).
fn wait_histogram() -> Histogram {
    Histogram::new(exponential_buckets(0.0001, 2.0, 15))
}

/// The application's metrics and the registry that writes them.
pub struct Metrics {
    registry: Registry,
    requests: Family<RequestLabels, Counter>,
    latency: Family<RouteLabels, Histogram, fn() -> Histogram>,
    pool_connections: Family<StateLabels, Gauge>,
    pool_max: Gauge,
    pool_wait: Histogram,
    pool_timeouts: Counter,
    outbox_depth: Gauge,
    outbox_oldest_due: Gauge,
    database_up: Gauge,
    job_runs: Family<JobLabels, Counter>,
    job_failures: Family<JobLabels, Counter>,
    sign_in_failures: Counter,
    sign_in_throttled: Counter,
}

impl std::fmt::Debug for Metrics {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Metrics")
    }
}

impl Default for Metrics {
    fn default() -> Self {
        Self::new()
    }
}

impl Metrics {
    pub fn new() -> Metrics {
        let mut registry = Registry::with_prefix("clientele");
        let m = Metrics {
            requests: Family::default(),
            latency: Family::new_with_constructor(latency_histogram as fn() -> Histogram),
            pool_connections: Family::default(),
            pool_max: Gauge::default(),
            pool_wait: wait_histogram(),
            pool_timeouts: Counter::default(),
            outbox_depth: Gauge::default(),
            outbox_oldest_due: Gauge::default(),
            database_up: Gauge::default(),
            job_runs: Family::default(),
            job_failures: Family::default(),
            sign_in_failures: Counter::default(),
            sign_in_throttled: Counter::default(),
            registry: Registry::default(),
        };
        registry.register(
            "http_requests",
            "HTTP requests answered, by method, route pattern and status",
            m.requests.clone(),
        );
        registry.register(
            "http_request_duration_seconds",
            "Time to answer, by method and route pattern",
            m.latency.clone(),
        );
        registry.register(
            "db_pool_connections",
            "Database connections of this instance's pool, in use or idle",
            m.pool_connections.clone(),
        );
        registry.register(
            "db_pool_max_connections",
            "The pool's largest number of connections",
            m.pool_max.clone(),
        );
        registry.register(
            "db_pool_wait_seconds",
            "How long each database connection checkout waited",
            m.pool_wait.clone(),
        );
        registry.register(
            "db_pool_timeouts",
            "Checkouts that waited the whole timeout and were answered 503",
            m.pool_timeouts.clone(),
        );
        registry.register(
            "outbox_depth",
            "Emails waiting to be sent (not sent, not given up)",
            m.outbox_depth.clone(),
        );
        registry.register(
            "outbox_oldest_due_seconds",
            "How long the longest-waiting due email has been due (0: none is due)",
            m.outbox_oldest_due.clone(),
        );
        registry.register(
            "database_up",
            "1 when this scrape could read the database (the outbox figures are then current), 0 when not",
            m.database_up.clone(),
        );
        registry.register(
            "job_runs",
            "Scheduled job runs of this instance, by job",
            m.job_runs.clone(),
        );
        registry.register(
            "job_failures",
            "Scheduled job runs that failed, by job",
            m.job_failures.clone(),
        );
        registry.register(
            "sign_in_failures",
            "Sign-ins refused for a wrong password or code",
            m.sign_in_failures.clone(),
        );
        registry.register(
            "sign_in_throttled",
            "Sign-ins refused unheard after too many failures",
            m.sign_in_throttled.clone(),
        );
        registry.register(
            "build",
            "The version of Clientele this instance runs",
            prometheus_client::metrics::info::Info::new(vec![(
                "version".to_owned(),
                env!("CARGO_PKG_VERSION").to_owned(),
            )]),
        );
        Metrics { registry, ..m }
    }

    /// One answered request. Methods outside HTTP's usual ones count as `other`: a client
    /// may send any token as a method, and each would otherwise be a series of its own.
    pub fn request(&self, method: &str, route: &str, status: u16, took: Duration) {
        let method = match method {
            "GET" | "HEAD" | "POST" | "PUT" | "PATCH" | "DELETE" | "OPTIONS" => method,
            _ => "other",
        };
        self.requests
            .get_or_create(&RequestLabels {
                method: method.to_owned(),
                route: route.to_owned(),
                status,
            })
            .inc();
        self.latency
            .get_or_create(&RouteLabels {
                method: method.to_owned(),
                route: route.to_owned(),
            })
            .observe(took.as_secs_f64());
    }

    pub fn sign_in_failed(&self) {
        self.sign_in_failures.inc();
    }

    pub fn sign_in_throttled(&self) {
        self.sign_in_throttled.inc();
    }

    /// One run of a scheduled job (its short id), and whether it failed.
    pub fn job_ran(&self, task: &str, failed: bool) {
        let labels = JobLabels {
            task: task.to_owned(),
        };
        self.job_runs.get_or_create(&labels).inc();
        // Written as 0 until a run fails: an alert on `increase()` needs the series.
        let failures = self.job_failures.get_or_create(&labels);
        if failed {
            failures.inc();
        }
    }

    /// The text Prometheus reads, with the gauges read now: the pool's state and the
    /// outbox's (`outbox`: depth, seconds the oldest due email has waited; None when the
    /// database could not be read: the scrape still answers, with `database_up 0` and the
    /// outbox figures of the last scrape that could).
    pub fn render(&self, pool: PoolState, outbox: Option<(i64, i64)>, format: Format) -> String {
        let in_use = i64::from(pool.connections.saturating_sub(pool.idle));
        self.pool_connections
            .get_or_create(&StateLabels { state: "in_use" })
            .set(in_use);
        self.pool_connections
            .get_or_create(&StateLabels { state: "idle" })
            .set(i64::from(pool.idle));
        self.pool_max.set(i64::from(pool.max));
        self.database_up.set(i64::from(outbox.is_some()));
        if let Some((depth, oldest)) = outbox {
            self.outbox_depth.set(depth);
            self.outbox_oldest_due.set(oldest);
        }
        let mut text = String::new();
        prometheus_client::encoding::text::encode(&mut text, &self.registry)
            .expect("writing to a String cannot fail");
        // The process's own families, before OpenMetrics' closing `# EOF`.
        let eof = text.rfind("# EOF").unwrap_or(text.len());
        text.insert_str(eof, &process_families(&ProcessFacts::read()));
        match format {
            Format::OpenMetrics => text,
            Format::Text004 => to_text_004(&text),
        }
    }
}

/// What `/proc/self` tells of this process (zeros where it cannot be read).
#[derive(Debug, Default, Clone, Copy, PartialEq)]
pub struct ProcessFacts {
    pub resident_bytes: u64,
    pub cpu_seconds: f64,
    pub open_fds: u64,
    pub start_time_seconds: f64,
}

impl ProcessFacts {
    pub fn read() -> ProcessFacts {
        // Clock ticks a second: 100 on every Linux this runs on (USER_HZ).
        const TICKS: f64 = 100.0;
        let stat = std::fs::read_to_string("/proc/self/stat").unwrap_or_default();
        // Fields after the command's closing parenthesis (the name may hold spaces).
        let fields: Vec<&str> = stat
            .rsplit_once(')')
            .map_or("", |(_, rest)| rest)
            .split_whitespace()
            .collect();
        // utime and stime are the 14th and 15th fields, starttime the 22nd, rss the 24th;
        // `fields` starts at the 3rd.
        let field = |n: usize| fields.get(n - 3).and_then(|v| v.parse::<u64>().ok());
        let boot = std::fs::read_to_string("/proc/stat")
            .unwrap_or_default()
            .lines()
            .find_map(|l| {
                l.strip_prefix("btime ")
                    .and_then(|v| v.trim().parse::<u64>().ok())
            })
            .unwrap_or(0);
        // In kB from `status` (`stat` counts pages, whose size differs between machines).
        let resident_kb = std::fs::read_to_string("/proc/self/status")
            .unwrap_or_default()
            .lines()
            .find_map(|l| l.strip_prefix("VmRSS:"))
            .and_then(|v| v.trim().trim_end_matches("kB").trim().parse::<u64>().ok())
            .unwrap_or(0);
        ProcessFacts {
            resident_bytes: resident_kb * 1024,
            cpu_seconds: (field(14).unwrap_or(0) + field(15).unwrap_or(0)) as f64 / TICKS,
            // Less the handle reading the directory.
            open_fds: std::fs::read_dir("/proc/self/fd")
                .map_or(0, |d| d.count().saturating_sub(1) as u64),
            start_time_seconds: boot as f64 + field(22).unwrap_or(0) as f64 / TICKS,
        }
    }
}

/// The standard `process_*` families, in OpenMetrics (the counter's family without its
/// `_total`, as OpenMetrics writes it).
fn process_families(p: &ProcessFacts) -> String {
    format!(
        "# HELP process_resident_memory_bytes Resident memory size in bytes.\n\
         # TYPE process_resident_memory_bytes gauge\n\
         process_resident_memory_bytes {}\n\
         # HELP process_cpu_seconds Total user and system CPU time spent in seconds.\n\
         # TYPE process_cpu_seconds counter\n\
         process_cpu_seconds_total {}\n\
         # HELP process_open_fds Number of open file descriptors.\n\
         # TYPE process_open_fds gauge\n\
         process_open_fds {}\n\
         # HELP process_start_time_seconds Start time of the process since unix epoch in seconds.\n\
         # TYPE process_start_time_seconds gauge\n\
         process_start_time_seconds {}\n",
        p.resident_bytes, p.cpu_seconds, p.open_fds, p.start_time_seconds
    )
}

/// OpenMetrics text as the Prometheus text format 0.0.4: a counter's `HELP` and `TYPE`
/// name its `_total` samples, an info family becomes a gauge named `_info`, and the `# EOF`
/// and `# UNIT` lines go (0.0.4 has neither). Samples are written alike in both.
pub fn to_text_004(open_metrics: &str) -> String {
    use std::collections::HashMap;
    let mut kinds: HashMap<&str, &str> = HashMap::new();
    for line in open_metrics.lines() {
        if let Some(rest) = line.strip_prefix("# TYPE ")
            && let Some((name, kind)) = rest.split_once(' ')
        {
            kinds.insert(name, kind);
        }
    }
    let renamed = |name: &str| -> String {
        match kinds.get(name) {
            Some(&"counter") if !name.ends_with("_total") => format!("{name}_total"),
            Some(&"info") => format!("{name}_info"),
            _ => name.to_owned(),
        }
    };
    let mut out = String::with_capacity(open_metrics.len());
    for line in open_metrics.lines() {
        if line == "# EOF" || line.starts_with("# UNIT ") {
            continue;
        }
        if let Some(rest) = line.strip_prefix("# TYPE ")
            && let Some((name, kind)) = rest.split_once(' ')
        {
            let kind = if kind == "info" { "gauge" } else { kind };
            out.push_str(&format!("# TYPE {} {kind}\n", renamed(name)));
        } else if let Some(rest) = line.strip_prefix("# HELP ")
            && let Some((name, help)) = rest.split_once(' ')
        {
            out.push_str(&format!("# HELP {} {help}\n", renamed(name)));
        } else {
            out.push_str(line);
            out.push('\n');
        }
    }
    out
}

/// The pool's connections as a scrape finds them.
#[derive(Debug, Clone, Copy)]
pub struct PoolState {
    pub connections: u32,
    pub idle: u32,
    pub max: u32,
}

impl PoolState {
    pub fn of<M: r2d2::ManageConnection>(pool: &r2d2::Pool<M>) -> PoolState {
        let state = pool.state();
        PoolState {
            connections: state.connections,
            idle: state.idle_connections,
            max: pool.max_size(),
        }
    }
}

/// The pool's events, counted: every checkout's wait and the ones that timed out.
#[derive(Debug)]
pub struct PoolEvents(pub std::sync::Arc<Metrics>);

impl r2d2::HandleEvent for PoolEvents {
    fn handle_checkout(&self, event: r2d2::event::CheckoutEvent) {
        self.0.pool_wait.observe(event.duration().as_secs_f64());
    }

    fn handle_timeout(&self, _event: r2d2::event::TimeoutEvent) {
        self.0.pool_timeouts.inc();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_family_is_written_with_its_help() {
        let m = Metrics::new();
        m.request(
            "GET",
            "/groups/{gid}/clients",
            200,
            Duration::from_millis(3),
        );
        m.job_ran("invitations", true);
        m.sign_in_failed();
        m.sign_in_throttled();
        let pool = PoolState {
            connections: 3,
            idle: 1,
            max: 8,
        };
        m.request("BREW", "(unmatched)", 405, Duration::from_millis(1));
        m.request("X-1", "(unmatched)", 405, Duration::from_millis(1));
        let text = m.render(pool, Some((4, 90)), Format::OpenMetrics);
        assert!(!text.contains("BREW") && !text.contains("X-1"));
        for line in [
            "clientele_http_requests_total{method=\"GET\",route=\"/groups/{gid}/clients\",status=\"200\"} 1",
            "clientele_http_request_duration_seconds_bucket{le=\"0.004\",method=\"GET\",route=\"/groups/{gid}/clients\"} 1",
            "clientele_db_pool_connections{state=\"in_use\"} 2",
            "clientele_db_pool_connections{state=\"idle\"} 1",
            "clientele_db_pool_max_connections 8",
            "clientele_outbox_depth 4",
            "clientele_outbox_oldest_due_seconds 90",
            "clientele_database_up 1",
            "clientele_job_runs_total{task=\"invitations\"} 1",
            "clientele_job_failures_total{task=\"invitations\"} 1",
            "clientele_build_info{version=\"0.1.0\"} 1",
            "# TYPE process_cpu_seconds counter",
            "clientele_sign_in_failures_total 1",
            "clientele_sign_in_throttled_total 1",
            "clientele_http_requests_total{method=\"other\",route=\"(unmatched)\",status=\"405\"} 2",
            "# TYPE clientele_db_pool_wait_seconds histogram",
            "# TYPE clientele_db_pool_timeouts counter",
        ] {
            assert!(text.contains(line), "{line} missing from:\n{text}");
        }
        assert!(text.ends_with("# EOF\n"));
        // The same as 0.0.4: the counter's HELP and TYPE name its samples; no `# EOF`.
        let old = m.render(pool, Some((4, 90)), Format::Text004);
        for line in [
            "# HELP clientele_http_requests_total HTTP requests answered",
            "# TYPE clientele_http_requests_total counter",
            "# TYPE clientele_build_info gauge",
            "# TYPE process_cpu_seconds_total counter",
            "# TYPE clientele_db_pool_wait_seconds histogram",
            "clientele_job_runs_total{task=\"invitations\"} 1",
        ] {
            assert!(old.contains(line), "{line} missing from:\n{old}");
        }
        assert!(!old.contains("# EOF") && !old.contains("# TYPE clientele_http_requests counter"));
    }

    #[test]
    fn scrapes_get_what_they_ask_for() {
        assert_eq!(
            Format::from_accept(Some(
                "application/openmetrics-text;version=1.0.0,text/plain;version=0.0.4;q=0.5"
            )),
            Format::OpenMetrics
        );
        assert_eq!(Format::from_accept(Some("text/plain")), Format::Text004);
        assert_eq!(Format::from_accept(None), Format::Text004);
    }

    #[test]
    fn the_process_is_read_from_proc() {
        let p = ProcessFacts::read();
        assert!(p.resident_bytes > 1_000_000, "{p:?}");
        assert!(p.open_fds >= 3, "{p:?}");
        let now = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .unwrap()
            .as_secs_f64();
        assert!(
            p.start_time_seconds > now - 86_400.0 && p.start_time_seconds <= now + 1.0,
            "{p:?}"
        );
    }
}
