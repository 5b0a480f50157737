package routes;

/** {@link RedundancyTest} on PostgreSQL: replicate jobs, the replica's switch transaction, the unique
 *  indexes and the refusals, on PostgreSQL's dialect. */
class PostgresRedundancyTest extends RedundancyTest {

    @Override
    protected boolean onPostgres() {
        return true;
    }
}
