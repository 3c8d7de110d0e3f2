//! Wakes the delivery workers of this process: an email was queued by a change that has
//! committed (the outbox gives [`wake`] to `db::after_commit`), so it goes out now rather
//! than at the worker's next tick. The count tells a worker busy with a pass that another
//! email was queued meanwhile.

use std::sync::atomic::{AtomicU64, Ordering};

use tokio::sync::Notify;

static WAKE: Notify = Notify::const_new();
static QUEUED: AtomicU64 = AtomicU64::new(0);

pub fn wake() {
    QUEUED.fetch_add(1, Ordering::SeqCst);
    WAKE.notify_waiters();
}

/// How many wakes there have been.
pub fn queued() -> u64 {
    QUEUED.load(Ordering::SeqCst)
}

/// The next wake (enable it before looking at [`queued`], so none is lost between).
pub fn notified() -> tokio::sync::futures::Notified<'static> {
    WAKE.notified()
}
