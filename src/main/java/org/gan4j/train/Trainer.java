package org.gan4j.train;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * What a method computes per step; {@link TrainLoop} owns when (time, checkpoints, samples, logging, progress,
 * the NaN guard). Training is a sequence of stages (SinGAN: one per scale; StyleGAN2: one), each a number of
 * iterations.
 *
 * <p>For a resumed run to match an uninterrupted one, everything a step depends on goes into {@link #save}:
 * weights, optimizer state, the random generator's state (or seed per iteration), and the position. Sampling
 * and saving must not disturb that state (use fixed noise or a separate generator for samples).
 *
 * <p>A trainer declares what the loop does for it: the moving averages of weights to update after every step
 * ({@link #emas()}), the files to write at the end of a stage ({@link #artifacts(int)}) and the intra-op threads
 * its stages run with ({@link #intraThreads()}). It owns its native state (networks, optimizers) and frees it in
 * {@link #close()}, except what it hands to its caller (e.g. SinGAN's trained model).
 */
public interface Trainer extends AutoCloseable {

    /** Number of stages (SinGAN: pyramid scales). */
    int stages();

    /** Iterations in {@code stage}. */
    long iterations(int stage);

    /**
     * Relative cost of one iteration of {@code stage}, for the whole-run ETA (1 for every stage by default; only
     * the ratios matter).
     */
    default double relativeCost(int stage) {
        return 1;
    }

    /** Short label for progress and logs, e.g. "scale 3/8 (94x125)". */
    String stageLabel(int stage);

    /** Called before the first iteration of {@code stage}: {@code startIter} is 0, or where a resumed run stopped. */
    void beginStage(int stage, long startIter);

    /**
     * One iteration. Runs inside a scope owned by the loop, so temporaries are freed after it; copy scalars
     * out before returning. Returns the values to log (loss names to values), in a stable order.
     */
    Map<String, Double> step(int stage, long iter);

    /** Called after the last iteration of {@code stage}, before the stage's final checkpoint. */
    void endStage(int stage);

    /**
     * Writes everything needed to continue at ({@code stage}, {@code nextIter}) to {@code file}, including that
     * position, which the caller later passes to {@link TrainLoop#run(Trainer, int, long)}. The loop makes the
     * write atomic: {@code file} is a temporary path (not yet existing) that is renamed afterwards. Positions:
     * mid-stage ({@code 0 < nextIter < iterations(stage)}); after {@link #endStage} of a stage that has a
     * successor, ({@code stage + 1}, 0), before that stage's {@link #beginStage}; after the last stage's
     * {@code endStage}, ({@code stage}, {@code iterations(stage)}), meaning the run is complete. Runs in a
     * scope under no-grad.
     */
    void save(Path file, int stage, long nextIter) throws IOException;

    /**
     * Images that show progress after {@code iter} iterations of {@code stage} (written as a grid under
     * samples/); null or empty for none. Runs in a scope under no-grad.
     */
    List<BufferedImage> samples(int stage, long iter);

    /**
     * The moving averages of weights (e.g. StyleGAN2's g → g_ema) that the loop updates after every step, in this
     * order, inside the step's scope; none by default. A caller that drives {@link #step} by hand updates them
     * itself.
     */
    default List<Ema> emas() {
        return List.of();
    }

    /**
     * Files the loop writes atomically after {@link #endStage} of {@code stage} and before that stage's final
     * checkpoint (SinGAN: {@code model.pt} after every scale); none by default.
     */
    default List<Artifact> artifacts(int stage) {
        return List.of();
    }

    /**
     * libtorch intra-op threads for the loop's thread while a stage runs (a lane's share of the thread budget);
     * the loop sets it before {@link #beginStage} and returns to one after {@link #endStage}. A caller that
     * drives the trainer by hand sets it itself ({@code Engine.intraOpThreads}).
     */
    default int intraThreads() {
        return 1;
    }

    /** Frees the trainer's native state and stops its helper threads; idempotent. Nothing by default. */
    @Override
    default void close() {}
}
