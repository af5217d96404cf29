package dev.wisp.web.json;

import dev.wisp.web.problem.BadRequestException;
import dev.wisp.web.problem.FieldError;
import dev.wisp.web.problem.Problem;
import java.util.List;

/**
 * 400: the request body is not JSON, or not JSON of the expected shape. The problem document
 * carries {@code line} and {@code column} members (1-based, where the parser stopped) when known,
 * and an {@code errors} entry with a JSON Pointer when a specific field was at fault.
 */
public final class JsonBodyException extends BadRequestException {
    private final int line;
    private final int column;

    public JsonBodyException(String detail, int line, int column, List<FieldError> errors, Throwable cause) {
        super(detail, errors, cause);
        this.line = line;
        this.column = column;
    }

    /** 1-based line where parsing stopped, or -1 when unknown. */
    public int line() {
        return line;
    }

    /** 1-based column where parsing stopped, or -1 when unknown. */
    public int column() {
        return column;
    }

    @Override
    public Problem toProblem() {
        Problem p = super.toProblem();
        return line > 0 ? p.with("line", line).with("column", column) : p;
    }
}
