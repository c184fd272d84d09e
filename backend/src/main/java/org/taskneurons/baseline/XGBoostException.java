package org.taskneurons.baseline;

/**
 * XGBoost's native library refused or failed an operation (e.g. it cannot load on this
 * platform, or ran out of memory). Unchecked: callers cannot recover from it beyond reporting
 * it, unlike the checked {@code XGBoostError} it wraps.
 */
public final class XGBoostException extends RuntimeException {

    XGBoostException(String doing, Throwable cause) {
        super(doing + ": " + firstLine(cause.getMessage()), cause);
    }

    /** Native messages append a long stack trace of the C++ library after their first line. */
    private static String firstLine(String message) {
        if (message == null) {
            return "no message";
        }
        int end = message.indexOf('\n');
        return end < 0 ? message : message.substring(0, end);
    }
}
