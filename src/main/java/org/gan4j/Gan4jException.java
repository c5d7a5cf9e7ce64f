package org.gan4j;

/**
 * A failure caused by the user's input or environment, with a one-line message that names the file or flag
 * and says how to fix it. The CLI prints the message alone (no stack trace) and exits with {@link #exitCode()}.
 */
public class Gan4jException extends RuntimeException {

    /** Exit code for bad usage: a wrong flag, a missing or unreadable input file, a foreign checkpoint. */
    public static final int USAGE = 2;
    /** Exit code for a run that started and failed (NaN, out of memory, a disk that filled up). */
    public static final int FAILED = 1;

    private final int exitCode;

    public Gan4jException(String message) {
        this(message, USAGE, null);
    }

    public Gan4jException(String message, Throwable cause) {
        this(message, USAGE, cause);
    }

    public Gan4jException(String message, int exitCode, Throwable cause) {
        super(message, cause);
        this.exitCode = exitCode;
    }

    /** A run that failed after it started (exit code 1). */
    public static Gan4jException failed(String message) {
        return new Gan4jException(message, FAILED, null);
    }

    public int exitCode() {
        return exitCode;
    }
}
