package org.gan4j.train;

/**
 * A {@link Trainer} of one stage (StyleGAN2, SPADE, CoCosNet): its iteration count, a label, nothing to do between
 * stages.
 */
public interface SingleStageTrainer extends Trainer {

    /** Iterations of the one stage. */
    long iterations();

    /** The one stage's label, e.g. "SPADE 64x64". */
    String label();

    @Override
    default int stages() {
        return 1;
    }

    @Override
    default long iterations(int stage) {
        return iterations();
    }

    @Override
    default String stageLabel(int stage) {
        return label();
    }

    @Override
    default void beginStage(int stage, long startIter) {}

    @Override
    default void endStage(int stage) {}
}
