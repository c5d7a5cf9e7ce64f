package org.gan4j.torch;

/**
 * A malformed, truncated or refused checkpoint. Thrown by the format code without the file name;
 * {@link PtFile} prefixes the file and rethrows it as a one-line {@code Gan4jException}.
 */
final class PtFormatError extends RuntimeException {

    PtFormatError(String message) {
        super(message, null, false, false);
    }
}
