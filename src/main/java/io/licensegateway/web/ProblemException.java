package io.licensegateway.web;

import java.util.List;

/** Thrown where a request cannot be served; becomes a problem details answer with its status. */
public class ProblemException extends RuntimeException {

    private final int status;
    private final String title;
    private final List<Problem.FieldError> errors;

    public ProblemException(int status, String title, String detail, List<Problem.FieldError> errors) {
        super(detail, null, false, false);
        this.status = status;
        this.title = title;
        this.errors = errors;
    }

    /** 400 for one bad parameter: says which, and what is allowed. */
    public static ProblemException badParameter(String parameter, String message) {
        return new ProblemException(400, "Bad parameter", parameter + ": " + message,
                List.of(new Problem.FieldError(parameter, message)));
    }

    public static ProblemException notFound(String detail) {
        return new ProblemException(404, "Not found", detail, null);
    }

    public int status() {
        return status;
    }

    public String title() {
        return title;
    }

    public List<Problem.FieldError> errors() {
        return errors;
    }
}
