package org.gan4j.cocosnet;

import java.nio.file.Path;
import org.gan4j.Gan4jException;
import org.gan4j.data.LabelCoding;
import org.gan4j.data.PairedFolders;
import org.gan4j.data.Palette;
import org.gan4j.data.PhotoPairs;
import org.gan4j.data.SceneDataset;
import org.gan4j.data.Scenes;
import org.gan4j.train.LoopOptions;
import org.gan4j.train.Progress;
import org.gan4j.train.RunDir;
import org.gan4j.train.TrainLoop;
import org.gan4j.torch.dist.World;

/**
 * The library entry point for CoCosNet training: a new run on paired folders or {@code builtin:scenes} (label maps),
 * on a folder of photos or {@code builtin:scenes} (edge maps computed from the photos), or a killed run continued
 * from its last checkpoint. The run directory holds {@code config.json} (a {@link CocosRun}),
 * {@code palette.json} (label maps only), {@code checkpoints/latest.pt}, {@code samples/} (input map, exemplar, warped exemplar,
 * output), {@code metrics.csv}, {@code loss.png}, and when training ends {@code latest_net_Corr.pth}, {@code _G},
 * {@code _D}.
 *
 * <pre>{@code
 * CocosRun spec = CocosRun.onScenes(CocosConfig.fast(Scenes.LABEL_NC, 64), 4);
 * CocosTraining.train(spec, RunDir.create("cocosnet", Path.of("runs/cocos")), Progress.fromEnvironment());
 * }</pre>
 */
public final class CocosTraining {

    /** When the loop checkpoints and samples. */
    public static final LoopOptions LOOP = LoopOptions.defaults();

    private CocosTraining() {}

    /** Opens and checks the data, retrieves the exemplars, writes config.json and trains. */
    public static Path train(CocosRun spec, RunDir run, Progress progress) {
        return train(spec, open(spec), run, progress, LOOP);
    }

    /** As {@link #train(CocosRun, RunDir, Progress)} with opened data and explicit loop options. */
    public static Path train(CocosRun spec, SceneDataset data, RunDir run, Progress progress, LoopOptions loop) {
        return train(spec, data, run, progress, loop, World.single());
    }

    /** A new run, data-parallel over {@code world} (rank 0 calls this; the other ranks {@link #follow}). */
    public static Path train(CocosRun spec, SceneDataset data, RunDir run, Progress progress, LoopOptions loop,
            World world) {
        CocosTrainer.checkWorld(spec.config(), world.size());
        progress.log("data: " + data.describe() + (world.size() > 1 ? "; " + world.size() + " processes, "
                + spec.config().batch() / world.size() + " pairs each per batch" : ""));
        data.notes().forEach(progress::log);
        Exemplars ex = retrieve(data, spec.config(), progress);
        return new TrainLoop(run, loop, progress, world).train(new CocosMethod(data, ex, spec.sampleCount(),
                spec.config().input(), world), spec, t -> run.dir());
    }

    /** Continues the run in {@code runDir} from its last checkpoint, on the data its config.json names. */
    public static Path resume(Path runDir, Progress progress) {
        return resume(null, RunDir.open(runDir, CocosMethod.NAME), progress, LOOP);
    }

    /** As {@link #resume(Path, Progress)} with opened data (null: the data config.json names) and loop options. */
    public static Path resume(SceneDataset data, RunDir run, Progress progress, LoopOptions loop) {
        return resume(data, run, progress, loop, World.single());
    }

    /** Continues {@code run}, data-parallel over {@code world} (rank 0; the others {@link #follow}). */
    public static Path resume(SceneDataset data, RunDir run, Progress progress, LoopOptions loop, World world) {
        CocosRun spec = run.readConfig(CocosRun.class);
        SceneDataset d = data != null ? data : open(spec);
        Exemplars ex = retrieve(d, spec.config(), progress);
        return new TrainLoop(run, loop, progress, world).resume(new CocosMethod(d, ex, spec.sampleCount(),
                spec.config().input(), world), t -> run.dir());
    }

    /**
     * A rank other than 0: the same steps as rank 0 on {@code run}, new or resumed, writing nothing; it opens the
     * pairs config.json names (and retrieves their exemplars) once rank 0 has written it.
     */
    public static void follow(RunDir run, LoopOptions loop, World world) {
        // a following rank draws no samples and lists no outputs: sample count 0, input kind unknown (null)
        new TrainLoop(run, loop, new Progress(Progress.Mode.OFF, System.err, Progress.DEFAULT_PLAIN_EVERY), world)
                .follow(new CocosMethod(null, null, 0, null, world), t -> null);
    }

    /** The exemplars of every pair: by label statistics, or for edge maps by edge densities at the crop size. */
    public static Exemplars retrieve(SceneDataset data, CocosConfig c, Progress progress) {
        long t0 = System.nanoTime();
        boolean edges = c.input() == InputKind.EDGES;
        Exemplars ex = edges ? Exemplars.retrieveByEdges(data, c.nets().cropSize()) : Exemplars.retrieve(data);
        progress.log(String.format("exemplars: %d nearest %s neighbours of each of %d pairs (%.1f s)", Exemplars.K,
                edges ? "edge-density" : "label-statistics", data.size(), (System.nanoTime() - t0) / 1e9));
        return ex;
    }

    /** The pairs {@code spec} names, checked against its label settings. */
    public static SceneDataset open(CocosRun spec) {
        int nc = spec.config().nets().semanticNc();
        if (spec.config().input() == InputKind.EDGES) {
            if (Scenes.NAME.equals(spec.labels())) {
                return Scenes.dataset(spec.sceneCount()); // its photos only: the labels are never read
            }
            if (spec.images() == null) {
                throw new Gan4jException("an edges run needs photos: --images DIR or --data " + Scenes.NAME);
            }
            return PhotoPairs.open(Path.of(spec.images()));
        }
        if (spec.labels() == null) {
            throw new Gan4jException("this CoCosNet run names no training data (an imported model); it cannot train");
        }
        if (spec.labels().equals(Scenes.NAME)) {
            SceneDataset s = Scenes.dataset(spec.sceneCount());
            if (nc != s.channels()) {
                throw new Gan4jException(Scenes.NAME + " has " + s.labelNc() + " classes; drop --label-nc/--dontcare with it");
            }
            return s;
        }
        if (spec.images() == null) {
            throw new Gan4jException("give the photos with --images DIR beside --labels " + spec.labels());
        }
        Palette palette = spec.palette() == null ? null : Palette.read(Path.of(spec.palette()));
        SceneDataset d = PairedFolders.open(Path.of(spec.labels()), Path.of(spec.images()), null,
                new LabelCoding(spec.labelNc(), spec.dontcare(), palette));
        return d;
    }
}
