//! The client list's search, the one place where the two backends search differently:
//! SQLite reads FTS5 trigram tables (`accounts_search`, `users_search`), PostgreSQL
//! trigram GIN indexes (pg_trgm) through `LIKE`. Both find the same clients: substrings
//! of a client's name, company, custom id or unique identifier, compared folded (case and
//! accents ignored, [`fold`]), and of its owner's address (or its invited owner's).
//!
//! A needle shorter than three characters has no trigram: it is matched by `LIKE` on
//! both backends (a scan, bounded by the list's limit and the count's cap).

use diesel::QueryResult;
use diesel::expression::{AppearsOnTable, Expression, ValidGrouping};
use diesel::query_builder::{AstPass, QueryFragment, QueryId};
use diesel::sql_types::{Bool, Text};
use unicode_normalization::UnicodeNormalization;
use unicode_normalization::char::is_combining_mark;

use super::{MultiBackend, escape_like};

/// Lower case without accents: "Água Viva" → "agua viva". What `search_key` holds and
/// what a needle is compared as.
pub fn fold(s: &str) -> String {
    s.nfd()
        .filter(|c| !is_combining_mark(*c))
        .collect::<String>()
        .to_lowercase()
}

/// A client's `search_key`: its searchable fields folded, one a line (a needle, which
/// holds no line break, never matches across two of them).
pub fn search_key(fields: &[Option<&str>]) -> String {
    fields
        .iter()
        .map(|f| fold(f.unwrap_or("").trim()))
        .collect::<Vec<_>>()
        .join("\n")
}

/// The condition "this client matches the needle" on `accounts`.
#[derive(Debug, Clone)]
pub struct ClientSearch {
    /// The needle folded (for the clients' own fields).
    folded: String,
    /// The needle lower-cased (addresses are stored lower-cased, accents kept).
    lower: String,
    /// `"needle"` as an FTS5 phrase, and `%needle%` as `LIKE` patterns.
    folded_phrase: String,
    lower_phrase: String,
    folded_like: String,
    lower_like: String,
}

pub fn client_search(needle: &str) -> ClientSearch {
    let folded = fold(needle);
    let lower = needle.to_lowercase();
    let phrase = |s: &str| format!("\"{}\"", s.replace('"', "\"\""));
    let like = |s: &str| format!("%{}%", escape_like(s));
    ClientSearch {
        folded_phrase: phrase(&folded),
        lower_phrase: phrase(&lower),
        folded_like: like(&folded),
        lower_like: like(&lower),
        folded,
        lower,
    }
}

/// The open owner invitations (a client's owner before they accept), by address.
const INVITED_OWNERS: &str = " UNION ALL SELECT i.account_id FROM invitations i \
    WHERE i.role = 'owner' AND i.accepted_at IS NULL AND i.declined_at IS NULL \
    AND i.revoked_at IS NULL AND i.expired_at IS NULL AND i.email LIKE ";

impl Expression for ClientSearch {
    type SqlType = Bool;
}

impl<QS> AppearsOnTable<QS> for ClientSearch {}

impl<G> ValidGrouping<G> for ClientSearch {
    type IsAggregate = diesel::expression::is_aggregate::Never;
}

impl QueryId for ClientSearch {
    type QueryId = ();
    const HAS_STATIC_QUERY_ID: bool = false;
}

/// `accounts.id IN (matches of the fields UNION ALL owners UNION ALL invited owners)`:
/// one `IN` at the top of the filter, which PostgreSQL turns into a semi-join driven by
/// the trigram indexes and SQLite into rowid look-ups, however many clients the group has.
impl QueryFragment<MultiBackend> for ClientSearch {
    fn walk_ast<'b>(&'b self, mut out: AstPass<'_, 'b, MultiBackend>) -> QueryResult<()> {
        let sqlite = matches!(out.backend(), MultiBackend::Sqlite(_));
        let trigrams = |s: &str| s.chars().count() >= 3;
        out.push_sql("accounts.id IN (");
        if sqlite && trigrams(&self.folded) {
            out.push_sql("SELECT rowid FROM accounts_search WHERE accounts_search MATCH ");
            out.push_bind_param::<Text, String>(&self.folded_phrase)?;
        } else {
            out.push_sql("SELECT a.id FROM accounts a WHERE a.search_key LIKE ");
            out.push_bind_param::<Text, String>(&self.folded_like)?;
            out.push_sql(" ESCAPE '\\'");
        }
        out.push_sql(
            " UNION ALL SELECT m.account_id FROM memberships m \
             WHERE m.role = 'owner' AND m.user_id IN (",
        );
        if sqlite && trigrams(&self.lower) {
            out.push_sql("SELECT rowid FROM users_search WHERE users_search MATCH ");
            out.push_bind_param::<Text, String>(&self.lower_phrase)?;
        } else {
            out.push_sql("SELECT u.id FROM users u WHERE u.email LIKE ");
            out.push_bind_param::<Text, String>(&self.lower_like)?;
            out.push_sql(" ESCAPE '\\'");
        }
        out.push_sql(")");
        out.push_sql(INVITED_OWNERS);
        out.push_bind_param::<Text, String>(&self.lower_like)?;
        out.push_sql(" ESCAPE '\\')");
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folding_drops_case_and_accents() {
        assert_eq!(
            fold("Água Viva São JORGE Ñandú Köln"),
            "agua viva sao jorge nandu koln"
        );
        assert_eq!(
            search_key(&[Some(" Café "), Some("Lumière SARL"), None, Some("C-4711")]),
            "cafe\nlumiere sarl\n\nc-4711"
        );
    }

    #[test]
    fn needles_are_quoted_and_escaped() {
        let s = client_search(r#"50%_"x"#);
        assert_eq!(s.folded_phrase, r#""50%_""x""#);
        assert_eq!(s.folded_like, r#"%50\%\_"x%"#);
    }
}
