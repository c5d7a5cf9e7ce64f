package org.gan4j.train;

import java.io.IOException;

/**
 * A consumer that may fail with an {@link IOException}, such as the code that writes a checkpoint's content.
 *
 * @param <T> what is consumed (for {@link Checkpointer#write}, the temporary path to write to)
 */
@FunctionalInterface
public interface IOConsumer<T> {

    /** Consumes {@code t}; throwing leaves the atomic write's target untouched. */
    void accept(T t) throws IOException;
}
