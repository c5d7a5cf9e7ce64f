package org.gan4j.gangealing;

import java.nio.file.Path;
import org.gan4j.train.LoopOptions;
import org.gan4j.train.Progress;
import org.gan4j.train.RunDir;
import org.gan4j.train.TrainLoop;

/**
 * The library entry point for GANgealing training: a new run on a StyleGAN2 checkpoint, or a killed run continued.
 * The run directory holds {@code config.json} (a {@link GangealingRun}), {@code checkpoints/latest.pt} (the
 * official dict), {@code samples/} (x, T(x), y), {@code metrics.csv}, {@code loss.png} and, when training ends,
 * {@code gangealing.pt}.
 *
 * <pre>{@code
 * GangealingRun spec = new GangealingRun(GangealingConfig.fast(64, 1), "faces64.pt", null, 8);
 * GangealingTraining.train(spec, RunDir.create("gangealing", Path.of("runs/congeal")), Progress.fromEnvironment());
 * }</pre>
 */
public final class GangealingTraining {

    /** When the loop checkpoints and samples. */
    public static final LoopOptions LOOP = LoopOptions.defaults();

    private GangealingTraining() {}

    public static Path train(GangealingRun spec, RunDir run, Progress progress) {
        return train(spec, run, progress, LOOP);
    }

    public static Path train(GangealingRun spec, RunDir run, Progress progress, LoopOptions loop) {
        progress.log("generator: " + spec.model() + (spec.vgg16() != null ? "; loss: LPIPS-style VGG16 " + spec.vgg16()
                : "; loss: the generator's discriminator features (no VGG16 file given)"));
        return new TrainLoop(run, loop, progress).train(new GangealingMethod(), spec, t -> run.dir());
    }

    /** Continues the run in {@code runDir} from its last checkpoint. */
    public static Path resume(Path runDir, Progress progress) {
        return resume(RunDir.open(runDir, GangealingMethod.NAME), progress, LOOP);
    }

    public static Path resume(RunDir run, Progress progress, LoopOptions loop) {
        return new TrainLoop(run, loop, progress).resume(new GangealingMethod(), t -> run.dir());
    }
}
