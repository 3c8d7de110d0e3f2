//! Who may do what: the roles and permissions as data and one pure function, [`may`]. The
//! scopes (`auth::scope`) answer their questions through it, the pages show only what it
//! allows, and the README's table "Who can do what" is this matrix (a unit test below
//! reads the README and holds it against [`may`], cell by cell).
//!
//! People are reached in two ways ([`ClientAccess`]): as **staff** of a group (owner, admin,
//! seller), who work in the group console, and as a client's **own users** (owner, admin,
//! member), who work in the client area. A member has only the permissions given
//! (`account`, `services`, `users`, `billing`); a client's owner and admins have all four.

/// A role in a group: what staff can do in the console.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum StaffRole {
    Owner,
    Admin,
    Seller,
}

impl StaffRole {
    pub fn parse(s: &str) -> Option<Self> {
        match s {
            "owner" => Some(StaffRole::Owner),
            "admin" => Some(StaffRole::Admin),
            "seller" => Some(StaffRole::Seller),
            _ => None,
        }
    }
    /// The catalogue key of the role's name.
    pub fn label_key(self) -> &'static str {
        match self {
            StaffRole::Owner => "role-owner",
            StaffRole::Admin => "role-admin",
            StaffRole::Seller => "role-seller",
        }
    }
}

/// A role in a client account.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ClientRole {
    Owner,
    Admin,
    Member,
}

impl ClientRole {
    pub fn parse(s: &str) -> Option<Self> {
        match s {
            "owner" => Some(ClientRole::Owner),
            "admin" => Some(ClientRole::Admin),
            "member" => Some(ClientRole::Member),
            _ => None,
        }
    }

    /// As stored (and as the API writes it).
    pub fn code(self) -> &'static str {
        match self {
            ClientRole::Owner => "owner",
            ClientRole::Admin => "admin",
            ClientRole::Member => "member",
        }
    }

    /// The catalogue key of the role's name.
    pub fn label_key(self) -> &'static str {
        match self {
            ClientRole::Owner => "role-owner",
            ClientRole::Admin => "role-admin",
            ClientRole::Member => "role-member",
        }
    }
}

/// What a client member may do in the client area. Owners and admins have everything.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Permissions {
    pub account: bool,
    pub services: bool,
    pub users: bool,
    pub billing: bool,
}

impl Permissions {
    pub const ALL: Permissions = Permissions {
        account: true,
        services: true,
        users: true,
        billing: true,
    };

    /// Reads the stored comma-separated form; unknown words are ignored.
    pub fn parse(s: &str) -> Self {
        let mut p = Permissions::default();
        for word in s.split(',').map(str::trim) {
            match word {
                "account" => p.account = true,
                "services" => p.services = true,
                "users" => p.users = true,
                "billing" => p.billing = true,
                _ => {}
            }
        }
        p
    }

    /// Whether every permission here is also in `other`.
    pub fn is_within(self, other: Permissions) -> bool {
        (!self.account || other.account)
            && (!self.services || other.services)
            && (!self.users || other.users)
            && (!self.billing || other.billing)
    }

    pub fn to_stored(self) -> String {
        let mut words = Vec::new();
        for (on, word) in [
            (self.account, "account"),
            (self.services, "services"),
            (self.users, "users"),
            (self.billing, "billing"),
        ] {
            if on {
                words.push(word);
            }
        }
        words.join(",")
    }
}

/// One thing a client's user may be allowed to do in the client area.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Permission {
    /// Details and address.
    Account,
    Services,
    /// Invite and manage the client's users.
    Users,
    /// Billing emails.
    Billing,
}

impl Permissions {
    pub fn has(self, p: Permission) -> bool {
        match p {
            Permission::Account => self.account,
            Permission::Services => self.services,
            Permission::Users => self.users,
            Permission::Billing => self.billing,
        }
    }
}

/// How a user reaches a client.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ClientAccess {
    /// Through the staff of the client's group.
    Staff(StaffRole),
    /// As one of the client's own users.
    Member(ClientRole, Permissions),
}

/// What a client user holds: a client's owner and admins every permission, a member
/// those given (`stored`, the comma-separated form).
pub fn held_permissions(role: ClientRole, stored: Permissions) -> Permissions {
    match role {
        ClientRole::Owner | ClientRole::Admin => Permissions::ALL,
        ClientRole::Member => stored,
    }
}

/// What an invitation or a membership of this stored role lets a person do, as the
/// catalogue names it (an invitation's email, page and lists): a client member's
/// permissions in the form's order ("no permission" when none); nothing for the other
/// roles, whose name says it all.
pub fn granted_keys(role: &str, stored: &str) -> Vec<&'static str> {
    if role != "member" {
        return Vec::new();
    }
    let p = Permissions::parse(stored);
    let keys: Vec<&'static str> = [
        (p.account, "permission-account"),
        (p.services, "permission-services"),
        (p.users, "permission-users"),
        (p.billing, "permission-billing"),
    ]
    .into_iter()
    .filter_map(|(on, key)| on.then_some(key))
    .collect();
    if keys.is_empty() {
        vec!["permission-none"]
    } else {
        keys
    }
}

/// The catalogue key of a stored role's name.
pub fn role_key(role: &str) -> &'static str {
    match role {
        "owner" => "role-owner",
        "admin" => "role-admin",
        "seller" => "role-seller",
        _ => "role-member",
    }
}

/// Something a person may be allowed to do.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Action {
    // --- the group console -------------------------------------------------------------
    /// The client list, the CSV export, adding and editing clients, their services and
    /// the owner's activation.
    WorkOnClients,
    /// The staff users tab of a client: edit its users' name, email, language and role.
    EditClientUsers,
    /// Vendor settings: global service visibility, deletion-request emails.
    ManageSettings,
    /// Undelivered emails and "Retry now".
    SeeEmailProblems,
    /// The staff page: invite admins and sellers, change their roles, remove them, unlock
    /// a locked sign-in.
    ManageStaff,
    /// Hand the group's ownership to one of its admins.
    TransferGroupOwnership,
    /// "Log in" as a client's owner or admin (support access; `auth::impersonation` has
    /// the rest of its rules).
    Impersonate,
    /// A client's History tab (its audit log).
    SeeClientHistory,
    /// The group-wide Activity page (every client's and the group's own audit log).
    SeeGroupActivity,
    /// Cancel a client's deletion request, or delete a client ("Delete account"): the
    /// client work every staff member does (SPEC §1).
    ManageDeletion,
    /// The installation's status page (`/groups/{gid}/system`), in operator groups only
    /// (the first group, or one made with `create-group --operator`; `GroupScope` adds
    /// that condition).
    SeeSystemStatus,
    // --- the client area ---------------------------------------------------------------
    /// The client area's home (status, visible services, owner).
    SeePortal,
    /// The account page (details and address), read-only.
    SeeAccount,
    /// Change the account's details and address.
    EditAccount,
    /// Change the billing emails.
    EditBilling,
    /// The services tabs.
    SeeServices,
    /// The users page: members and invitations; invite members, change or remove them.
    ManageMembers,
    /// Invite admins, change or remove admins.
    ManageAdmins,
    /// Hand the client's ownership to one of its admins.
    TransferClientOwnership,
    /// Ask for the client account to be deleted.
    RequestDeletion,
    /// The "Support access" list: who of the group's staff signed in as a user of the
    /// client, when, for how long and why.
    SeeSupportAccess,
}

impl Action {
    /// Every action, in the README table's order.
    pub const ALL: [Action; 21] = [
        Action::WorkOnClients,
        Action::EditClientUsers,
        Action::ManageSettings,
        Action::SeeEmailProblems,
        Action::ManageStaff,
        Action::TransferGroupOwnership,
        Action::Impersonate,
        Action::SeeClientHistory,
        Action::SeeGroupActivity,
        Action::ManageDeletion,
        Action::SeeSystemStatus,
        Action::SeePortal,
        Action::SeeAccount,
        Action::EditAccount,
        Action::EditBilling,
        Action::SeeServices,
        Action::ManageMembers,
        Action::ManageAdmins,
        Action::TransferClientOwnership,
        Action::RequestDeletion,
        Action::SeeSupportAccess,
    ];

    /// The action's name in the README table.
    pub fn code(self) -> &'static str {
        match self {
            Action::WorkOnClients => "work on clients",
            Action::EditClientUsers => "edit a client's users",
            Action::ManageSettings => "vendor settings",
            Action::SeeEmailProblems => "email problems",
            Action::ManageStaff => "manage staff",
            Action::TransferGroupOwnership => "transfer group ownership",
            Action::Impersonate => "log in as a client's admin user",
            Action::SeeClientHistory => "a client's history",
            Action::SeeGroupActivity => "group activity",
            Action::ManageDeletion => "cancel a deletion, delete a client",
            Action::SeeSystemStatus => "system status (operator groups)",
            Action::SeePortal => "client area home",
            Action::SeeAccount => "see account details",
            Action::EditAccount => "edit details and address",
            Action::EditBilling => "edit billing emails",
            Action::SeeServices => "see services",
            Action::ManageMembers => "users: invite and manage members",
            Action::ManageAdmins => "users: invite and manage admins",
            Action::TransferClientOwnership => "transfer client ownership",
            Action::RequestDeletion => "request deletion",
            Action::SeeSupportAccess => "support access list",
        }
    }
}

/// Whether this person may do this. Group actions are staff's only; client-area actions
/// are the client's own users' only (staff reach a client from the console).
pub fn may(who: ClientAccess, action: Action) -> bool {
    use Action::*;
    match who {
        ClientAccess::Staff(role) => match action {
            WorkOnClients | EditClientUsers | Impersonate | SeeClientHistory | ManageDeletion => {
                true
            }
            ManageSettings | ManageStaff | SeeGroupActivity => {
                matches!(role, StaffRole::Owner | StaffRole::Admin)
            }
            SeeEmailProblems | TransferGroupOwnership | SeeSystemStatus => role == StaffRole::Owner,
            _ => false,
        },
        ClientAccess::Member(role, perms) => {
            let perms = held_permissions(role, perms);
            match action {
                SeePortal => true,
                SeeAccount => perms.has(Permission::Account) || perms.has(Permission::Billing),
                EditAccount => perms.has(Permission::Account),
                EditBilling => perms.has(Permission::Billing),
                SeeServices => perms.has(Permission::Services),
                ManageMembers => perms.has(Permission::Users),
                ManageAdmins | SeeSupportAccess => {
                    matches!(role, ClientRole::Owner | ClientRole::Admin)
                }
                TransferClientOwnership | RequestDeletion => role == ClientRole::Owner,
                _ => false,
            }
        }
    }
}

/// What an inviter may hand out: a member with `users` may invite members with the
/// permissions they hold themselves, never more; owners and admins may invite admins and
/// members with any permissions. Nobody invites a second owner (ownership is transferred).
pub fn may_grant(inviter: ClientAccess, role: ClientRole, perms: Permissions) -> bool {
    let ClientAccess::Member(inviter_role, inviter_perms) = inviter else {
        return false;
    };
    match role {
        ClientRole::Owner => false,
        ClientRole::Admin => may(inviter, Action::ManageAdmins),
        ClientRole::Member => {
            may(inviter, Action::ManageMembers)
                && perms.is_within(held_permissions(inviter_role, inviter_perms))
        }
    }
}

/// Whether `actor` may change or remove the client user holding `target`: members with
/// `users` manage members (within their own permissions), owners and admins manage
/// members and admins, and nobody changes or removes the owner (ownership moves only by a
/// transfer) or themselves.
pub fn may_manage_user(actor: ClientAccess, target: ClientRole, target_perms: Permissions) -> bool {
    match target {
        ClientRole::Owner => false,
        ClientRole::Admin => may(actor, Action::ManageAdmins),
        ClientRole::Member => may_grant(actor, ClientRole::Member, target_perms),
    }
}

/// Whether an invitation (its role and, for a member, permissions) is one `actor` may
/// resend or revoke: exactly the invitations they could have sent, as for the people they
/// may manage (a member with `users` never touches an admin's invitation, nor one giving a
/// permission they lack). The owner's invitation (a new client's owner) is staff's affair.
pub fn may_manage_invitation(actor: ClientAccess, role: ClientRole, perms: Permissions) -> bool {
    may_grant(actor, role, perms)
}

/// How high a stored role stands: an owner above an admin above the rest (a member, a
/// seller). Unknown words stand lowest.
fn role_rank(role: &str) -> u8 {
    match role {
        "owner" => 2,
        "admin" => 1,
        _ => 0,
    }
}

/// Whether changing someone from `old` to `new` (stored role and, for client members,
/// stored permissions) gives them anything they did not hold: a higher role, or a
/// permission they lacked. Lowering, or changing nothing, is not raising. What support
/// access may not do (SPEC §2 "Impersonation": nothing that grants anyone access).
pub fn raises(old: (&str, Permissions), new: (&str, Permissions)) -> bool {
    let held = |(role, perms): (&str, Permissions)| {
        ClientRole::parse(role).map_or(perms, |r| held_permissions(r, perms))
    };
    role_rank(new.0) > role_rank(old.0) || !held(new).is_within(held(old))
}

/// Staff roles an owner or admin may give on the staff page: admin and seller (the owner
/// is made by a transfer only).
pub fn may_grant_staff(actor: StaffRole, role: StaffRole) -> bool {
    may(ClientAccess::Staff(actor), Action::ManageStaff) && role != StaffRole::Owner
}

#[cfg(test)]
mod tests {
    use super::*;

    fn member(perms: &str) -> ClientAccess {
        ClientAccess::Member(ClientRole::Member, Permissions::parse(perms))
    }

    /// The people of the README table, in its column order.
    fn people() -> Vec<(&'static str, ClientAccess)> {
        vec![
            ("group owner", ClientAccess::Staff(StaffRole::Owner)),
            ("group admin", ClientAccess::Staff(StaffRole::Admin)),
            ("seller", ClientAccess::Staff(StaffRole::Seller)),
            (
                "client owner",
                ClientAccess::Member(ClientRole::Owner, Permissions::default()),
            ),
            (
                "client admin",
                ClientAccess::Member(ClientRole::Admin, Permissions::default()),
            ),
            ("member: account", member("account")),
            ("member: services", member("services")),
            ("member: users", member("users")),
            ("member: billing", member("billing")),
            ("member: none", member("")),
        ]
    }

    /// The README's "Who can do what" table: (action, one yes/no per person).
    fn readme_matrix() -> Vec<(String, Vec<bool>)> {
        let readme = include_str!("../../README.md");
        let start = readme
            .find("## Who can do what")
            .expect("the README has the table");
        // The section's first table, its header and rule left out.
        readme[start..]
            .lines()
            .skip_while(|l| !l.starts_with('|'))
            .take_while(|l| l.starts_with('|'))
            .filter(|l| !l.starts_with("| action") && !l.starts_with("|---"))
            .map(|l| {
                let cells: Vec<&str> = l.trim_matches('|').split('|').map(str::trim).collect();
                let marks = cells[1..]
                    .iter()
                    .map(|c| match *c {
                        "yes" => true,
                        "—" => false,
                        other => panic!("README cell {other:?} is neither yes nor —"),
                    })
                    .collect();
                (cells[0].to_owned(), marks)
            })
            .collect()
    }

    #[test]
    fn the_readme_table_is_the_matrix() {
        let table = readme_matrix();
        let people = people();
        assert_eq!(
            table.iter().map(|(a, _)| a.as_str()).collect::<Vec<_>>(),
            Action::ALL.iter().map(|a| a.code()).collect::<Vec<_>>(),
            "one row per action, in order"
        );
        for ((name, marks), action) in table.iter().zip(Action::ALL) {
            assert_eq!(marks.len(), people.len(), "{name}: one cell per person");
            for ((who_name, who), expected) in people.iter().zip(marks) {
                assert_eq!(
                    may(*who, action),
                    *expected,
                    "{who_name} / {name}: README and may() disagree"
                );
            }
        }
    }

    #[test]
    fn the_whole_matrix() {
        // Written out once more here, independently of the README: each person's actions.
        use Action::*;
        let expected: [(&str, &[Action]); 10] = [
            (
                "group owner",
                &[
                    WorkOnClients,
                    EditClientUsers,
                    ManageSettings,
                    SeeEmailProblems,
                    ManageStaff,
                    TransferGroupOwnership,
                    Impersonate,
                    SeeClientHistory,
                    SeeGroupActivity,
                    ManageDeletion,
                    SeeSystemStatus,
                ],
            ),
            (
                "group admin",
                &[
                    WorkOnClients,
                    EditClientUsers,
                    ManageSettings,
                    ManageStaff,
                    Impersonate,
                    SeeClientHistory,
                    SeeGroupActivity,
                    ManageDeletion,
                ],
            ),
            (
                "seller",
                &[
                    WorkOnClients,
                    EditClientUsers,
                    Impersonate,
                    SeeClientHistory,
                    ManageDeletion,
                ],
            ),
            (
                "client owner",
                &[
                    SeePortal,
                    SeeAccount,
                    EditAccount,
                    EditBilling,
                    SeeServices,
                    ManageMembers,
                    ManageAdmins,
                    TransferClientOwnership,
                    RequestDeletion,
                    SeeSupportAccess,
                ],
            ),
            (
                "client admin",
                &[
                    SeePortal,
                    SeeAccount,
                    EditAccount,
                    EditBilling,
                    SeeServices,
                    ManageMembers,
                    ManageAdmins,
                    SeeSupportAccess,
                ],
            ),
            ("member: account", &[SeePortal, SeeAccount, EditAccount]),
            ("member: services", &[SeePortal, SeeServices]),
            ("member: users", &[SeePortal, ManageMembers]),
            ("member: billing", &[SeePortal, SeeAccount, EditBilling]),
            ("member: none", &[SeePortal]),
        ];
        for ((name, who), (expected_name, allowed)) in people().into_iter().zip(expected) {
            assert_eq!(name, expected_name);
            for action in Action::ALL {
                assert_eq!(
                    may(who, action),
                    allowed.contains(&action),
                    "{name} / {action:?}"
                );
            }
        }
    }

    #[test]
    fn inviters_grant_at_most_what_they_hold() {
        let owner = ClientAccess::Member(ClientRole::Owner, Permissions::default());
        let admin = ClientAccess::Member(ClientRole::Admin, Permissions::default());
        let users_only = member("users");
        let users_billing = member("users,billing");
        let all = Permissions::ALL;
        let billing = Permissions::parse("billing");
        for inviter in [owner, admin] {
            assert!(may_grant(inviter, ClientRole::Admin, all));
            assert!(may_grant(inviter, ClientRole::Member, all));
            assert!(!may_grant(inviter, ClientRole::Owner, all));
        }
        assert!(may_grant(
            users_only,
            ClientRole::Member,
            Permissions::parse("users")
        ));
        assert!(may_grant(
            users_only,
            ClientRole::Member,
            Permissions::default()
        ));
        assert!(!may_grant(users_only, ClientRole::Member, billing));
        assert!(!may_grant(
            users_only,
            ClientRole::Admin,
            Permissions::default()
        ));
        assert!(may_grant(users_billing, ClientRole::Member, billing));
        assert!(!may_grant(users_billing, ClientRole::Member, all));
        assert!(!may_grant(member("billing"), ClientRole::Member, billing));
        assert!(!may_grant(
            ClientAccess::Staff(StaffRole::Owner),
            ClientRole::Member,
            billing
        ));
    }

    #[test]
    fn nobody_manages_the_owner_and_members_only_manage_members() {
        let owner = ClientAccess::Member(ClientRole::Owner, Permissions::default());
        let admin = ClientAccess::Member(ClientRole::Admin, Permissions::default());
        let none = Permissions::default();
        for actor in [owner, admin, member("users")] {
            assert!(!may_manage_user(actor, ClientRole::Owner, none));
        }
        assert!(may_manage_user(owner, ClientRole::Admin, none));
        assert!(may_manage_user(admin, ClientRole::Admin, none));
        assert!(!may_manage_user(member("users"), ClientRole::Admin, none));
        assert!(may_manage_user(member("users"), ClientRole::Member, none));
        assert!(!may_manage_user(
            member("users"),
            ClientRole::Member,
            Permissions::parse("billing")
        ));
        assert!(!may_manage_user(
            member("billing"),
            ClientRole::Member,
            none
        ));
    }

    #[test]
    fn invitations_are_managed_by_those_who_could_have_sent_them() {
        let owner = ClientAccess::Member(ClientRole::Owner, Permissions::default());
        let admin = ClientAccess::Member(ClientRole::Admin, Permissions::default());
        let all = Permissions::ALL;
        let none = Permissions::default();
        let billing = Permissions::parse("billing");
        // (actor, invited role, its permissions, may resend or revoke)
        let table = [
            (owner, ClientRole::Admin, none, true),
            (admin, ClientRole::Admin, none, true),
            (owner, ClientRole::Member, all, true),
            (member("users"), ClientRole::Admin, none, false),
            (member("users"), ClientRole::Member, billing, false),
            (member("users"), ClientRole::Member, all, false),
            (member("users"), ClientRole::Member, none, true),
            (
                member("users"),
                ClientRole::Member,
                Permissions::parse("users"),
                true,
            ),
            (member("users,billing"), ClientRole::Member, billing, true),
            (member("billing"), ClientRole::Member, none, false),
            (owner, ClientRole::Owner, none, false),
            (
                ClientAccess::Staff(StaffRole::Owner),
                ClientRole::Member,
                none,
                false,
            ),
        ];
        for (actor, role, perms, expected) in table {
            assert_eq!(
                may_manage_invitation(actor, role, perms),
                expected,
                "{actor:?} / {role:?} {perms:?}"
            );
        }
    }

    #[test]
    fn raising_is_a_higher_role_or_a_permission_more() {
        let p = Permissions::parse;
        // (old, new, raises)
        let table = [
            (("member", p("")), ("admin", p("")), true),
            (
                ("member", p("account")),
                ("member", p("account,billing")),
                true,
            ),
            // Swapping one permission for another gives one: raising.
            (("member", p("account")), ("member", p("services")), true),
            (("admin", p("")), ("owner", p("")), true),
            (("seller", p("")), ("admin", p("")), true),
            (
                ("member", p("account,billing")),
                ("member", p("account")),
                false,
            ),
            (("member", p("users")), ("member", p("users")), false),
            // An admin made a member with every permission holds less than before.
            (
                ("admin", p("")),
                ("member", p("account,services,users,billing")),
                false,
            ),
            (("admin", p("")), ("member", p("")), false),
            (("admin", p("")), ("admin", p("billing")), false),
            (("admin", p("")), ("seller", p("")), false),
            (("member", p("")), ("", p("")), false),
        ];
        for (old, new, expected) in table {
            assert_eq!(raises(old, new), expected, "{old:?} -> {new:?}");
        }
    }

    #[test]
    fn staff_roles_given_on_the_staff_page() {
        for actor in [StaffRole::Owner, StaffRole::Admin] {
            assert!(may_grant_staff(actor, StaffRole::Admin));
            assert!(may_grant_staff(actor, StaffRole::Seller));
            assert!(!may_grant_staff(actor, StaffRole::Owner));
        }
        assert!(!may_grant_staff(StaffRole::Seller, StaffRole::Seller));
    }
}
