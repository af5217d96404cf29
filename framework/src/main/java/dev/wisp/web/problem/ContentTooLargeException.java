package dev.wisp.web.problem;

/**
 * 413: the request's content is larger than a limit allows (RFC 9110 §15.5.14). The problem
 * document names the limit as an extension member, e.g. {@code "maxFileBytes": 1048576}, so a
 * client can tell which limit it hit and by how much to shrink.
 */
public class ContentTooLargeException extends HttpException {
    private final String limitName;
    private final long limit;

    /**
     * @param limitName the limit's name as configured ({@code maxBodyBytes}, {@code maxFileBytes} …)
     * @param limit     its value
     * @param detail    which part of the request passed it, for the client developer
     */
    public ContentTooLargeException(String limitName, long limit, String detail) {
        super(413, detail);
        this.limitName = limitName;
        this.limit = limit;
    }

    /** The request body as a whole passed {@code maxBodyBytes} (the route's or the server's). */
    public static ContentTooLargeException body(long maxBodyBytes) {
        return new ContentTooLargeException("maxBodyBytes", maxBodyBytes,
                "The request body is larger than the " + maxBodyBytes + " bytes this endpoint accepts");
    }

    public String limitName() {
        return limitName;
    }

    public long limit() {
        return limit;
    }

    @Override
    public Problem toProblem() {
        return super.toProblem().with(limitName, limit);
    }
}
