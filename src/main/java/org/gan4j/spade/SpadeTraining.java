package org.gan4j.spade;

import java.nio.file.Path;
import org.gan4j.Gan4jException;
import org.gan4j.data.LabelCoding;
import org.gan4j.data.PairedFolders;
import org.gan4j.data.Palette;
import org.gan4j.data.SceneDataset;
import org.gan4j.data.Scenes;
import org.gan4j.train.LoopOptions;
import org.gan4j.train.Progress;
import org.gan4j.train.RunDir;
import org.gan4j.train.TrainLoop;
import org.gan4j.torch.dist.World;

/**
 * The library entry point for SPADE training: a new run on paired folders or {@code builtin:scenes}, or a killed
 * run continued from its last checkpoint. The run directory holds {@code config.json} (a {@link SpadeRun}),
 * {@code palette.json}, {@code checkpoints/latest.pt}, {@code samples/} (label map, photo, synthesis),
 * {@code metrics.csv}, {@code loss.png}, and when training ends the official-layout {@code latest_net_G.pth}
 * ({@code _D}, {@code _E}).
 *
 * <pre>{@code
 * SpadeRun spec = SpadeRun.onScenes(SpadeConfig.fast(Scenes.CLASSES.classes().size(), 64), 4);
 * SpadeTraining.train(spec, RunDir.create("spade", Path.of("runs/scenes")), Progress.fromEnvironment());
 * }</pre>
 */
public final class SpadeTraining {

    /** When the loop checkpoints and samples. */
    public static final LoopOptions LOOP = LoopOptions.defaults();

    private SpadeTraining() {}

    /** Opens and checks the data (failing before anything is written), writes config.json and trains. */
    public static Path train(SpadeRun spec, RunDir run, Progress progress) {
        return train(spec, open(spec), run, progress, LOOP);
    }

    /** As {@link #train(SpadeRun, RunDir, Progress)} with opened data and explicit loop options. */
    public static Path train(SpadeRun spec, SceneDataset data, RunDir run, Progress progress, LoopOptions loop) {
        return train(spec, data, run, progress, loop, World.single());
    }

    /** A new run, data-parallel over {@code world} (rank 0 calls this; the other ranks {@link #follow}). */
    public static Path train(SpadeRun spec, SceneDataset data, RunDir run, Progress progress, LoopOptions loop,
            World world) {
        SpadeTrainer.checkWorld(spec.config(), world.size());
        progress.log("data: " + data.describe() + (world.size() > 1 ? "; " + world.size() + " processes, "
                + spec.config().batch() / world.size() + " pairs each per batch" : ""));
        data.notes().forEach(progress::log);
        return new TrainLoop(run, loop, progress, world).train(new SpadeMethod(data, spec.sampleCount(), world), spec,
                t -> run.dir());
    }

    /** Continues the run in {@code runDir} from its last checkpoint, on the data its config.json names. */
    public static Path resume(Path runDir, Progress progress) {
        return resume(null, RunDir.open(runDir, SpadeMethod.NAME), progress, LOOP);
    }

    /** As {@link #resume(Path, Progress)} with opened data (null: the data config.json names) and loop options. */
    public static Path resume(SceneDataset data, RunDir run, Progress progress, LoopOptions loop) {
        return resume(data, run, progress, loop, World.single());
    }

    /** Continues {@code run}, data-parallel over {@code world} (rank 0; the others {@link #follow}). */
    public static Path resume(SceneDataset data, RunDir run, Progress progress, LoopOptions loop, World world) {
        SpadeRun spec = run.readConfig(SpadeRun.class);
        SceneDataset d = data != null ? data : open(spec);
        return new TrainLoop(run, loop, progress, world).resume(new SpadeMethod(d, spec.sampleCount(), world),
                t -> run.dir());
    }

    /**
     * A rank other than 0: the same steps as rank 0 on {@code run}, new or resumed, writing nothing.
     *
     * @param data the opened pairs, or null to open those config.json names once rank 0 has written it
     */
    public static void follow(SceneDataset data, RunDir run, LoopOptions loop, World world) {
        new TrainLoop(run, loop, new Progress(Progress.Mode.OFF, System.err, Progress.DEFAULT_PLAIN_EVERY), world)
                .follow(new SpadeMethod(data, 0, world), t -> null); // a following rank draws no samples
    }

    /** The pairs {@code spec} names, checked against its label settings. */
    public static SceneDataset open(SpadeRun spec) {
        SpadeNets n = spec.config().nets();
        if (spec.labels() == null) {
            throw new Gan4jException("this SPADE run names no training data (an imported model); it cannot train");
        }
        if (spec.labels().equals(Scenes.NAME)) {
            SceneDataset s = Scenes.dataset();
            if (n.labelNc() != s.labelNc() || n.dontcare() || n.instance()) {
                throw new Gan4jException(Scenes.NAME + " has " + s.labelNc() + " classes, no don't-care and no instance"
                        + " maps; drop --label-nc/--dontcare/--instances with it");
            }
            return s;
        }
        if (spec.images() == null) {
            throw new Gan4jException("give the photos with --images DIR beside --labels " + spec.labels());
        }
        Palette palette = spec.palette() == null ? null : Palette.read(Path.of(spec.palette()));
        LabelCoding coding = new LabelCoding(n.labelNc(), n.dontcare(), palette);
        return PairedFolders.open(Path.of(spec.labels()), Path.of(spec.images()),
                spec.instances() == null ? null : Path.of(spec.instances()), coding);
    }
}
