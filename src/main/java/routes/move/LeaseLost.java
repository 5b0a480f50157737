package routes.move;

/** This instance no longer holds the job's lease (it stalled past the lease and another instance took
 *  the job over): it stops working on the job and leaves it to the new owner, failing nothing. */
public class LeaseLost extends RuntimeException {

    public LeaseLost(long jobId, String step) {
        super("job " + jobId + " is no longer leased to this instance; not entering " + step);
    }
}
