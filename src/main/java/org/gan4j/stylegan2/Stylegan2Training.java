package org.gan4j.stylegan2;

import java.nio.file.Path;
import org.gan4j.data.Datasets;
import org.gan4j.data.ImageDataset;
import org.gan4j.train.LoopOptions;
import org.gan4j.train.Progress;
import org.gan4j.train.RunDir;
import org.gan4j.train.TrainLoop;
import org.gan4j.torch.dist.World;

/**
 * The library entry point for StyleGAN2 training: a new run on a folder or a built-in dataset, or a killed run
 * continued from its last checkpoint. The run directory holds {@code config.json} (a {@link TrainingRun}),
 * {@code checkpoints/latest.pt} (rosinality's layout, loadable by every {@code gan4j stylegan2} verb and by
 * rosinality's scripts), {@code samples/}, {@code metrics.csv} and {@code loss.png}.
 *
 * <pre>{@code
 * TrainingRun spec = new TrainingRun(Stylegan2Config.fast(32).withSeed(1), "builtin:landscapes", true, 32);
 * Stylegan2Training.train(spec, RunDir.create("stylegan2", Path.of("runs/land")), Progress.fromEnvironment());
 * }</pre>
 */
public final class Stylegan2Training {

    /** The method's name in run directories. */
    public static final String METHOD = Stylegan2Method.NAME;
    /** When the loop checkpoints and samples (every 250 iterations or 5 minutes; samples every 500). */
    public static final LoopOptions LOOP = LoopOptions.defaults();

    private Stylegan2Training() {}

    /** Opens the data (failing before anything is written), writes config.json and trains. */
    public static Path train(TrainingRun spec, RunDir run, Progress progress) {
        return train(spec, open(spec), run, progress, LOOP);
    }

    /** As {@link #train(TrainingRun, RunDir, Progress)} with already opened data and explicit loop options. */
    public static Path train(TrainingRun spec, ImageDataset data, RunDir run, Progress progress, LoopOptions loop) {
        return train(spec, data, run, progress, loop, World.single());
    }

    /**
     * As {@link #train(TrainingRun, ImageDataset, RunDir, Progress, LoopOptions)} as rank 0 of a data-parallel job
     * ({@link World}): {@code spec}'s batch is the global one, each rank reading its shard; the other ranks call
     * {@link #follow}.
     */
    public static Path train(TrainingRun spec, ImageDataset data, RunDir run, Progress progress, LoopOptions loop, World world) {
        Stylegan2Trainer.checkWorld(spec.config(), spec.reg(), world.size());
        progress.log("data: " + data.describe() + (world.size() > 1 ? "; " + world.size() + " processes, "
                + spec.config().batch() / world.size() + " images each per batch" : ""));
        return new TrainLoop(run, loop, progress, world).train(new Stylegan2Method(data, world), spec, t -> latest(run));
    }

    /** Continues the run in {@code runDir} from its last checkpoint (or from the start if it has none). */
    public static Path resume(Path runDir, Progress progress) {
        return resume(null, RunDir.open(runDir, METHOD), progress, LOOP);
    }

    /**
     * As {@link #resume(Path, Progress)} with explicit loop options and already opened data (null: the data its
     * config.json names).
     */
    public static Path resume(ImageDataset data, RunDir run, Progress progress, LoopOptions loop) {
        return resume(data, run, progress, loop, World.single());
    }

    /** As {@link #resume(ImageDataset, RunDir, Progress, LoopOptions)} as rank 0 of a data-parallel job. */
    public static Path resume(ImageDataset data, RunDir run, Progress progress, LoopOptions loop, World world) {
        return new TrainLoop(run, loop, progress, world).resume(new Stylegan2Method(data, world), t -> latest(run));
    }

    /**
     * A rank other than 0 of a data-parallel job on {@code run} (new or resumed, as rank 0 says): the same steps on
     * this rank's shards, writing nothing (data: as for {@link #resume}).
     */
    public static void follow(ImageDataset data, RunDir run, LoopOptions loop, World world) {
        new TrainLoop(run, loop, new Progress(Progress.Mode.OFF, System.err, Progress.DEFAULT_PLAIN_EVERY), world).follow(new Stylegan2Method(data, world), t -> null);
    }

    /** The run's checkpoint, {@code checkpoints/latest.pt} ({@link RunDir#latestCheckpoint()}). */
    public static Path latest(RunDir run) {
        return run.latestCheckpoint();
    }

    /** The training images of {@code spec} at its size. */
    public static ImageDataset open(TrainingRun spec) {
        return Datasets.open(spec.data(), spec.config().size());
    }
}
