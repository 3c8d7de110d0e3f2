//! The plan a backend chooses for a query (tests check that the list's sorts read an
//! index in order, with no sort step and no scan of the table).

use diesel::QueryResult;
use diesel::prelude::*;
use diesel::query_builder::{AstPass, Query, QueryFragment, QueryId};
use diesel::sql_types::{Integer, Text};

use super::{DbConn, MultiBackend};

/// `EXPLAIN QUERY PLAN q` (SQLite) or `EXPLAIN q` (PostgreSQL).
struct Explain<Q, ST> {
    query: Q,
    prefix: &'static str,
    row: std::marker::PhantomData<ST>,
}

impl<Q, ST> QueryId for Explain<Q, ST> {
    type QueryId = ();
    const HAS_STATIC_QUERY_ID: bool = false;
}

impl<Q, ST: diesel::sql_types::SqlType + diesel::expression::TypedExpressionType> Query
    for Explain<Q, ST>
{
    type SqlType = ST;
}

impl<Q: QueryFragment<MultiBackend>, ST> QueryFragment<MultiBackend> for Explain<Q, ST> {
    fn walk_ast<'b>(&'b self, mut out: AstPass<'_, 'b, MultiBackend>) -> QueryResult<()> {
        out.unsafe_to_cache_prepared();
        out.push_sql(self.prefix);
        self.query.walk_ast(out.reborrow())
    }
}

impl<Q, ST> RunQueryDsl<DbConn> for Explain<Q, ST> {}

/// The lines of the query's plan.
pub fn explain<Q: QueryFragment<MultiBackend>>(
    conn: &mut DbConn,
    query: Q,
) -> QueryResult<Vec<String>> {
    match conn {
        DbConn::Pg(_) => Explain::<_, Text> {
            query,
            prefix: "EXPLAIN ",
            row: Default::default(),
        }
        .load::<String>(conn),
        DbConn::Sqlite(_) => Ok(Explain::<_, (Integer, Integer, Integer, Text)> {
            query,
            prefix: "EXPLAIN QUERY PLAN ",
            row: Default::default(),
        }
        .load::<(i32, i32, i32, String)>(conn)?
        .into_iter()
        .map(|(_, _, _, detail)| detail)
        .collect()),
    }
}
