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
 */
public interface Trainer {

    /** Number of stages (SinGAN: pyramid scales). */
    int stages();

    /** Iterations in {@code stage}. */
    long iterations(int stage);

    /** Short label for progress and logs, e.g. "scale 3/8 (94x125)". */
    String stageLabel(int stage);

    /** Called before the first iteration of {@code stage}: {@code startIter} is 0, or where a resumed run stopped. */
    void beginStage(int stage, long startIter);

    /**
     * One iteration. Runs inside a scope owned by the loop, so temporaries are freed after it; copy scalars
     * out before returning. Returns the values to log (loss names to values), in a stable order.
     */
    Map<String, Double> step(int stage, long iter);

    /** Called after the last iteration of {@code stage}. */
    void endStage(int stage);

    /**
     * Writes everything needed to continue at ({@code stage}, {@code nextIter}) to {@code file} (the loop makes
     * the write atomic: {@code file} is a temporary path that is renamed afterwards).
     */
    void save(Path file, int stage, long nextIter) throws IOException;

    /** Images that show progress (written as a grid under samples/). */
    List<BufferedImage> samples(int stage, long iter);
}
