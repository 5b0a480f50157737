package routes;

/** {@link BadInputTest} on PostgreSQL, whose stricter types must not turn a 4xx into a 500. */
class PostgresBadInputTest extends BadInputTest {

    @Override
    protected boolean onPostgres() {
        return true;
    }
}
