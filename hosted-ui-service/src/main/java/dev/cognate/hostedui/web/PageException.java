package dev.cognate.hostedui.web;

/** Ends a page request with the error page; rendered by {@link ErrorPages}. No stack trace: it is an expected outcome. */
public class PageException extends RuntimeException {

    private final PageError error;

    public PageException(PageError error) {
        super(error.name(), null, false, false);
        this.error = error;
    }

    public PageError error() {
        return error;
    }
}
