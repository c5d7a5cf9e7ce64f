package org.gan4j.train;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.gan4j.Gan4jException;

/**
 * Stops a run whose losses stopped being finite, with a one-line message that names the loss, the stage and
 * iteration, and the last good checkpoint to resume from.
 *
 * <p>The loop checks after every step and before any checkpoint of that step is written, so the checkpoint on
 * disk always predates the divergence.
 */
public final class NanGuard {

    private final Path runDir;
    private final Path checkpoint;

    /**
     * @param runDir     the run directory, for the {@code --resume} hint
     * @param checkpoint the checkpoint a resumed run would start from ({@code checkpoints/latest.pt}); it may
     *                   not exist yet
     */
    public NanGuard(Path runDir, Path checkpoint) {
        this.runDir = runDir;
        this.checkpoint = checkpoint;
    }

    /**
     * Throws if any loss is NaN or infinite.
     *
     * @param losses     the step's logged values
     * @param stageLabel the stage's label, e.g. "scale 3/8"
     * @param iter       the step's 0-based iteration (as in metrics.csv)
     * @throws Gan4jException with exit code {@link Gan4jException#FAILED}
     */
    public void check(Map<String, Double> losses, String stageLabel, long iter) {
        for (Map.Entry<String, Double> e : losses.entrySet()) {
            double v = e.getValue();
            if (!Double.isFinite(v)) {
                String what = Double.isNaN(v) ? "NaN" : v > 0 ? "+Inf" : "-Inf";
                String where = Files.isRegularFile(checkpoint)
                        ? "the last good checkpoint is " + checkpoint + " (resume with --resume " + runDir
                                + ", perhaps with a lower learning rate)"
                        : "no checkpoint was written yet (start again, perhaps with a lower learning rate)";
                throw Gan4jException.failed("training diverged: " + e.getKey() + " is " + what + " at " + stageLabel
                        + " iteration " + iter + "; " + where);
            }
        }
    }
}
