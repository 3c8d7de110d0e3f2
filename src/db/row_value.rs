//! `(a, b, c) > (?, ?, ?)`: a row-value comparison, which both backends read as a range of
//! an index on `(a, b, c)` (keyset paging). Written as a fragment of its own rather than
//! with `sql()`, whose statements are never cached: its SQL depends only on the columns and
//! the direction, so each sort's statement is prepared once per connection.

use chrono::NaiveDateTime;
use diesel::QueryResult;
use diesel::expression::{AppearsOnTable, Expression, ValidGrouping};
use diesel::query_builder::{AstPass, QueryFragment, QueryId};
use diesel::sql_types::{BigInt, Bool, Integer, Text, Timestamp};

use super::MultiBackend;

/// One value of the compared row.
#[derive(Debug, Clone, PartialEq)]
pub enum Value {
    Text(String),
    Integer(i32),
    BigInt(i64),
    Timestamp(NaiveDateTime),
}

/// `(columns) > (values)` or `<`.
#[derive(Debug, Clone)]
pub struct RowCompare {
    columns: &'static str,
    values: Vec<Value>,
    greater: bool,
}

/// `(columns) > (values)` when `greater`, else `<`. `columns` is SQL written in the code
/// (`"accounts.name_key, accounts.id"`), never input; one value per column.
pub fn row_compare(columns: &'static str, values: Vec<Value>, greater: bool) -> RowCompare {
    debug_assert_eq!(columns.split(',').count(), values.len());
    RowCompare {
        columns,
        values,
        greater,
    }
}

impl Expression for RowCompare {
    type SqlType = Bool;
}

impl<QS> AppearsOnTable<QS> for RowCompare {}

impl<G> ValidGrouping<G> for RowCompare {
    type IsAggregate = diesel::expression::is_aggregate::Never;
}

impl QueryId for RowCompare {
    type QueryId = ();
    const HAS_STATIC_QUERY_ID: bool = false;
}

impl QueryFragment<MultiBackend> for RowCompare {
    fn walk_ast<'b>(&'b self, mut out: AstPass<'_, 'b, MultiBackend>) -> QueryResult<()> {
        out.push_sql("(");
        out.push_sql(self.columns);
        out.push_sql(if self.greater { ") > (" } else { ") < (" });
        for (i, v) in self.values.iter().enumerate() {
            if i > 0 {
                out.push_sql(", ");
            }
            match v {
                Value::Text(t) => out.push_bind_param::<Text, String>(t)?,
                Value::Integer(n) => out.push_bind_param::<Integer, i32>(n)?,
                Value::BigInt(n) => out.push_bind_param::<BigInt, i64>(n)?,
                Value::Timestamp(t) => out.push_bind_param::<Timestamp, NaiveDateTime>(t)?,
            }
        }
        out.push_sql(")");
        Ok(())
    }
}
