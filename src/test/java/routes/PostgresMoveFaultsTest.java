package routes;

/** {@link MoveFaultsTest} on PostgreSQL: concurrent plans, the SQL ledger of the idempotent consumer,
 *  failure injection, the DLQ and retry, with PostgreSQL's row locks and unique indexes deciding. */
class PostgresMoveFaultsTest extends MoveFaultsTest {

    @Override
    protected boolean onPostgres() {
        return true;
    }
}
