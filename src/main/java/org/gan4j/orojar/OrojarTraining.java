package org.gan4j.orojar;

import org.gan4j.loss.Regulariser;
import java.nio.file.Path;
import org.gan4j.data.Dsprites;
import org.gan4j.train.LoopOptions;
import org.gan4j.train.Progress;
import org.gan4j.train.RunDir;
import org.gan4j.train.TrainLoop;
import org.gan4j.torch.dist.World;

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
        return train(spec, null, run, progress, LOOP, World.single());
    }

    /** @param data the opened training set, or null to open {@code spec.config().data()} */
    public static Path train(OrojarRun spec, Dsprites data, RunDir run, Progress progress, LoopOptions loop) {
        return train(spec, data, run, progress, loop, World.single());
    }

    /**
     * A new run, data-parallel over {@code world} (rank 0 calls this; the other ranks {@link #follow}).
     *
     * @param data the opened training set, or null to open {@code spec.config().data()}
     */
    public static Path train(OrojarRun spec, Dsprites data, RunDir run, Progress progress, LoopOptions loop, World world) {
        OrojarTrainer.checkWorld(spec.config(), world.size());
        if (world.size() > 1) {
            progress.log(world.size() + " processes, " + spec.config().batch() / world.size() + " images each per batch");
        }
        return new TrainLoop(run, loop, progress, world).train(new OrojarMethod(data, world), spec, t -> run.dir());
    }

    public static Path resume(Path runDir, Progress progress) {
        return resume(RunDir.open(runDir, OrojarMethod.NAME), progress, LOOP, World.single());
    }

    public static Path resume(RunDir run, Progress progress, LoopOptions loop) {
        return resume(run, progress, loop, World.single());
    }

    /** Continues {@code run}, data-parallel over {@code world} (rank 0; the others {@link #follow}). */
    public static Path resume(RunDir run, Progress progress, LoopOptions loop, World world) {
        return new TrainLoop(run, loop, progress, world).resume(new OrojarMethod(null, world), t -> run.dir());
    }

    /** A rank other than 0: the same steps as rank 0 on {@code run}, new or resumed, writing nothing. */
    public static void follow(Dsprites data, RunDir run, LoopOptions loop, World world) {
        new TrainLoop(run, loop, new Progress(Progress.Mode.OFF, System.err, Progress.DEFAULT_PLAIN_EVERY), world)
                .follow(new OrojarMethod(data, world), t -> null);
    }
}
