package routes.api;

import java.io.IOException;

import routes.storage.StoreRefused;

/** How a storage failure during a request reads to the client: a store's refusal (no such bucket,
 *  access denied, no credentials) is the request's problem (400); anything else is the store's. */
public final class StorageErrors {

    private StorageErrors() {
    }

    public static ApiException of(IOException e, String field, int otherwise, String doing) {
        if (e instanceof StoreRefused) {
            return ApiException.badRequest(field, e.getMessage());
        }
        return new ApiException(otherwise, doing + ": " + e.getMessage(), field);
    }
}
