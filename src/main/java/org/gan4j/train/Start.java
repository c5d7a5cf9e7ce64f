package org.gan4j.train;

import java.util.Objects;

/**
 * A trainer and the position it starts at: (0, 0) for a new run, or the (stage, next iteration) stored in the
 * checkpoint it was restored from ({@code iterations(stage)} means the run is complete).
 *
 * @param trainer the method's trainer, ready to run
 * @param stage   the stage to start at
 * @param iter    the next iteration of that stage
 * @param <T>     the method's trainer type
 */
public record Start<T extends Trainer>(T trainer, int stage, long iter) {

    public Start {
        Objects.requireNonNull(trainer, "trainer");
    }

    /** A trainer of a new run, starting at (0, 0). */
    public static <T extends Trainer> Start<T> fresh(T trainer) {
        return new Start<>(trainer, 0, 0);
    }
}
