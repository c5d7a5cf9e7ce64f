package org.gan4j.torch;

import java.io.IOException;

/**
 * A consumer that may fail with an {@link IOException}, such as the code that writes a file's content.
 *
 * @param <T> what is consumed (for {@link AtomicFile#write}, the temporary path to write to)
 */
@FunctionalInterface
public interface IOConsumer<T> {

    /** Consumes {@code t}; throwing leaves the atomic write's target untouched. */
    void accept(T t) throws IOException;
}
