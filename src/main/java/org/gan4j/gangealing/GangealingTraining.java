package org.gan4j.gangealing;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.gan4j.Gan4jException;
import org.gan4j.train.LoopOptions;
import org.gan4j.train.Progress;
import org.gan4j.train.RunDir;
import org.gan4j.train.TrainLoop;
import org.gan4j.torch.dist.World;

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
        return train(spec, run, progress, loop, World.single());
    }

    /** A new run, data-parallel over {@code world} (rank 0 calls this; the other ranks {@link #follow}). */
    public static Path train(GangealingRun spec, RunDir run, Progress progress, LoopOptions loop, World world) {
        GangealingTrainer.checkWorld(spec.config(), world.size());
        progress.log("generator: " + spec.model() + (spec.vgg16() != null ? "; loss: LPIPS-style VGG16 " + spec.vgg16()
                : "; loss: the generator's discriminator features (no VGG16 file given)") + (world.size() > 1 ? "; "
                + world.size() + " processes, " + spec.config().batch() / world.size() + " pairs each per batch" : ""));
        return new TrainLoop(run, loop, progress, world).train(new GangealingMethod(world), spec, t -> run.dir());
    }

    /** Continues the run in {@code runDir} from its last checkpoint. */
    public static Path resume(Path runDir, Progress progress) {
        return resume(RunDir.open(runDir, GangealingMethod.NAME), progress, LOOP);
    }

    public static Path resume(RunDir run, Progress progress, LoopOptions loop) {
        return resume(run, progress, loop, World.single());
    }

    /** Continues {@code run}, data-parallel over {@code world} (rank 0; the others {@link #follow}). */
    public static Path resume(RunDir run, Progress progress, LoopOptions loop, World world) {
        return new TrainLoop(run, loop, progress, world).resume(new GangealingMethod(world), t -> run.dir());
    }

    /**
     * Lengthens {@code run} to {@code iters} iterations before it is resumed, as the official {@code train.py} does
     * when given {@code --ckpt} and a larger {@code --iter}: ψ annealing and the cosine restarts keep their saved
     * lengths, so the learning rate restarts where the schedule would have and reaches 0 again at the end of each
     * cycle ({@link #cycleEnds}). Rewrites config.json; returns the saved length it replaced.
     */
    public static long extend(RunDir run, long iters) {
        GangealingRun spec = run.readConfig(GangealingRun.class);
        GangealingConfig c = spec.config();
        if (iters <= c.iters()) {
            throw new Gan4jException("--iters " + iters + " does not lengthen " + run.dir() + ": it was planned for "
                    + c.iters() + " iterations (resume it without --iters to finish it)");
        }
        run.writeConfig(new GangealingRun(c.withSchedule(iters, c.annealPsi(), c.period()), spec.model(), spec.vgg16(),
                spec.sampleCount()));
        return c.iters();
    }

    /**
     * The lengths up to {@code limit} that end one of {@code c}'s cosine cycles after ψ has reached 0 with the last
     * step's learning rate under 10⁻³ of its base ({@link Annealing#lrFactor}): the lengths a run ends well at. A
     * cycle only a few steps long never gets that low, so a coarse schedule's short cycles are left out.
     */
    /** The learning-rate factor under which a run's last step counts as the end of a cycle. */
    public static final double LR_SETTLED = 1e-3;

    public static List<Long> cycleEnds(GangealingConfig c, long limit) {
        List<Long> ends = new ArrayList<>();
        double epochs = 0;
        for (int n = 0; ends.size() < 1000; n++) {
            epochs += Math.pow(c.tm(), n);
            long end = c.annealPsi() + Math.round(epochs * c.period());
            if (end > limit) {
                break;
            }
            boolean settled = Annealing.lrFactor(end - 1, c.annealPsi(), c.period(), c.tm(), c.decay()) < LR_SETTLED;
            if (settled && (ends.isEmpty() || end > ends.get(ends.size() - 1))) {
                ends.add(end);
            }
        }
        return ends;
    }

    /** A rank other than 0: the same steps as rank 0 on {@code run}, new or resumed, writing nothing. */
    public static void follow(RunDir run, LoopOptions loop, World world) {
        new TrainLoop(run, loop, new Progress(Progress.Mode.OFF, System.err, Progress.DEFAULT_PLAIN_EVERY), world)
                .follow(new GangealingMethod(world), t -> null);
    }
}
