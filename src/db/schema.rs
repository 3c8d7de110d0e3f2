//! The one schema for both backends. Ids are `BigInt` (INTEGER in SQLite, BIGINT in
//! PostgreSQL); timestamps are UTC `Timestamp`s written by the application.

diesel::table! {
    users (id) {
        id -> BigInt,
        email -> Text,
        first_name -> Text,
        last_name -> Text,
        language -> Text,
        password_hash -> Nullable<Text>,
        totp_secret -> Nullable<Text>,
        activated_at -> Nullable<Timestamp>,
        disabled_at -> Nullable<Timestamp>,
        created_at -> Timestamp,
        updated_at -> Timestamp,
        totp_enabled_at -> Nullable<Timestamp>,
        totp_last_step -> Nullable<BigInt>,
        list_columns -> Text,
    }
}

diesel::table! {
    accounts (id) {
        id -> BigInt,
        kind -> Text,
        parent_id -> Nullable<BigInt>,
        name -> Text,
        name_key -> Text,
        company_name -> Text,
        company_key -> Text,
        unique_identifier -> Nullable<Text>,
        unique_identifier_key -> Nullable<Text>,
        billing_emails -> Text,
        active -> Bool,
        custom_id -> Nullable<Text>,
        custom_id_key -> Nullable<Text>,
        seller_id -> Nullable<BigInt>,
        test_account -> Bool,
        language -> Text,
        country -> Text,
        region -> Text,
        city -> Text,
        address -> Text,
        postal_code -> Text,
        status -> Text,
        status_rank -> Integer,
        seller_rank -> Integer,
        search_key -> Text,
        services_customised -> Bool,
        notification_emails -> Text,
        version -> Integer,
        created_at -> Timestamp,
        updated_at -> Timestamp,
        deleted_at -> Nullable<Timestamp>,
        deletion_notifications -> Bool,
    }
}

diesel::table! {
    memberships (id) {
        id -> BigInt,
        account_id -> BigInt,
        user_id -> BigInt,
        role -> Text,
        permissions -> Text,
        created_at -> Timestamp,
        updated_at -> Timestamp,
    }
}

diesel::table! {
    services (id) {
        id -> BigInt,
        code -> Text,
        name -> Text,
        position -> Integer,
        created_at -> Timestamp,
    }
}

diesel::table! {
    group_services (group_id, service_id) {
        group_id -> BigInt,
        service_id -> BigInt,
        visible -> Bool,
        updated_at -> Timestamp,
    }
}

diesel::table! {
    client_services (client_id, service_id) {
        client_id -> BigInt,
        service_id -> BigInt,
        visible -> Bool,
        status -> Nullable<Text>,
        status_before_deletion -> Nullable<Text>,
        updated_at -> Timestamp,
    }
}

diesel::table! {
    invitations (id) {
        id -> BigInt,
        account_id -> BigInt,
        email -> Text,
        role -> Text,
        permissions -> Text,
        token_hash -> Text,
        invited_by -> Nullable<BigInt>,
        created_at -> Timestamp,
        expires_at -> Timestamp,
        accepted_at -> Nullable<Timestamp>,
        declined_at -> Nullable<Timestamp>,
        revoked_at -> Nullable<Timestamp>,
        sent_at -> Timestamp,
        expired_at -> Nullable<Timestamp>,
        accepted_by -> Nullable<BigInt>,
        first_name -> Text,
        last_name -> Text,
        password_hash -> Nullable<Text>,
        reminded_at -> Nullable<Timestamp>,
        earlier_token_hash -> Nullable<Text>,
    }
}

diesel::table! {
    impersonations (id) {
        id -> BigInt,
        group_id -> BigInt,
        client_id -> BigInt,
        staff_user_id -> BigInt,
        target_user_id -> BigInt,
        reason -> Nullable<Text>,
        started_at -> Timestamp,
        last_seen_at -> Timestamp,
        ended_at -> Nullable<Timestamp>,
        end_reason -> Nullable<Text>,
    }
}

diesel::table! {
    sign_in_unlocks (email) {
        email -> Text,
        unlocked_at -> Timestamp,
    }
}

diesel::table! {
    sign_in_failures (id) {
        id -> BigInt,
        email -> Text,
        ip -> Nullable<Text>,
        at -> Timestamp,
    }
}

diesel::table! {
    tokens (id) {
        id -> BigInt,
        purpose -> Text,
        token_hash -> Text,
        user_id -> Nullable<BigInt>,
        email -> Nullable<Text>,
        account_id -> Nullable<BigInt>,
        created_at -> Timestamp,
        expires_at -> Timestamp,
        used_at -> Nullable<Timestamp>,
    }
}

diesel::table! {
    deletion_requests (id) {
        id -> BigInt,
        client_id -> BigInt,
        requested_by -> Nullable<BigInt>,
        requested_at -> Timestamp,
        due_at -> Timestamp,
        cancelled_at -> Nullable<Timestamp>,
        cancelled_by -> Nullable<BigInt>,
        cancel_note -> Nullable<Text>,
        completed_at -> Nullable<Timestamp>,
        completed_by -> Nullable<BigInt>,
        by_staff -> Bool,
    }
}

diesel::table! {
    audit_events (id) {
        id -> BigInt,
        at -> Timestamp,
        actor_id -> Nullable<BigInt>,
        actor_email -> Nullable<Text>,
        impersonator_id -> Nullable<BigInt>,
        impersonator_email -> Nullable<Text>,
        group_id -> Nullable<BigInt>,
        account_id -> Nullable<BigInt>,
        action -> Text,
        changes -> Text,
        ip -> Nullable<Text>,
    }
}

diesel::table! {
    outbox (id) {
        id -> BigInt,
        group_id -> Nullable<BigInt>,
        to_address -> Text,
        language -> Text,
        template -> Text,
        subject -> Text,
        body_text -> Text,
        body_html -> Text,
        attempts -> Integer,
        next_attempt_at -> Timestamp,
        claimed_until -> Nullable<Timestamp>,
        sent_at -> Nullable<Timestamp>,
        failed_at -> Nullable<Timestamp>,
        last_error -> Nullable<Text>,
        give_up_at -> Timestamp,
        created_at -> Timestamp,
    }
}

diesel::table! {
    sessions (id) {
        id -> Text,
        user_id -> Nullable<BigInt>,
        state -> Text,
        created_at -> Timestamp,
        expires_at -> Timestamp,
    }
}

diesel::table! {
    client_counts (group_id, seller_id, status, test_account) {
        group_id -> BigInt,
        seller_id -> BigInt,
        status -> Text,
        test_account -> Bool,
        n -> BigInt,
    }
}

diesel::joinable!(memberships -> accounts (account_id));
diesel::table! {
    job_runs (job) {
        job -> Text,
        started_at -> Timestamp,
        finished_at -> Timestamp,
        ok -> Bool,
        rows_affected -> BigInt,
        error -> Nullable<Text>,
    }
}

diesel::table! {
    operator_groups (group_id) {
        group_id -> BigInt,
        since -> Timestamp,
    }
}

diesel::table! {
    two_step_groups (group_id) {
        group_id -> BigInt,
        since -> Timestamp,
    }
}

diesel::table! {
    recovery_codes (id) {
        id -> BigInt,
        user_id -> BigInt,
        code_hash -> Text,
        used_at -> Nullable<Timestamp>,
        created_at -> Timestamp,
    }
}

diesel::joinable!(memberships -> users (user_id));
diesel::joinable!(client_services -> services (service_id));
diesel::joinable!(group_services -> services (service_id));
diesel::joinable!(invitations -> accounts (account_id));

diesel::table! {
    list_views (id) {
        id -> BigInt,
        user_id -> BigInt,
        group_id -> BigInt,
        name -> Text,
        name_key -> Text,
        query -> Text,
        is_default -> Bool,
        created_at -> Timestamp,
        updated_at -> Timestamp,
    }
}

diesel::table! {
    api_tokens (id) {
        id -> BigInt,
        user_id -> BigInt,
        name -> Text,
        token_hash -> Text,
        created_at -> Timestamp,
        last_used_at -> Nullable<Timestamp>,
        revoked_at -> Nullable<Timestamp>,
    }
}

diesel::joinable!(api_tokens -> users (user_id));

diesel::allow_tables_to_appear_in_same_query!(
    users,
    accounts,
    memberships,
    services,
    group_services,
    client_services,
    invitations,
    tokens,
    deletion_requests,
    audit_events,
    outbox,
    sessions,
    sign_in_failures,
    sign_in_unlocks,
    impersonations,
    client_counts,
    recovery_codes,
    two_step_groups,
    job_runs,
    operator_groups,
    list_views,
    api_tokens,
);
