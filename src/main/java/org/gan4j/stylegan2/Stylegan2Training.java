package org.gan4j.stylegan2;

import java.nio.file.Files;
import java.nio.file.Path;
import org.gan4j.data.Batches;
import org.gan4j.data.Datasets;
import org.gan4j.data.ImageDataset;
import org.gan4j.torch.Engine;
import org.gan4j.torch.Lanes;
import org.gan4j.train.LoopOptions;
import org.gan4j.train.Progress;
import org.gan4j.train.RunDir;
import org.gan4j.train.TrainLoop;

/**
 * The library entry point for StyleGAN2 training: a new run on a folder or a built-in dataset, or a killed run
 * continued from its last checkpoint. The run directory holds {@code config.json} (a {@link TrainingRun}),
 * {@code checkpoints/latest.pt} (rosinality's layout, loadable by every {@code gan4j stylegan2} verb and by
 * rosinality's scripts), {@code samples/}, {@code metrics.csv} and {@code loss.png}.
 *
 * <pre>{@code
 * TrainingRun spec = new TrainingRun(StyleGAN2Config.fast(32).withSeed(1), "builtin:landscapes", true, 32);
 * Stylegan2Training.train(spec, RunDir.create("stylegan2", Path.of("runs/land")), Progress.fromEnvironment());
 * }</pre>
 */
public final class Stylegan2Training {

    /** The method's name in run directories. */
    public static final String METHOD = "stylegan2";
    /** When the loop checkpoints and samples (every 250 iterations or 5 minutes; samples every 500). */
    public static final LoopOptions LOOP = LoopOptions.defaults();

    private Stylegan2Training() {}

    /** Opens the data (failing before anything is written), writes config.json and trains. */
    public static Path train(TrainingRun spec, RunDir run, Progress progress) {
        return train(spec, open(spec), run, progress, LOOP);
    }

    /** As {@link #train(TrainingRun, RunDir, Progress)} with already opened data and explicit loop options. */
    public static Path train(TrainingRun spec, ImageDataset data, RunDir run, Progress progress, LoopOptions loop) {
        run.writeConfig(spec);
        progress.log("data: " + data.describe());
        return run(spec, data, run, null, 0, progress, loop);
    }

    /** Continues the run in {@code runDir} from its last checkpoint (or from the start if it has none). */
    public static Path resume(Path runDir, Progress progress) {
        RunDir run = RunDir.open(runDir, METHOD);
        TrainingRun spec = run.readConfig(TrainingRun.class);
        return resume(spec, open(spec), run, progress, LOOP);
    }

    /** As {@link #resume(Path, Progress)} with already opened data and explicit loop options. */
    public static Path resume(TrainingRun spec, ImageDataset data, RunDir run, Progress progress, LoopOptions loop) {
        Path latest = latest(run);
        if (!Files.isRegularFile(latest)) {
            return run(spec, data, run, null, 0, progress, loop);
        }
        Stylegan2Checkpoint ck = Stylegan2Checkpoint.load(latest);
        return run(spec, data, run, ck, Stylegan2Trainer.position(ck), progress, loop);
    }

    /** The run's checkpoint, {@code checkpoints/latest.pt} ({@link RunDir#latestCheckpoint()}). */
    public static Path latest(RunDir run) {
        return run.latestCheckpoint();
    }

    /** The training images of {@code spec} at its size. */
    public static ImageDataset open(TrainingRun spec) {
        return Datasets.open(spec.data(), spec.config().size());
    }

    private static Path run(TrainingRun spec, ImageDataset data, RunDir run, Stylegan2Checkpoint ck, long start,
            Progress progress, LoopOptions loop) {
        StyleGAN2Config c = spec.config();
        Batches batches = new Batches(data, c.batch(), c.seed(), spec.flip());
        try (Stylegan2Trainer t = new Stylegan2Trainer(c, batches, ck, Lanes.forThreads(Engine.threads()), spec.sampleCount())) {
            new TrainLoop(run, loop, progress).run(t, 0, Math.min(start, c.iters()));
        }
        return latest(run);
    }
}
