# Clientele — English (the source catalogue). Every string a person reads.
# Keys are used in full in the code and templates; the catalogue test holds the three
# languages and the code against each other. `$x-text` is a number formatted for the locale.

## The frame of every page

skip-to-content = Skip to content
nav-accounts = Accounts
switcher-choose = Choose an account
switcher-title = Switch account
switcher-none = You are not a member of any account yet.
switcher-all = All accounts
account-kind-group = Group
account-kind-client = Client
sign-out = Sign out
nav-group-console = Group console
nav-clients = Clients
nav-email-problems = Email problems
impersonation-banner = You are signed in as { $name } for client { $client }.
impersonation-return = Return to console
language-label = Language
language-change = Change

## Roles

role-owner = Owner
role-admin = Admin
role-seller = Seller
role-member = Member

## Client statuses

status-active = Active
status-trial = Trial
status-preparation = Preparation
status-trial_end = Trial end
status-disabled = Disabled
status-deleted = Deleted
status-deletion-requested = Deletion requested
status-deletion-days =
    { $days ->
        [0] deleted at the end of today
        [one] 1 day left before it is deleted
       *[other] { $days-text } days left before it is deleted
    }
views-custom = this list
views-columns-fit = About three columns fit one line beside the name, company and status; the others are left out on the screen, never in the CSV.
views-columns-left = Not shown, for want of room on one line: { $columns }. Untick another column under Columns to see them; the CSV has them all.
bulk-picked = Ticked:
badge-active =
    { $count ->
        [one] 1 service active
       *[other] { $count-text } services active
    }
badge-trial =
    { $count ->
        [one] 1 service in trial
       *[other] { $count-text } services in trial
    }
badge-ended =
    { $status ->
        [paused] { $service } paused
        [trial_end] { $service } trial ended
       *[deleted] { $service } deleted
    }
badge-preparation = no service in use yet
badge-disabled = switched off

## Forms

form-required = required
form-correct-fields =
    { $count ->
        [one] Please correct the highlighted field.
       *[other] Please correct the { $count-text } highlighted fields.
    }
form-correct-fields-nothing-saved =
    { $count ->
        [one] Please correct the highlighted field. Nothing was saved.
       *[other] Please correct the { $count-text } highlighted fields. Nothing was saved.
    }
field-email = Email
field-password = Password
field-password-new = Password (at least 10 characters)
field-password-repeat = Repeat the password
field-first-name = First name
field-last-name = Last name

## Field errors

error-control-characters = Remove the invisible control characters (such as tabs or NUL) from this field.
error-too-long =
    { $max ->
        [one] Use at most 1 character.
       *[other] Use at most { $max-text } characters.
    }
error-too-short = Use at least { $min-text } characters.
error-not-valid = This value is not valid.
error-email-invalid = Enter a valid email address, such as name@example.com.
error-email-too-long = Use at most 254 characters.
error-enter-email = Enter your email address.
error-enter-an-email = Enter an email address.
error-enter-password = Enter your password.
error-password-only-spaces = The password cannot be only spaces.
error-passwords-differ = The two passwords differ.
error-enter-first-name = Enter your first name.
error-enter-last-name = Enter your last name.
error-enter-owner-first-name = Enter the owner's first name.
error-enter-owner-last-name = Enter the owner's last name.
error-enter-owner-email = Enter the owner's email address.
error-enter-group-name = Enter the group's name.
error-enter-account-name = Enter the account name.
error-enter-address = Enter the address.
error-choose-seller = Choose a seller from the list.
error-choose-services = Choose among the services listed.
error-choose-language = Choose a language from the list.
error-choose-country = Choose a country from the list.
error-billing-too-many = Give at most { $max-text } addresses.
error-billing-invalid = { $address } is not a valid email address.
error-name-taken = Another client of this group has this name.
error-identifier-taken = Another client of this group has this identifier.
error-custom-id-taken = Another client of this group has this ID.
error-name-taken-now = Another client of this group was just saved with this name.
error-identifier-taken-now = Another client of this group was just saved with this identifier.
error-custom-id-taken-now = Another client of this group was just saved with this ID.
error-setup-token-missing = Paste the set-up token printed when Clientele started.
error-setup-token-bad = This set-up token is not valid or has expired. Restart Clientele to print a new set-up link.
error-service-code-invalid = Use a lower-case letter, then lower-case letters, digits, - or _ (at most 32).
error-service-code-taken = Another service has this code.
error-enter-service-name = Enter the service's name.

## Sign-in

login-title = Sign in
login-signed-out = You have signed out.
login-wrong-credentials = The email or password is incorrect.
login-throttled =
    { $minutes ->
        [one] Too many failed sign-ins. Wait 1 minute, then try again.
       *[other] Too many failed sign-ins. Wait { $minutes-text } minutes, then try again.
    }
login-forgot = Forgot your password?
forgot-title = Forgot your password?
forgot-intro = Enter the email address you sign in with. We will email you a link to choose a new password.
forgot-submit = Email me a link
forgot-back = Back to sign-in
forgot-sent = If an account uses that address, a link to choose a new password is on its way to it. The link works once, for 1 hour.
reset-title = Choose a new password
reset-intro = Choose a new password for { $email }. Every browser signed in to this account will be signed out, and every API token of this account revoked.
reset-submit = Set the new password
reset-done = Your password was changed, every browser signed in to your account was signed out and your API tokens were revoked. Sign in with the new password.
reset-used-title = This link was already used
reset-used-text = Each link to choose a new password works once. If you still need one, ask for a new link on the sign-in page.
reset-expired-title = This link has expired
reset-expired-text = Links to choose a new password work for 1 hour. Ask for a new one on the sign-in page.
reset-unknown-text = This link is not valid. Check that you copied all of it, or ask for a new one on the sign-in page.
nav-profile = Your profile
profile-title = Your profile
profile-details = Name and language
profile-language = Language
profile-language-hint = The console and the emails you receive use this language.
profile-session-language = This session speaks { $session }, as chosen when you signed in; your default language is { $default }.
profile-session-language-keep = Make { $language } my default
profile-save = Save
profile-saved = Your profile was saved.
profile-password = Password
profile-password-intro = Changing your password signs you out of every other browser.
profile-password-revoke-tokens =
    { $count ->
        [one] Also revoke my API token (scripts using it stop working)
       *[other] Also revoke my { $count-text } API tokens (scripts using them stop working)
    }
profile-password-revoke-tokens-hint = Unticked, your scripts keep working. Tick it if someone else may have known your password.
field-password-current = Current password
error-current-password = This is not your current password.
profile-password-submit = Change password
profile-password-changed = Your password was changed. Every other browser signed in to your account was signed out.
profile-sessions = Signed-in browsers
profile-sessions-intro = Lost a device, or signed in on a shared computer? Sign out of every browser at once, this one included.
profile-sign-out-everywhere = Sign out everywhere
profile-sign-out-everywhere-confirm = Every browser signed in to your account will be signed out, this one too.
profile-sign-out-everywhere-tokens =
    { $count ->
        [one] Your API token is revoked too.
       *[other] Your { $count-text } API tokens are revoked too.
    }
profile-sign-out-everywhere-button = Sign out of every browser
profile-signed-out-everywhere = You were signed out of every browser.
profile-add-account = Add new account
profile-add-account-intro = Start a new group account of your own, with its own clients and staff. You will be its owner; your other accounts stay as they are.
profile-add-account-nobody = New group accounts are made by this installation's operator only. Ask them if you need one.
profile-add-account-staff-only = Only the staff of a group account may start a new one here. Ask the operator of this installation if you need one.
profile-add-account-limit = You have started { $count } group accounts in the last 24 hours, the most a day. Try again tomorrow.
profile-account-name = Name of the new account
profile-add-account-submit = Add account
profile-account-added = Account { $name } created. You are its owner.
login-submit = Sign in

## First-run set-up

setup-title = Set up Clientele
setup-intro = Create your group (your company) and its owner account. You will be signed in as the owner.
setup-token-legend = Set-up token
setup-token-label = Token printed when Clientele started
setup-token-from-link = The set-up link you opened holds the token: fill in the rest.
setup-token-hint = When it started, Clientele printed a link under “Clientele is not set up yet” (in its output, or the service’s log: journalctl -u clientele). Open that link, or paste the token at its end here.
setup-group-legend = Group
setup-group-name = Group name
setup-owner-legend = Owner
setup-submit = Create group and sign in
setup-welcome = Welcome to Clientele. The group { $group } is ready.

## Owner activation

activate-title = Set your password
activate-intro = You are the owner of { $client }. Choose a password for { $email } to activate the account.
activate-submit = Set password and sign in
activate-welcome = Your password is set. Welcome to { $client }.
activate-used-title = This link was already used
activate-used-text = Your password is set. Sign in with your email and password.
activate-expired-title = This link has expired
activate-expired-text = Activation links work for 14 days. Ask the company that manages your account to send a new one.
activate-unknown-text = This link is not valid. Check that you copied all of it.

## Account chooser

accounts-title = Choose an account
accounts-groups = Group consoles
accounts-clients = Client accounts
accounts-empty-title = No accounts yet
accounts-empty-text = You are not a member of any account. Ask the person who manages your account to invite you.

## Client list

clients-title = Clients
clients-page-title = Clients · { $group }
clients-export = Export CSV
clients-export-utf8 = CSV (UTF-8)
clients-export-utf8-hint = For scripts, LibreOffice, Google Sheets, Excel on a Mac
clients-export-excel = CSV for Excel on Windows
clients-export-excel-hint = The same file, marked as UTF-8 so accents open right
clients-add = Add client
clients-empty-title = No clients yet
clients-empty-text = Clients you add are listed here, with their status, seller and owner.
clients-search = Search
clients-search-placeholder = Name, company, ID, identifier or owner email
clients-filter-status = Status
clients-filter-all-statuses = All statuses
clients-filter-seller = Seller
clients-filter-all-sellers = All sellers
clients-filter-my-clients = My clients
clients-filter-no-seller = No seller
clients-filter-test = Test accounts
clients-filter-test-hidden = No test accounts
clients-filter-test-only = Test accounts only
clients-filter-test-shown = With test accounts
clients-filter-apply = Apply
clients-filter-clear = Clear filters
clients-no-match-title = No client matches these filters
clients-no-match-text = Try another search or status, or clear the filters.
clients-caption = Clients of { $group }, { $first-text } to { $last-text } of { $total-text }
clients-col-name = Account name
clients-col-company = Company
clients-col-status = Status
clients-col-seller = Seller
clients-col-owner = Owner
clients-col-created = Created
clients-test-badge = Test
yes = Yes
no = No
owner-none = no owner
owner-none-invite = Invite
owner-none-invite-label = Invite a new owner for { $client }
owner-pending-days =
    { $days ->
        [0] owner pending, expires today
        [one] owner pending, expires in 1 day
       *[other] owner pending, expires in { $days-text } days
    }
pager-range = { $first-text }–{ $last-text } of { $total-text }
pager-previous = Previous
pager-next = Next
pager-page = Page { $page-text } of { $pages-text }
pager-label = Pages
pager-first = First
pager-last = Last
pager-range-more = { $first-text }–{ $last-text } of { $total-text }+
pager-page-open = Page { $page-text }
pager-goto = Page { $page-text }
clients-caption-more = Clients of { $group }, { $first-text } to { $last-text } of more than { $total-text }

## Client form

client-add-title = Add client
client-edit-title = { $client } · Edit client
client-tab-edit = Edit client
client-status = Status: { $status }
client-status-deletion-link = What happens next
client-section-main = Main settings
client-section-address = Address information
client-section-owner = Account owner
client-field-account_name = Account name
client-field-company_name = Company name
client-field-unique_identifier = Unique identifier (legal entity code)
client-field-billing_emails = Billing emails
client-field-active = Active client
client-field-custom_id = Name in your system
client-field-seller_id = Seller
client-field-test_account = Test account
client-field-language = Language of automatic emails
client-field-country = Country
client-field-region = Region
client-field-city = City
client-field-address = Address
client-field-postal_code = Postal code
client-billing-hint = Up to 10 addresses, separated by commas or new lines.
client-active-hint = When off, the client is disabled.
client-test-hint = Hidden from the client list unless test accounts are shown.
client-no-seller = No seller
client-choose-country = Choose a country
client-owner-password = Sign-in password (optional)
client-owner-hint = Leave the password empty to email the owner a link to set up their sign-in (valid for 14 days). If the address already has a Clientele account, the owner is asked to accept instead, and a password typed here is not used.
client-section-services = Services
client-services-hint = Preset to your group's service visibility. Leave them as they are and this client follows the group's settings; change any and its visibility is its own from the start (its Services tab can reset it).
client-create = Create client
client-save = Save changes
client-cancel = Cancel
client-owner-pending = Owner pending
client-owner-link-expires =
    { $days ->
        [0] the link expires today
        [one] the link expires in 1 day
       *[other] the link expires in { $days-text } days
    }
client-owner-resend = Send the owner's link again
client-owner-none = No owner: nobody owns this client.
client-owner-invite-title = Invite a new owner
client-owner-invite-hint = They get the owner's invitation by email, valid for 14 days, with a reminder on day 11. If the address already has a Clientele account, they accept it when signed in. Accepting makes them the owner.
client-owner-invite-send = Send the invitation
client-owner-invited = The owner's invitation was sent to { $email }.
client-owner-exists = This client has an owner, or one is invited already: nothing was sent.
client-stale-heading = Someone else saved this client while you were editing it. Nothing was overwritten.
client-stale-text = The form below now holds their changes, except where you changed the same field: there it keeps yours. Check these fields, then save again.
client-stale-field = Field
client-stale-saved = Saved now
client-stale-yours = Yours
client-stale-not-yours = not changed by you: the form shows the saved value
client-created = Client { $client } created. It shows “owner pending” until its owner signs in.
client-created-activation = Client { $client } created. The owner was emailed a link; the client shows “owner pending” until they use it.
client-saved = Changes saved.
client-unchanged = Nothing to save: no field was changed.
client-resent = A new link was sent to { $email }. The previous link no longer works.
client-nothing-to-resend = The owner is no longer pending: nothing was sent.
client-resend-too-soon = A link was sent to the owner less than a minute ago. Wait a minute before sending another.
## Email problems

emails-title = Email problems
emails-page-title = Email problems · { $group }
emails-intro = Emails that could not be delivered yet. Clientele retries each one for 24 hours (after 1 minute, then doubling up to every hour), then gives up and keeps it here with the error.
emails-empty-title = No email problems
emails-empty-text = Every email of { $group } was delivered or is on its way.
emails-caption = Emails not delivered
emails-col-recipient = Recipient
emails-col-kind = Email
emails-kind-test = Test email
emails-kind-owner = The owner's link to a new client account
emails-kind-invitation = Invitation
emails-kind-address = Change of sign-in address
emails-kind-password = Password reset
emails-kind-other = Email
emails-col-state = State
emails-col-attempts = Attempts
emails-col-error = Last error
emails-col-action = Action
emails-queued = Queued { $when }
emails-given-up = Given up
emails-retrying = Retrying
emails-given-up-at = Given up { $when }
emails-next-attempt = Next attempt { $when }
emails-retry = Retry now
emails-retried = The email to { $email } will be sent again within a minute.


## Vendor settings

nav-settings = Settings
settings-title = Vendor settings
settings-page-title = Vendor settings · { $group }
settings-visibility-legend = Global service visibility
settings-visibility-hint = Clients follow these switches until their own visibility is customised on their Services tab.
settings-visible = visible to clients
settings-notifications-legend = Deletion requests
settings-notify = Email the addresses below when a client asks to delete its account
settings-recipients = Recipients
settings-recipients-hint = Up to 10 addresses, separated by commas or new lines.
settings-save = Save settings
settings-saved = Settings saved.
settings-confirm-title = Check before saving: nothing is saved yet.
settings-confirm-services = The visibility of these services changes: { $services }.
settings-reach-inheriting =
    { $count ->
        [0] No client follows the group's switches, so no client changes.
        [one] 1 client follows the group's switches and will change.
       *[other] { $count-text } clients follow the group's switches and will change.
    }
settings-reach-customised =
    { $count ->
        [0] No client has its own visibility.
        [one] 1 client has its own visibility and will keep it.
       *[other] { $count-text } clients have their own visibility and will keep it.
    }
settings-confirm = Save and apply


## Services tab

client-tab-services = Services
services-title = { $client } · Services
services-inherits = This client follows the group's service visibility (vendor settings).
services-customised = This client has its own service visibility: the group's switches no longer change it.
services-reset = Reset to group defaults
services-col-service = Service
services-col-visibility = Visibility
services-col-status = Status
services-visible-inherited = visible (group default)
services-hidden-inherited = hidden (group default)
services-visible-own = visible (customised)
services-hidden-own = hidden (customised)
services-show = Show
services-hide = Hide
services-not-activated = not activated
services-activate = Activate service
services-change-status = Change status
services-hidden-note = hidden: show the service to activate it
services-confirm-hide = { $service } is in use. Hide it from the client anyway?
services-confirm-hide-button = Hide anyway
services-history = Status history
services-history-empty = No status changes yet.
services-visibility-saved = Visibility saved.
services-reset-saved = The client follows the group's service visibility again.
services-status-saved = Status saved.
service-hidden = A hidden service cannot be activated. Show it first.
error-choose-status = Choose a status from the list.
service-status-trial = Trial
service-status-active = Active
service-status-paused = Paused
service-status-trial_end = Trial ended
service-status-deleted = Deleted

## Client area

portal-eyebrow = Client account
portal-account-name = Account name
portal-company = Company
portal-status = Status
portal-owner = Account owner
portal-role = Your role
portal-nav-home = Overview
portal-services-empty-title = No services yet
portal-services-empty-text = The company that manages your account has not made any service available to you yet.
portal-services-read-only = The company that manages your account sets the status of your services.
portal-nav-account = Account
portal-account-title = Account details
portal-account-kept = Kept by the company that manages your account
portal-custom-id = Your customer reference
portal-account-kept-hint = These are set by the company that manages your account. Ask them to change them.
portal-account-read-only = You may see these details; changing them needs the account permission.
portal-account-stale = Someone else saved these details while you were editing them. Nothing you typed was saved: the form now shows what is stored. Make your change again.
portal-services-heading = Your services
disabled-title = This account is disabled
disabled-text = { $group } has disabled the client account { $client }, so its pages are closed for now. Your other accounts keep working.
disabled-contact-person = To use it again, contact { $name } ({ $email }).
disabled-contact-group = To use it again, contact { $group }.
disabled-other-accounts = Your other accounts

## Error pages

error-go-home = Go to the start page
dead-link-sign-in = Sign in
error-reference = Reference for support: { $id }
error-not-found-title = Page not found
error-not-found-text = There is nothing here, or you do not have access to it.
error-forbidden-title = Not allowed
error-forbidden-text = You are not allowed to do this.
error-invalid-title = Please check what you sent
error-invalid-text = Some of what was sent is not valid, so nothing was changed.
error-conflict-title = This has changed meanwhile
error-conflict-text = Someone changed this while you were working on it, so nothing was changed. Reload the page and try again.
error-csrf-title = Form expired
error-csrf-text = This form was out of date or did not come from Clientele, so nothing was changed. Go back, reload the page and try again.
error-sign-in-title = Sign-in required
error-sign-in-text = Please sign in.
error-bad-request-title = Bad request
error-bad-request-text = The request could not be understood.
error-unavailable-title = Temporarily unavailable
error-unavailable-text = The database is not answering right now. Please try again in a moment.
error-internal-title = Something went wrong
error-internal-text = An unexpected error happened; it has been logged. Please try again.
error-method-title = Not allowed here
error-method-text = This address does not answer that kind of request. Use the links and buttons of the console.
error-too-large-title = Too much at once
error-too-large-text = What was sent is larger than the console accepts, so nothing was changed. Shorten it and try again.

## Emails

email-footer = This email was sent by Clientele. Please do not reply to it.
email-test-subject = Clientele test email
email-test-heading = Email delivery works
email-test-body = This is a test email from Clientele. If you can read it, the mail settings are right.
email-test-sent-to = Sent to
email-test-button = Open Clientele
email-owner-subject = Your client account { $client } in Clientele
email-activation-greeting = Hello { $name },
email-activation-created = { $group } created a client account for you in Clientele: { $client }.
email-activation-action = Set your password to activate it and sign in.
email-activation-button = Set my password
email-activation-expiry = This link works once and expires in 14 days.
email-activation-ignore = If you did not expect this email, you can ignore it.
email-owner-invitation-body = { $group } named you the owner of a client account in Clientele: { $client }.
email-owner-invitation-action = Open the invitation to accept it. If you already use Clientele, you sign in as usual; otherwise you choose your password there.
email-owner-invitation-action-preset = Open the invitation to accept it. If you already use Clientele, you sign in as usual; otherwise you confirm your address there and sign in with the password { $group } gave you.
email-owner-reminder-subject = Reminder: your client account { $client } in Clientele
email-owner-reminder-body = { $group } named you the owner of a client account in Clientele: { $client }. The invitation is still waiting for you and expires on { $date }.
email-owner-reminder-either = This link and the one in our earlier email open the same invitation: either works once, until then.
email-invitation-subject = You are invited to { $account } in Clientele
email-invitation-greeting = Hello,
email-invitation-body =
    { $role ->
        [owner] { $inviter } named you the owner of the client account { $account } in Clientele.
       *[other] { $inviter } invited you to join { $account } in Clientele as { $role_name }.
    }
email-invitation-permissions = With it you may use: { $permissions }.
email-invitation-action = Open the invitation to accept or decline it. If you already use Clientele, you will sign in as usual; otherwise you will choose your name and a password.
email-invitation-button = Open the invitation
email-invitation-expiry = This link works once and expires in 7 days.
email-invitation-ignore = If you did not expect this invitation, you can ignore this email.
email-reset-subject = Choose a new Clientele password
email-reset-body = Someone asked to reset the password of your Clientele account. Choose a new one with the link below; every browser signed in to your account will be signed out.
email-reset-button = Choose a new password
email-reset-expiry = This link works once and expires in 1 hour.
email-reset-ignore = If you did not ask for this, ignore this email: your password stays as it is.
email-changed-subject = Your Clientele email address was changed
email-changed-body = The email address of your Clientele account was changed to { $email }. From now on, sign in with the new address.
email-changed-sessions = Every browser signed in to your account was signed out.
email-changed-not-you = If you did not expect this change, contact the people who run your account.
client-tab-users = Users
client-users-title = Users of { $client }
client-users-intro = The client's own users. Edit a person's name, email, language or role here; the client's owners and admins invite people from their client area.
client-user-edit = Edit
client-user-title = Edit { $name }
client-user-person = Person
client-user-saved = Changes saved.
client-user-email-changed = The address is now { $email }, and a new link was sent to it.
client-user-email-confirm = We emailed { $old } to confirm the change to { $new }. Until it is confirmed, the person keeps signing in with { $old }.
client-user-email-pending = A change of address to { $email } waits for this person to confirm it.
client-user-email-hint = The person confirms a new address from their current one; then every browser of theirs is signed out and the old address is told.
client-user-email-hint-pending = A new address takes effect at once: a new link goes to it, and the old one stops working.
client-user-owner-hint = The owner stays the owner until they transfer the ownership to an admin from their client area.
client-invited-owner-hint = The owner the client was created with has not accepted yet. Correct their name or address here: a new address gets a new link, valid 14 days, and the old link stops working.
client-users-deleted = This client was deleted: its users are kept as they were and cannot be changed.
email-change-subject = Confirm your new Clientele sign-in address
email-change-body = { $group } asked to change the address you sign in to Clientele with to { $email }.
email-change-action = If that is right, approve it with the button below. We will then send a link to the new address: opening it there finishes the change, signs every browser out of your account, and from then on you sign in with the new address.
email-change-button = Approve the change
email-change-expiry = This link works once and expires in 3 days.
email-change-ignore = If you did not expect this, ignore this email: your address stays as it is.
email-change-title = Approve the change of your address
email-change-intro = The people who run one of your accounts asked to change your sign-in address from { $old } to { $new }. Approve it, then open the link we will send to { $new } to finish.
email-change-submit = Approve and send the link
email-change-done = Your sign-in address is now { $email }. Sign in with it.
email-change-taken = { $email } already has a Clientele account of its own, so it cannot become the address of another one. Nothing was changed.
email-change-used-title = This link was already used
email-change-used-text = This link was used already, or replaced by a newer one.
email-change-expired-title = This link has expired
email-change-expired-text = Links of an address change work for 3 days. Ask the people who run your account to change it again.
email-change-unknown-text = This link is not valid. Check that you copied all of it.
email-change-approved = We sent a link to { $email }. Open it from that mailbox to finish the change; until then you sign in with your current address.
email-confirm-title = Confirm your new address
email-confirm-intro = Confirm { $new } as the address you sign in to Clientele with. Every browser signed in to your account will be signed out.
email-confirm-submit = Confirm this address
email-address-confirm-subject = Confirm your new Clientele sign-in address
email-address-confirm-body = You approved this address as the one you sign in to Clientele with. Confirm it with the button below to finish the change.
email-address-confirm-button = Confirm this address
email-address-confirm-ignore = If you did not ask for this, ignore this email: nothing changes.

## People, invitations

nav-staff = Staff
portal-nav-users = Users
staff-title = Staff
people-title = Users
people-col-name = Name
people-col-email = Email
people-col-role = Role
people-col-since = Member since
people-col-actions = Actions
people-col-sent = Sent
people-col-expires = Expires
people-col-state = Status
people-not-activated = not activated yet
people-change = Change
people-change-named = Change { $name }
people-sign-in = Sign-in
people-save = Save changes
people-remove = Remove
people-remove-confirm = Remove { $name } from { $account }? Their other accounts are not affected.
people-remove-button = Remove access
people-transfer = Transfer ownership
people-transfer-confirm = Make { $name } the owner of { $account }? You will become an admin.
people-transfer-button = Transfer ownership
people-permissions = Permissions
people-permissions-admin-hint = Admins and the owner have every permission.
people-access-all = All permissions
people-access-chosen = Only these:
people-invitations = Invitations
people-invitations-empty = No invitation waiting or left unaccepted in the last 30 days; accepted ones are listed above, as people.
people-invite = Invite someone
people-invite-button = Send invitation
people-invite-not-in-support = Invitations are not sent during support access: nothing done while signed in as a client's user may give anyone access. The client's own users invite people.
people-resend = Resend
people-revoke = Revoke
permission-account = Details and address
permission-services = Services
permission-users = Users
permission-billing = Billing emails
permission-none = no permission
invitation-state-pending = Pending
invitation-state-accepted = Accepted
invitation-state-declined = Declined
invitation-state-revoked = Revoked
invitation-state-expired = Expired
invitation-sent = Invitation sent to { $email }.
invitation-resent = A new invitation link was sent to { $email }; the previous link no longer works.
invitation-revoked = The invitation of { $email } was revoked.
invitation-resend-wait = This invitation was sent less than a minute ago. Wait a moment before sending it again.
invitation-closed-flash = This invitation is no longer open.
person-changed = The role and permissions of { $name } were saved.
person-role-changed = The role of { $name } was saved.
person-removed = { $name } no longer has access.
people-locked =
    { $minutes ->
        [one] locked out for 1 more minute
       *[other] locked out for { $minutes-text } more minutes
    }
people-unlock = Unlock sign-in
person-unlocked = { $name } can try to sign in again now. Their earlier failures still count: the next wrong password locks them out for longer.
unlock-elsewhere = That person also belongs to other accounts, which the lock protects too: it cannot be lifted from here. It lifts by itself after the time shown.
ownership-transferred = { $name } is now the owner. You are an admin.
ownership-to-admin = Ownership can only go to an admin. Make them an admin first.
error-choose-role = Choose one of the roles offered.
error-permissions-beyond-yours = You can only give permissions you have yourself.
error-invite-member = This person is already a member of this account.
error-invite-pending = This address has an open invitation already. Resend it from the list below.
error-email-taken = Another user has this email address.
accounts-invitations = Invitations for you
access-lost = You no longer have access to { $account }: you were removed from it, or it was deleted. Here are the accounts you have.
header-invitations = Invitations
header-invitations-waiting = waiting for your answer
invitation-expires-on = expires { $date }
invitation-invited-by = Invited by { $name }
invitation-permissions = With it you may use:
invitation-title = Invitation
invitation-heading = Join { $account }
invitation-intro = This invitation was sent to { $email }, with the role { $role }.
invitation-accept = Accept
invitation-decline = Decline
invitation-accept-new = Accept and create my account
invitation-other-user = You are signed in as { $signed_in }, but this invitation is for { $email }. Sign out, then open the link again and sign in with that address.
invitation-sign-in-first = You already have a Clientele account with this address. Sign in to accept the invitation.
invitation-sign-in = Sign in to accept
invitation-new-user = Choose your name and a password to accept.
invitation-confirm-user = Check your name, then confirm: you will sign in with the password the company that manages your account gave you.
invitation-confirm-submit = Confirm and sign in
invitation-joined = Welcome to { $account }.
invitation-declined-flash = You declined the invitation to { $account }.
invitation-accepted-title = Invitation already accepted
invitation-accepted-text = This invitation was accepted already. Sign in to open the account.
invitation-declined-title = Invitation declined
invitation-declined-text = This invitation was declined. If that was a mistake, ask the person who invited you to send a new one.
invitation-revoked-title = Invitation withdrawn
invitation-revoked-text = This invitation was withdrawn. Ask the person who invited you if you still need access.
invitation-expired-title = Invitation expired
invitation-expired-text = This invitation link expired. Ask the person who invited you to send it again.
invitation-unknown-text = This invitation link is not valid. If you received a newer invitation email, use its link.

## Support access (impersonation)
impersonation-log-in = Log in
impersonation-section = Support access
impersonation-section-hint = Sign in as this client's owner (or, without one, its oldest admin) to see and do what they do. Every action is recorded with your name; it ends when you return to the console, after 30 idle minutes or after 4 hours.
impersonation-reason = Reason (optional)
impersonation-reason-hint = Shown to the client's owner and admins under Support access. Up to 500 characters.
impersonation-log-in-admin = Log in as the client's admin user
impersonation-returned = You are back in the console. Your session as { $name } for { $client } has ended.
impersonation-ended-flash = Your session as { $name } for { $client } has ended: { $why }.
impersonation-ended-exit = returned to the console
impersonation-ended-sign_out = signed out
impersonation-ended-idle = 30 minutes without activity
impersonation-ended-lifetime = 4 hours reached
impersonation-ended-rights_revoked = your access to the group was removed
impersonation-ended-client_closed = the client was disabled or deleted
impersonation-ended-target_gone = the user is no longer the client's owner or admin
impersonation-end-exit = returned to the console
impersonation-end-sign_out = signed out
impersonation-end-idle = 30 minutes without activity
impersonation-end-lifetime = 4 hours reached
impersonation-end-rights_revoked = their access to the group was removed
impersonation-end-client_closed = the client was disabled or deleted
impersonation-end-target_gone = the user is no longer the client's owner or admin
impersonation-refused-title = Not while signed in as a client's user
impersonation-refused-text = You are signed in as one of a client's users. Their password, email address, two-step sign-in, invitations, account ownership, account deletion and new accounts are for them to change, and you cannot sign in as another client from here. Return to the console first.
impersonation-refused-deleted = This client was deleted: nobody can sign in as its users.
impersonation-refused-disabled = This client is disabled: switch it back on before signing in as its users.
impersonation-refused-no-user = This client has no owner or admin who can sign in yet (an invitation may still be pending).
impersonation-refused-self = You are this client's owner or admin yourself: open its client area from your accounts.
impersonation-profile-read-only = This is the profile of the person you are signed in as. Their name, language, password and sign-in are theirs to change: nothing here can be changed on their behalf.
login-signed-out-support = You are signed out, and your session as a client's user has ended too.
clients-col-actions = Actions
clients-open-id = Open client { $id }
clients-edit = Edit
client-tab-history = History
nav-activity = Activity
portal-nav-support = Support access

## Audit views
history-title = History · { $client }
activity-title = Activity
activity-filter-client = Client
activity-filter-person = Person
activity-filter-person-placeholder = Name or email
activity-filter-action = Action
activity-filter-all-actions = All actions
activity-filter-from = From
activity-filter-to = To
activity-date-unreadable = Not a date (use YYYY-MM-DD); left out.
activity-no-match-title = Nothing matches these filters
activity-no-match-text = Change or clear the filters to see more.
activity-empty-title = Nothing recorded yet
activity-empty-text = Every change is recorded here: who made it, when, and the fields changed.
activity-caption = Recorded changes, newest first
activity-col-when = When
activity-col-who = Who
activity-col-client = Client
activity-col-action = Action
activity-col-changes = Changes
activity-who-as = { $who } (as { $as })
activity-page = Page { $page-text }
audit-by-scheduler = Scheduler
audit-by-command-line = Command line
audit-field-status = Status of { $service }
audit-field-visible = { $service } visible
audit-field-language = Language
audit-field-role = Role
audit-field-owner = Owner
audit-field-user = User
audit-field-as-user = Signed in as
audit-field-reason = Reason
audit-field-ended-by = Ended
audit-field-services-customised = Own service visibility
audit-field-name = Name
audit-field-code = Code
audit-field-kind = Kind
audit-action-client-created = Client added
audit-action-client-updated = Client edited
audit-action-client-services-visibility = Service visibility changed
audit-action-service-status-changed = Service status changed
audit-action-service-added = Service added to the catalogue
audit-action-owner-changed = Owner changed
audit-action-owner-invited = New owner invited
audit-action-owner-activated = Owner activated the account
audit-action-owner-activation-resent = Activation link sent again
audit-action-owner-activation-expired = Owner's activation expired
audit-action-owner-activation-reminded = Reminder sent to the owner
audit-action-invitation-sent = Invitation sent
audit-action-invitation-resent = Invitation sent again
audit-action-invitation-revoked = Invitation revoked
audit-action-invitation-accepted = Invitation accepted
audit-action-invitation-declined = Invitation declined
audit-action-invitation-expired = Invitation expired
audit-action-member-changed = User's role or permissions changed
audit-action-member-removed = User removed
audit-action-ownership-transferred = Ownership transferred
audit-action-user-changed = User edited
audit-action-user-email-change-requested = Email change requested
audit-action-user-email-change-approved = Email change approved
audit-action-user-email-changed = Email changed
audit-action-user-password-changed = Password changed
audit-action-user-password-reset = Password reset
audit-action-user-profile-changed = Profile edited
audit-action-user-signed-out-everywhere = Signed out everywhere
audit-action-user-unlocked = Sign-in unlocked
audit-action-group-created = Group created
audit-action-group-settings-updated = Vendor settings changed
audit-action-email-retried = Email retried
audit-action-impersonation-started = Support access started
audit-action-impersonation-ended = Support access ended
audit-action-impersonation-refused = Refused during support access

## Support access list (client area)
support-title = Support access
support-intro = When someone of your provider's team signs in as one of your users to help you, it is listed here: who, when, for how long and why. Everything they do is also recorded with their name.
support-empty-title = Nobody has used support access
support-empty-text = When your provider's team signs in as one of your users, it will be listed here.
support-col-who = Who
support-col-when = When
support-col-duration = How long
support-col-reason = Reason
support-as = signed in as { $name }
support-no-reason = no reason given
support-ongoing = ongoing
support-minutes =
    { $minutes ->
        [0] less than a minute
        [one] 1 minute
       *[other] { $minutes-text } minutes
    }

## Deletion
email-deletion-requested-subject = { $client } asked to delete its account
email-deletion-requested-body = The owner of { $client } asked to delete the client account. Its services were stopped at once.
email-deletion-requested-due = It will be deleted on { $date } unless you cancel the request before then.
email-deletion-requested-button = Open the request
email-deletion-cancelled-subject = The deletion of { $client } was cancelled
email-deletion-cancelled-body = { $group } cancelled the request to delete the account { $client }. Its services are back as they were.
email-client-deleted-subject = The account { $client } was deleted
email-client-deleted-body = The client account { $client } at { $group } was deleted. Its users can no longer open it.
emails-kind-deletion = Account deletion
portal-nav-deletion = Delete account
deletion-portal-title = Delete account
deletion-scheduled =
    Scheduled for deletion on { $date } ({ $days ->
        [0] the last day
        [one] 1 day left
       *[other] { $days-text } days left
    }).
deletion-scheduled-help = Its services are stopped. The company that manages your account can still cancel the request.
deletion-what-happens = What happens
deletion-what-happens-text = Every service of the account stops at once. The company that manages your account has 10 days to cancel the request; after that the account is deleted and its users can no longer open it.
deletion-nothing-running = No service is running: nothing stops now.
deletion-services-stop = These services stop now:
deletion-not-on-behalf = Only the account's owner can ask for its deletion, signed in as themselves.
deletion-confirm-label = I understand that the services stop now and that the account is deleted in 10 days.
deletion-confirm-tick = Tick the box to confirm.
deletion-request-button = Ask to delete this account
deletion-already-open = A deletion request is already open for this account.
deletion-tab-title = Delete client · { $client }
client-tab-deletion = Delete client
deletion-client-deleted = This client was deleted on { $date }. Its record and history are kept, read-only.
deletion-open-heading = Deletion requested
deletion-requested-by = Requested by
deletion-requested-on = Requested on
deletion-due-on = Deletion date
deletion-days-left =
    { $days ->
        [0] the last day
        [one] 1 day left
       *[other] { $days-text } days left
    }
deletion-note = Note
deletion-note-hint = Why the request is cancelled; kept in the history below.
deletion-cancel-button = Cancel the deletion request
deletion-delete-heading = Delete account
deletion-delete-text = Deleting the account is final: its users lose access to it (their other accounts stay), its services are marked deleted and its pending invitations are revoked. The record and its history are kept.
deletion-goes-users = Users who lose access
deletion-goes-services = Services
deletion-goes-invitations = Pending invitations
deletion-goes-none = None.
deletion-type-name = Type the account name ({ $client }) to confirm
deletion-delete-button = Delete account
deletion-history-heading = Deletion requests
deletion-history-empty = No deletion was ever requested.
deletion-col-requested = Requested
deletion-col-outcome = Outcome
deletion-col-note = Note
deletion-outcome-open = Open
deletion-outcome-cancelled = Cancelled
deletion-outcome-deleted = Deleted
deletion-outcome-deleted-by-staff = Deleted by staff without a request
deletion-someone = someone
deletion-note-required = Write why the request is cancelled.
deletion-note-too-long = At most 1,000 characters.
deletion-confirm-wrong = Type the account name exactly as shown.
deletion-cancelled-flash = Deletion request cancelled. The services are back as they were.
deletion-none-open = There is no open deletion request.
deletion-deleted-flash = { $client } was deleted.
deletion-already-deleted = This client was deleted already.
deletion-read-only = This client was deleted: its record is kept, read-only.
audit-action-deletion-requested = Deletion requested
audit-action-deletion-cancelled = Deletion request cancelled
audit-action-client-deleted = Client deleted
audit-field-due = Deletion date
audit-field-note = Note
audit-field-users = Users
audit-field-invitations = Invitations
audit-field-attempt = Attempted
audit-field-client-status = Status
clients-filter-deletion = Deletion
clients-filter-deletion-any = Deletion: any
clients-filter-deletion-requested = Deletion requested

## Two-step verification (profile, sign-in, staff, settings)
profile-two-step = Two-step verification
profile-two-step-on = On: signing in asks for a code from your authenticator app after your password.
profile-two-step-off = Off: signing in asks for your password only.
profile-two-step-manage = Manage two-step verification
two-step-title = Two-step verification
two-step-intro = With two-step verification on, signing in asks for your password and then a 6-digit code from an authenticator app on your phone (such as Google Authenticator, Microsoft Authenticator, 1Password or Aegis). Someone who learns your password still cannot sign in.
two-step-off-heading = Two-step verification is off
two-step-set-up = Set up two-step verification
two-step-enrol-heading = Set up two-step verification
two-step-enrol-scan = Open your authenticator app and scan this QR code.
two-step-qr-alt = QR code to scan with an authenticator app
two-step-enrol-type = Cannot scan it? Type this key into the app instead:
two-step-enrol-confirm = Enter the 6-digit code the app now shows, to confirm it works.
two-step-code = Code from the app
two-step-confirm = Turn on two-step verification
two-step-code-wrong = That code is not right. Enter the 6-digit code the app shows now (codes change every 30 seconds).
two-step-start-again = The set-up ran out. Start it again.
two-step-enabled = Two-step verification is on.
two-step-codes-heading = Your recovery codes
two-step-codes-intro = If you lose your phone, each of these codes signs you in once instead of a code from the app. Print them or keep them in your password manager.
two-step-codes-once = They are shown only now. You can make new ones at any time; the old ones then stop working.
two-step-on-heading = Two-step verification is on
two-step-on-since = On since { $date }.
two-step-codes-left =
    { $count ->
        [one] 1 recovery code left.
       *[other] { $count-text } recovery codes left.
    }
two-step-renew-codes = Make new recovery codes
two-step-codes-renewed = New recovery codes made; the old ones no longer work.
two-step-turn-off = Turn off two-step verification
two-step-disabled = Two-step verification is off.
two-step-required-by = Required by { $groups }: it cannot be turned off while you are on their staff.
two-step-required-keep = A group you are staff of requires two-step verification: it cannot be turned off.
two-step-required-owner-first = Turn on two-step verification for yourself first (on your profile): otherwise this would lock you out of this console.
two-step-required-flash = { $group } requires two-step verification of its staff. Set it up to open its console.
two-step-reset-done = Two-step verification of { $name } was reset: they sign in with their password and set it up again.
two-step-reset-off = That person does not use two-step verification.
login-two-step-intro = Enter the 6-digit code from your authenticator app.
login-two-step-code = Code
login-two-step-hint = Lost your phone? Enter one of your recovery codes instead.
login-two-step-submit = Verify
login-two-step-restart = Start again
login-two-step-expired = That took too long. Enter your email and password again.
login-two-step-enter = Enter the code from your app, or a recovery code.
login-two-step-wrong = That code is not right, or was used already. Enter the code the app shows now, or a recovery code.
settings-security-legend = Security
settings-two-step-required = Require two-step verification of the staff
settings-two-step-hint = Staff members without it are asked to set it up before they can open this console.
settings-two-step-owner-only = Only the group's owner can change this.
settings-two-step-save = Save security setting
people-two-step = Two-step
people-two-step-reset = Reset two-step verification
audit-action-user-two-step-enabled = Two-step verification turned on
audit-action-user-two-step-disabled = Two-step verification turned off
audit-action-user-recovery-codes-renewed = New recovery codes made
audit-action-user-recovery-code-used = Signed in with a recovery code
audit-action-user-two-step-reset = Two-step verification reset
audit-action-group-two-step-required-changed = Two-step verification requirement changed
two-step-reset-elsewhere = That person also belongs to other accounts, which their two-step verification protects too: it cannot be reset from here. The operator of this console can reset it (clientele reset-two-step).

## Saved views and columns of the client list (issue 17)

clients-col-id = ID
clients-col-custom-id = Name in your system
clients-col-unique-identifier = Unique identifier
clients-col-country = Country
clients-col-city = City
views-label = Views
views-default-mark = default
views-all-clients = All clients
views-my-clients = My clients
views-save-title = Save view
views-name = View name
views-make-default = Open the client list with this view
views-save-hint = Saves the sort, filters and columns shown now. A view with the same name is replaced.
views-save = Save view
views-columns-title = Columns
views-columns-legend = Show these columns
views-columns-hint = Your choice, in every group; the CSV export has the same columns.
views-columns-save = Show columns
views-manage-title = Manage views
views-default-label = Open the client list with
views-default-none = All clients (no saved view)
views-default-none-seller = My clients (no saved view)
views-default-save = Save default
views-delete = Delete
views-delete-named = Delete the view { $name }
views-columns-saved = Columns saved.
views-saved = View { $name } saved.
views-replaced = View { $name } replaced with this list.
views-default-set = The client list now opens with { $name }.
views-default-cleared = The client list opens without a saved view again.
views-deleted = View { $name } deleted.
error-enter-view-name = Enter a name for the view.
error-too-many-views = You have { $max-text } views, the most there can be: delete one first.

## Bulk actions on the client list (issue 17)

bulk-label = Bulk action on the clients ticked
bulk-action = With the clients ticked
bulk-choose = Choose an action…
bulk-action-disable = Disable
bulk-action-enable = Enable
bulk-action-seller = Assign a seller
bulk-action-test = Mark as test accounts
bulk-action-not-test = Unmark as test accounts
bulk-action-export = Export to CSV
bulk-seller = Seller (to assign)
bulk-all-matching =
    { $count ->
        [one] Or the 1 client matching the filters
       *[other] Or all { $count-text } clients matching the filters
    }
bulk-all-matching-more = Or all clients matching the filters (more than { $count-text })
bulk-continue = Continue
bulk-select-column = Select
bulk-select-named = Select { $name }
bulk-choose-action = Choose what to do with the clients ticked.
bulk-choose-clients = Tick the clients to change, or choose all clients matching the filters.
bulk-confirm-heading = Confirm the bulk action
bulk-do-disable =
    { $count ->
        [one] Disable 1 client
       *[other] Disable { $count-text } clients
    }
bulk-do-enable =
    { $count ->
        [one] Enable 1 client
       *[other] Enable { $count-text } clients
    }
bulk-do-seller =
    { $count ->
        [one] Make { $seller } the seller of 1 client
       *[other] Make { $seller } the seller of { $count-text } clients
    }
bulk-do-no-seller =
    { $count ->
        [one] Remove the seller of 1 client
       *[other] Remove the seller of { $count-text } clients
    }
bulk-do-test =
    { $count ->
        [one] Mark 1 client as a test account
       *[other] Mark { $count-text } clients as test accounts
    }
bulk-do-not-test =
    { $count ->
        [one] Unmark 1 test account
       *[other] Unmark { $count-text } test accounts
    }
bulk-will-change =
    { $count ->
        [one] 1 client will change:
       *[other] { $count-text } clients will change:
    }
bulk-unchanged =
    { $count ->
        [one] 1 other selected is that way already (or deleted) and stays as it is.
       *[other] { $count-text } others selected are that way already (or deleted) and stay as they are.
    }
bulk-and-more =
    { $count ->
        [one] and 1 more
       *[other] and { $count-text } more
    }
bulk-audit-note = Each client's history records the change.
bulk-nothing =
    { $count ->
        [one] Nothing to change: the client selected is that way already (or deleted).
       *[other] Nothing to change: the { $count-text } clients selected are that way already (or deleted).
    }
bulk-too-many = More than { $max-text } clients match: one bulk action changes at most { $max-text }. Narrow the filters and try again.
bulk-list-changed = The list changed since you looked: here is what the action would do now. Nothing was changed.
bulk-client-refused = { $client } cannot be saved as it is stored (a field no longer passes the checks): open its Edit client tab and fix it, or leave it out. Nothing was changed.
bulk-back = Back to the clients
bulk-cancel = Cancel
bulk-done-disable =
    { $count ->
        [one] 1 client disabled.
       *[other] { $count-text } clients disabled.
    }
bulk-done-enable =
    { $count ->
        [one] 1 client enabled.
       *[other] { $count-text } clients enabled.
    }
bulk-done-seller =
    { $count ->
        [one] 1 client's seller changed.
       *[other] { $count-text } clients' seller changed.
    }
bulk-done-test =
    { $count ->
        [one] 1 client marked as a test account.
       *[other] { $count-text } clients marked as test accounts.
    }
bulk-done-not-test =
    { $count ->
        [one] 1 client unmarked as a test account.
       *[other] { $count-text } clients unmarked as test accounts.
    }

## Personal API tokens (issue 17)

profile-tokens = API tokens
profile-tokens-intro = Personal tokens for the read-only API (/api/v1, described at /api/v1/openapi.json): a script sends one as Authorization: Bearer …, and sees what you see. Revoke a token you no longer use.
profile-token-copy-now = Copy your new token now: it is shown only this once.
profile-token-name = Token name
profile-token-created = Made
profile-token-last-used = Last used
profile-token-never = never
profile-token-revoked-on = revoked on { $date }
profile-token-revoke = Revoke
profile-token-revoke-named = Revoke the token { $name }
profile-token-make = Make a token
profile-token-made = Token { $name } made.
profile-token-revoked = Token revoked: it opens nothing any more.
error-enter-token-name = Name the token (what uses it).
error-too-many-tokens = You have { $max-text } tokens, the most there can be: revoke one first.

# The operators' status page (issue 18)
nav-system = System status
system-title = System status
system-page-title = System status · { $group }
system-intro = How this installation is doing: for the people who run it. Counts and times are read now; the mail figures are this instance's since it started.
system-section-server = Server
system-version = Version
system-uptime = Up for
system-uptime-value = { $days } d { $hours } h { $minutes } min
system-section-database = Database
system-database-kind = Kind
system-database-size = Size
system-migrations = Migrations applied
system-migrations-pending = { $count } waiting (applied at the next start)
system-section-mail = Email
system-outbox = Waiting to be sent
system-outbox-oldest = the oldest due since { $when }
system-outbox-none-due = none is due
system-transport = Sent through
system-mail-last-error = Last delivery error
system-mail-no-error = None since this instance started
system-section-jobs = Scheduled jobs
system-jobs-caption = The last run of each scheduled job, on any instance
system-col-job = Job
system-col-last-run = Last run
system-col-result = Result
system-job-never = Not run yet
system-job-ok = OK · { $rows } changed
system-job-failed = Failed
job-sessions = Expired sessions removed
job-setup-links = Expired set-up links removed
job-sign-in-failures = Old failed sign-ins removed
job-reset-links = Old password reset links removed
job-email-change-links = Old email change links removed
job-support-access = Support access ended
job-pending-owners = Owners removed for not activating
job-owner-reminders = Owners reminded on day 11 of 14
job-invitations = Invitations expired
job-deletions = Clients deleted after their 10 days
