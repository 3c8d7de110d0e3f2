//! Support access ("Log in" as a client's admin user, SPEC §2 Impersonation) as plain rules:
//! who may start it, whose pages it opens, and when it ends. The services apply them (the
//! start, and every request while it lasts); the tests below cover the whole matrix.

use chrono::{Duration, NaiveDateTime};

use crate::auth::rights::{ClientRole, StaffRole};

/// An impersonation ends after this long without a request…
pub const IDLE_LIMIT: Duration = Duration::minutes(30);
/// …and this long after it started in any case.
pub const LIFETIME: Duration = Duration::hours(4);

/// What the rules need to know about the client.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ClientState {
    /// The client belongs to the group the staff member asked from.
    pub in_group: bool,
    pub deleted: bool,
    /// Its "Active" switch.
    pub active: bool,
}

/// Why an impersonation may not start.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Refusal {
    /// Already signed in as a client's user: return to the console first.
    AlreadyImpersonating,
    /// Not staff of the client's group, or no such client there: answered 404, like any
    /// page of another tenant.
    NotStaff,
    ClientDeleted,
    ClientDisabled,
    /// The client has no owner or admin who can sign in (the owner's invitation is still
    /// pending, say).
    NoTarget,
    /// The staff member is the client's owner or admin themselves: they open its client
    /// area from their accounts.
    TargetIsSelf,
}

/// Who may start: a group owner, admin or seller of the client's own group, not while
/// already impersonating, never into a deleted or disabled client.
pub fn may_start(
    staff: Option<StaffRole>,
    client: ClientState,
    impersonating: bool,
) -> Result<(), Refusal> {
    if impersonating {
        return Err(Refusal::AlreadyImpersonating);
    }
    match staff {
        Some(StaffRole::Owner | StaffRole::Admin | StaffRole::Seller) if client.in_group => {}
        _ => return Err(Refusal::NotStaff),
    }
    if client.deleted {
        return Err(Refusal::ClientDeleted);
    }
    if !client.active {
        return Err(Refusal::ClientDisabled);
    }
    Ok(())
}

/// One of the client's users, as a possible target.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Candidate {
    pub user_id: i64,
    pub role: ClientRole,
    /// When they joined the client (membership), then its id, for "the oldest admin".
    pub since: NaiveDateTime,
    pub membership_id: i64,
    /// Activated and not disabled.
    pub can_sign_in: bool,
}

/// Whose pages open: the client's owner, else its oldest admin; only people who can sign
/// in. Members are never a target.
pub fn target(candidates: &[Candidate]) -> Option<i64> {
    let usable = || candidates.iter().filter(|c| c.can_sign_in);
    usable()
        .find(|c| c.role == ClientRole::Owner)
        .or_else(|| {
            usable()
                .filter(|c| c.role == ClientRole::Admin)
                .min_by_key(|c| (c.since, c.membership_id))
        })
        .map(|c| c.user_id)
}

/// How an impersonation ended (stored in `impersonations.end_reason`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Ending {
    /// "Return to console".
    Exit,
    /// The staff member signed out.
    SignOut,
    /// 30 minutes without a request.
    Idle,
    /// 4 hours after it started.
    Lifetime,
    /// The staff member is no longer staff of the client's group.
    RightsRevoked,
    /// The client was disabled or deleted meanwhile.
    ClientClosed,
    /// The client user is no longer the client's owner or admin, or cannot sign in.
    TargetGone,
}

impl Ending {
    pub fn code(self) -> &'static str {
        match self {
            Ending::Exit => "exit",
            Ending::SignOut => "sign_out",
            Ending::Idle => "idle",
            Ending::Lifetime => "lifetime",
            Ending::RightsRevoked => "rights_revoked",
            Ending::ClientClosed => "client_closed",
            Ending::TargetGone => "target_gone",
        }
    }

    pub fn parse(code: &str) -> Option<Ending> {
        [
            Ending::Exit,
            Ending::SignOut,
            Ending::Idle,
            Ending::Lifetime,
            Ending::RightsRevoked,
            Ending::ClientClosed,
            Ending::TargetGone,
        ]
        .into_iter()
        .find(|e| e.code() == code)
    }

    /// The catalogue key of its name as the logs say it, about the staff member (History,
    /// Activity, Support access): "volvió a la consola", "their access … was removed".
    pub fn label_key(self) -> &'static str {
        match self {
            Ending::Exit => "impersonation-end-exit",
            Ending::SignOut => "impersonation-end-sign_out",
            Ending::Idle => "impersonation-end-idle",
            Ending::Lifetime => "impersonation-end-lifetime",
            Ending::RightsRevoked => "impersonation-end-rights_revoked",
            Ending::ClientClosed => "impersonation-end-client_closed",
            Ending::TargetGone => "impersonation-end-target_gone",
        }
    }

    /// The catalogue key of its name as told to the staff member whose session ended (the
    /// flash): "volviste a la consola", "your access … was removed".
    pub fn told_key(self) -> &'static str {
        match self {
            Ending::Exit => "impersonation-ended-exit",
            Ending::SignOut => "impersonation-ended-sign_out",
            Ending::Idle => "impersonation-ended-idle",
            Ending::Lifetime => "impersonation-ended-lifetime",
            Ending::RightsRevoked => "impersonation-ended-rights_revoked",
            Ending::ClientClosed => "impersonation-ended-client_closed",
            Ending::TargetGone => "impersonation-ended-target_gone",
        }
    }
}

/// Whether the time is up at `now`, and when it ran out: 30 minutes after the last
/// request, or 4 hours after the start, whichever came first.
pub fn time_up(
    started: NaiveDateTime,
    last_seen: NaiveDateTime,
    now: NaiveDateTime,
) -> Option<(Ending, NaiveDateTime)> {
    let idle_end = last_seen + IDLE_LIMIT;
    let life_end = started + LIFETIME;
    if now < idle_end && now < life_end {
        return None;
    }
    Some(if idle_end <= life_end {
        (Ending::Idle, idle_end)
    } else {
        (Ending::Lifetime, life_end)
    })
}

/// What is re-checked on every request while it lasts: the staff member's role in the
/// client's group, the client, and the client user.
pub fn still_allowed(
    staff: Option<StaffRole>,
    client: ClientState,
    target_role: Option<ClientRole>,
    target_can_sign_in: bool,
) -> Result<(), Ending> {
    if staff.is_none() || !client.in_group {
        return Err(Ending::RightsRevoked);
    }
    if client.deleted || !client.active {
        return Err(Ending::ClientClosed);
    }
    match target_role {
        Some(ClientRole::Owner | ClientRole::Admin) if target_can_sign_in => Ok(()),
        _ => Err(Ending::TargetGone),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::NaiveDate;

    const OPEN: ClientState = ClientState {
        in_group: true,
        deleted: false,
        active: true,
    };

    fn at(h: u32, m: u32) -> NaiveDateTime {
        NaiveDate::from_ymd_opt(2026, 12, 3)
            .unwrap()
            .and_hms_opt(h, m, 0)
            .unwrap()
    }

    #[test]
    fn every_staff_role_of_the_clients_group_may_start() {
        for role in [StaffRole::Owner, StaffRole::Admin, StaffRole::Seller] {
            assert_eq!(may_start(Some(role), OPEN, false), Ok(()));
        }
    }

    #[test]
    fn nobody_else_and_never_into_closed_clients_or_twice() {
        // Not staff (a client user, a stranger), or another group's client: 404.
        assert_eq!(may_start(None, OPEN, false), Err(Refusal::NotStaff));
        let elsewhere = ClientState {
            in_group: false,
            ..OPEN
        };
        for role in [StaffRole::Owner, StaffRole::Admin, StaffRole::Seller] {
            assert_eq!(
                may_start(Some(role), elsewhere, false),
                Err(Refusal::NotStaff)
            );
            let deleted = ClientState {
                deleted: true,
                ..OPEN
            };
            assert_eq!(
                may_start(Some(role), deleted, false),
                Err(Refusal::ClientDeleted)
            );
            let disabled = ClientState {
                active: false,
                ..OPEN
            };
            assert_eq!(
                may_start(Some(role), disabled, false),
                Err(Refusal::ClientDisabled)
            );
            // Already impersonating wins over everything: the answer tells nothing more.
            assert_eq!(
                may_start(Some(role), elsewhere, true),
                Err(Refusal::AlreadyImpersonating)
            );
        }
        assert_eq!(
            may_start(None, OPEN, true),
            Err(Refusal::AlreadyImpersonating)
        );
    }

    fn c(user_id: i64, role: ClientRole, day: u32, can_sign_in: bool) -> Candidate {
        Candidate {
            user_id,
            role,
            since: NaiveDate::from_ymd_opt(2026, 1, day)
                .unwrap()
                .and_hms_opt(0, 0, 0)
                .unwrap(),
            membership_id: user_id,
            can_sign_in,
        }
    }

    #[test]
    fn the_target_is_the_owner_else_the_oldest_admin_never_a_member() {
        use ClientRole::*;
        let all = [
            c(1, Member, 1, true),
            c(2, Admin, 5, true),
            c(3, Owner, 9, true),
            c(4, Admin, 3, true),
        ];
        assert_eq!(target(&all), Some(3));
        // No owner who can sign in: the oldest admin.
        let no_owner = [all[0], all[1], c(3, Owner, 9, false), all[3]];
        assert_eq!(target(&no_owner), Some(4));
        // Two admins joined at the same moment: the first membership.
        let tie = [c(8, Admin, 2, true), c(7, Admin, 2, true)];
        assert_eq!(target(&tie), Some(7));
        // Disabled or never-activated admins are skipped; members never chosen.
        assert_eq!(target(&[c(4, Admin, 3, false), all[0]]), None);
        assert_eq!(target(&[]), None);
    }

    #[test]
    fn it_ends_after_30_idle_minutes_or_4_hours() {
        assert_eq!(time_up(at(9, 0), at(9, 0), at(9, 29)), None);
        assert_eq!(
            time_up(at(9, 0), at(9, 0), at(9, 30)),
            Some((Ending::Idle, at(9, 30)))
        );
        // Busy all along: 4 hours in all.
        assert_eq!(time_up(at(9, 0), at(12, 59), at(12, 59)), None);
        assert_eq!(
            time_up(at(9, 0), at(12, 59), at(13, 0)),
            Some((Ending::Lifetime, at(13, 0)))
        );
        // Idle near the end: whichever came first.
        assert_eq!(
            time_up(at(9, 0), at(12, 0), at(14, 0)),
            Some((Ending::Idle, at(12, 30)))
        );
        assert_eq!(
            time_up(at(9, 0), at(12, 45), at(14, 0)),
            Some((Ending::Lifetime, at(13, 0)))
        );
    }

    #[test]
    fn rights_are_rechecked_on_every_request() {
        use ClientRole::*;
        let staff = Some(StaffRole::Seller);
        assert_eq!(still_allowed(staff, OPEN, Some(Owner), true), Ok(()));
        assert_eq!(still_allowed(staff, OPEN, Some(Admin), true), Ok(()));
        assert_eq!(
            still_allowed(None, OPEN, Some(Owner), true),
            Err(Ending::RightsRevoked)
        );
        let disabled = ClientState {
            active: false,
            ..OPEN
        };
        assert_eq!(
            still_allowed(staff, disabled, Some(Owner), true),
            Err(Ending::ClientClosed)
        );
        assert_eq!(
            still_allowed(staff, OPEN, Some(Member), true),
            Err(Ending::TargetGone)
        );
        assert_eq!(
            still_allowed(staff, OPEN, None, true),
            Err(Ending::TargetGone)
        );
        assert_eq!(
            still_allowed(staff, OPEN, Some(Owner), false),
            Err(Ending::TargetGone)
        );
    }

    #[test]
    fn endings_round_trip() {
        for e in [
            Ending::Exit,
            Ending::SignOut,
            Ending::Idle,
            Ending::Lifetime,
            Ending::RightsRevoked,
            Ending::ClientClosed,
            Ending::TargetGone,
        ] {
            assert_eq!(Ending::parse(e.code()), Some(e));
        }
        assert_eq!(Ending::parse("bogus"), None);
    }
}
