package org.gan4j.train;

import java.nio.file.Path;

/** A method's tiny trainer as {@link TrainerContract} needs it: from scratch, or from its own checkpoint. */
public interface TinyTrainer {

    /** Where training stands: the next iteration to run in a stage. */
    record Position(int stage, long iter) {}

    /** A trainer restored from a checkpoint and the position it continues at. */
    record Restored(Trainer trainer, Position at) {}

    /** The method's name, as its run directories record it. */
    String method();

    /** A trainer from scratch writing its outputs into {@code run}, with the given number of lanes (1 or 2). */
    Trainer fresh(RunDir run, int lanes);

    /** A trainer restored from {@code checkpoint} (written by its {@code save}) as the method's resume does it. */
    Restored restore(RunDir run, Path checkpoint, int lanes);
}
