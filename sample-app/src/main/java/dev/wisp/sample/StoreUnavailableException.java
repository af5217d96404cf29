package dev.wisp.sample;

/**
 * No database connection came free within the pool's wait (every connection busy, or the database
 * unreachable). Temporary by nature, so the app answers 503 with {@code Retry-After} instead of 500.
 */
public final class StoreUnavailableException extends StoreException {
    public StoreUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
