package org.gan4j.orojar;

import org.gan4j.loss.Regulariser;
import java.nio.file.Path;
import org.gan4j.data.Dsprites;
import org.gan4j.train.LoopOptions;
import org.gan4j.train.Progress;
import org.gan4j.train.RunDir;
import org.gan4j.train.TrainLoop;

/**
 * The library entry point for the regularised dSprites GAN: a new run, or a killed run continued.
 *
 * <pre>{@code
 * OrojarRun spec = new OrojarRun(OrojarConfig.fast(Regulariser.OROJAR));
 * OrojarTraining.train(spec, RunDir.create("orojar", Path.of("runs/orojar")), Progress.fromEnvironment());
 * }</pre>
 */
public final class OrojarTraining {

    public static final LoopOptions LOOP = LoopOptions.defaults();

    private OrojarTraining() {}

    public static Path train(OrojarRun spec, RunDir run, Progress progress) {
        return train(spec, null, run, progress, LOOP);
    }

    /** @param data the opened training set, or null to open {@code spec.config().data()} */
    public static Path train(OrojarRun spec, Dsprites data, RunDir run, Progress progress, LoopOptions loop) {
        return new TrainLoop(run, loop, progress).train(new OrojarMethod(data), spec, t -> run.dir());
    }

    public static Path resume(Path runDir, Progress progress) {
        return resume(RunDir.open(runDir, OrojarMethod.NAME), progress, LOOP);
    }

    public static Path resume(RunDir run, Progress progress, LoopOptions loop) {
        return new TrainLoop(run, loop, progress).resume(new OrojarMethod(null), t -> run.dir());
    }
}
