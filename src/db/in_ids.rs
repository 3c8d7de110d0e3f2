//! `column IN (…ids…)` that the connection's statement cache keeps.
//!
//! Diesel's `eq_any` with a list is never cached on SQLite (its SQL depends on the list's
//! length), so the client list prepared its look-ups of a page's owners, services and
//! deletion requests afresh on every view. Here the list is padded (repeating its last id)
//! to a few fixed lengths, so a page of 50 clients always reads as the same statement.

use diesel::QueryResult;
use diesel::expression::{AppearsOnTable, Expression, ValidGrouping};
use diesel::query_builder::{AstPass, QueryFragment, QueryId};
use diesel::sql_types::{BigInt, Bool};

use super::MultiBackend;

/// `column IN (ids)`, the ids padded to the next of 8, 16, 32, 64, then multiples of 64.
#[derive(Debug, Clone)]
pub struct InIds<C> {
    column: C,
    ids: Vec<i64>,
}

/// The length a list of `n` ids is padded to.
fn padded_len(n: usize) -> usize {
    match n {
        0 => 0,
        1..=8 => 8,
        9..=16 => 16,
        17..=32 => 32,
        33..=64 => 64,
        _ => n.div_ceil(64) * 64,
    }
}

/// `column IN (ids)` (a `BigInt` column, nullable or not); an empty list matches nothing.
pub fn in_ids<C: Expression>(column: C, ids: &[i64]) -> InIds<C> {
    let mut ids = ids.to_vec();
    if let Some(&last) = ids.last() {
        ids.resize(padded_len(ids.len()), last);
    }
    InIds { column, ids }
}

impl<C> Expression for InIds<C> {
    type SqlType = Bool;
}

impl<C, QS> AppearsOnTable<QS> for InIds<C> where C: AppearsOnTable<QS> {}

impl<C, G> ValidGrouping<G> for InIds<C>
where
    C: ValidGrouping<G>,
{
    type IsAggregate = C::IsAggregate;
}

impl<C> QueryId for InIds<C> {
    type QueryId = ();
    const HAS_STATIC_QUERY_ID: bool = false;
}

impl<C> QueryFragment<MultiBackend> for InIds<C>
where
    C: QueryFragment<MultiBackend>,
{
    fn walk_ast<'b>(&'b self, mut out: AstPass<'_, 'b, MultiBackend>) -> QueryResult<()> {
        if self.ids.is_empty() {
            out.push_sql("1 = 0");
            return Ok(());
        }
        self.column.walk_ast(out.reborrow())?;
        out.push_sql(" IN (");
        for (i, id) in self.ids.iter().enumerate() {
            if i > 0 {
                out.push_sql(", ");
            }
            out.push_bind_param::<BigInt, i64>(id)?;
        }
        out.push_sql(")");
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::padded_len;

    #[test]
    fn lists_are_padded_to_a_few_lengths() {
        let lens: Vec<usize> = [0, 1, 8, 9, 50, 51, 64, 65, 130].map(padded_len).to_vec();
        assert_eq!(lens, [0, 8, 8, 16, 64, 64, 64, 128, 192]);
    }
}
