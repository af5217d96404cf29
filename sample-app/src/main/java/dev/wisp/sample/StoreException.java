package dev.wisp.sample;

/**
 * A store could not do what was asked because its database failed (a lost connection, a full
 * disk, a broken constraint). Unchecked: the routes let it become a 500 problem, logged once.
 */
public class StoreException extends RuntimeException {
    public StoreException(String message, Throwable cause) {
        super(message, cause);
    }
}
