package org.gan4j.mystyle;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.TensorVector;
import org.bytedeco.pytorch.global.torch;
import org.gan4j.Gan4jException;
import org.gan4j.data.Images;
import org.gan4j.loss.ImageDistance;
import org.gan4j.loss.PyramidLoss;
import org.gan4j.stylegan2.Projector;
import org.gan4j.stylegan2.Stylegan2Checkpoint;
import org.gan4j.torch.ImageTensors;
import org.gan4j.torch.Scope;
import org.gan4j.torch.Tensors;
import org.gan4j.torch.dist.Shard;
import org.gan4j.torch.dist.World;
import org.gan4j.train.LoopOptions;
import org.gan4j.train.Progress;
import org.gan4j.train.RunDir;
import org.gan4j.train.TrainLoop;

/**
 * The library entry point for MyStyle's personalisation: copy the album into the run, find the anchors (given, or
 * each album picture inverted to one W code by {@link Projector}), then tune the generator. The run directory holds
 * {@code config.json} (a {@link MystyleRun}), {@code album/}, {@code anchors.npy}, {@code checkpoints/latest.pt},
 * {@code samples/} (album | G(anchor)), {@code metrics.csv}, {@code loss.png} and, when tuning ends,
 * {@code mystyle.pt}.
 *
 * <p>Data-parallel over a {@link World} of N processes: the ranks invert their {@link Shard} rows of the album
 * (each picture with its own seed, so the anchors do not depend on N) and gather the anchors, which rank 0 writes;
 * the tuning then splits every batch over the ranks ({@link MystyleTrainer}).
 *
 * <pre>{@code
 * MystyleRun spec = new MystyleRun(MystyleConfig.fast(), "builtin:faces", "builtin:faces:20000", null, null);
 * MystyleTraining.train(spec, RunDir.create("mystyle", Path.of("runs/me")), Progress.fromEnvironment());
 * }</pre>
 */
public final class MystyleTraining {

    /** When the loop checkpoints and samples. */
    public static final LoopOptions LOOP = LoopOptions.defaults().withCheckpointEvery(25, java.time.Duration.ofMinutes(5))
            .withSampleEvery(100);

    /** What rank 0 tells the other ranks before the tuning: whether they invert their share of the album first. */
    private static final String PREPARE_KEY = "mystyle/anchors";
    private static final String INVERT = "invert";
    private static final String READY = "ready";

    private MystyleTraining() {}

    public static Path train(MystyleRun spec, RunDir run, Progress progress) {
        return train(spec, run, progress, LOOP);
    }

    public static Path train(MystyleRun spec, RunDir run, Progress progress, LoopOptions loop) {
        return train(spec, run, progress, loop, World.single());
    }

    /** A new run, data-parallel over {@code world} (rank 0 calls this; the other ranks {@link #follow}). */
    public static Path train(MystyleRun spec, RunDir run, Progress progress, LoopOptions loop, World world) {
        MystyleTrainer.checkWorld(spec.config(), world.size());
        logWorld(spec.config(), progress, world);
        run.writeConfig(spec); // before the anchors: the other ranks read it, and a run killed while inverting resumes
        prepare(spec, run, progress, world);
        return new TrainLoop(run, loop, progress, world).train(new MystyleMethod(world), spec, t -> run.dir());
    }

    /** Continues the run in {@code runDir}: the anchors first if the run was killed while inverting. */
    public static Path resume(Path runDir, Progress progress) {
        return resume(RunDir.open(runDir, MystyleMethod.NAME), progress, LOOP);
    }

    public static Path resume(RunDir run, Progress progress, LoopOptions loop) {
        return resume(run, progress, loop, World.single());
    }

    /** Continues {@code run}, data-parallel over {@code world} (rank 0; the others {@link #follow}). */
    public static Path resume(RunDir run, Progress progress, LoopOptions loop, World world) {
        MystyleRun spec = run.readConfig(MystyleRun.class);
        MystyleTrainer.checkWorld(spec.config(), world.size());
        logWorld(spec.config(), progress, world);
        if (!Files.isRegularFile(run.path(Anchors.FILE))) {
            prepare(spec, run, progress, world);
        } else {
            world.agree(PREPARE_KEY, READY);
        }
        return new TrainLoop(run, loop, progress, world).resume(new MystyleMethod(world), t -> run.dir());
    }

    /**
     * A rank other than 0: its share of the album's inversion when rank 0 inverts, then the same tuning steps as
     * rank 0 on {@code run}, new or resumed, writing nothing.
     */
    public static void follow(RunDir run, LoopOptions loop, World world) {
        Progress quiet = new Progress(Progress.Mode.OFF, System.err, Progress.DEFAULT_PLAIN_EVERY);
        if (INVERT.equals(world.agree(PREPARE_KEY, null))) {
            MystyleRun spec = run.readConfig(MystyleRun.class);
            try (Stylegan2Checkpoint ck = Stylegan2Checkpoint.load(MystyleMethod.modelFile(spec.model())); // d: the distance
                    Scope s = new Scope()) {
                invert(ck, Album.read(spec.album(), ck.config().size(), spec.config().albumCount()), spec, quiet, world);
            }
        }
        new TrainLoop(run, loop, quiet, world).follow(new MystyleMethod(world), t -> null);
    }

    private static void logWorld(MystyleConfig c, Progress progress, World world) {
        if (world.size() > 1) {
            progress.log(world.size() + " processes, " + c.tuneBatch() / world.size() + " pictures each per batch of "
                    + c.tuneBatch());
        }
    }

    /**
     * Writes {@code album/} and {@code anchors.npy} into the run (each only if missing); rank 0 of a job, whose
     * other ranks invert their share of the album with it (they wait in {@link #follow}).
     */
    static void prepare(MystyleRun spec, RunDir run, Progress progress, World world) {
        world.agree(PREPARE_KEY, spec.anchors() == null ? INVERT : READY);
        MystyleConfig c = spec.config();
        try (Stylegan2Checkpoint ck = Stylegan2Checkpoint.load(MystyleMethod.modelFile(spec.model())); // d: the distance
                Scope s = new Scope()) {
            int size = ck.config().size();
            Path albumDir = run.path(MystyleMethod.ALBUM);
            Album album = Album.read(spec.album(), size, c.albumCount());
            if (!Files.isDirectory(albumDir)) {
                Path tmp = run.path(MystyleMethod.ALBUM + ".tmp");
                for (int i = 0; i < album.size(); i++) {
                    Images.writePng(tmp.resolve(String.format("%03d_%s.png", i, album.names().get(i))), album.images().get(i));
                }
                Files.move(tmp, albumDir);
            }
            Tensor anchors;
            if (spec.anchors() != null) {
                anchors = Anchors.read(Path.of(spec.anchors()), ck.config().styleDim());
                if (anchors.size(0) != album.size()) {
                    throw new Gan4jException("--anchors " + spec.anchors() + " holds " + anchors.size(0) + " codes but the"
                            + " album " + spec.album() + " has " + album.size() + " pictures; give one anchor per picture,"
                            + " in the album's (sorted) order");
                }
            } else {
                anchors = invert(ck, album, spec, progress, world);
            }
            Anchors.write(run.path(Anchors.FILE), anchors);
            if (spec.plus() != null && !Files.isRegularFile(run.path(MystyleMethod.ATTRIBUTES))) {
                writeAttributes(run.path(MystyleMethod.ATTRIBUTES), attributes(spec, album), album.names());
            }
        } catch (IOException e) {
            throw new Gan4jException("cannot write the album or anchors into " + run.dir() + ": " + e.getMessage());
        }
    }

    /** MyStyle++'s attributes of the album: the CSV given, or a builtin album's true values. */
    static AttributeTable attributes(MystyleRun spec, Album album) {
        if (spec.plus().attributes() != null) {
            return AttributeTable.read(Path.of(spec.plus().attributes()), album.names());
        }
        if (spec.album().startsWith(Album.BUILTIN)) {
            return AttributeTable.builtin(Album.builtinId(spec.album()), album.size());
        }
        throw new Gan4jException("MyStyle++ (--plus) on the album " + spec.album() + " needs its attributes: "
                + "--attributes FILE.csv with a header image,name1,name2,... and one row per picture");
    }

    /** The attributes in album order, each row named by the run's copy of the picture ({@code 000_name}). */
    static void writeAttributes(Path file, AttributeTable t, List<String> names) throws IOException {
        StringBuilder sb = new StringBuilder("image," + String.join(",", t.names()) + "\n");
        List<String> stems = new ArrayList<>();
        for (int i = 0; i < t.values().length; i++) {
            stems.add(String.format("%03d_%s", i, names.get(i)));
        }
        for (int i = 0; i < t.values().length; i++) {
            sb.append(stems.get(i));
            for (double v : t.values()[i]) {
                sb.append(',').append(v);
            }
            sb.append('\n');
        }
        org.gan4j.torch.AtomicFile.write(file, tmp -> Files.writeString(tmp, sb.toString()));
    }

    /**
     * Each album picture inverted to one W code (rosinality's projector in W mode; its noise maps are dropped):
     * this rank its {@link Shard} rows, then the codes gathered from every rank, {@code [N,S]} in album order.
     */
    static Tensor invert(Stylegan2Checkpoint ck, Album album, MystyleRun spec, Progress progress, World world) {
        ImageDistance distance = MystyleMethod.distance(spec, ck.d());
        MystyleConfig c = spec.config();
        int styleDim = ck.config().styleDim();
        Shard shard = world.shard();
        int n = album.size();
        if (!shard.whole()) {
            progress.log("anchors: " + shard.size() + " processes invert the album's " + n + " pictures, "
                    + shard.count(n) + " on this one");
        }
        List<Tensor> codes = new ArrayList<>();
        for (int k = 0; k < shard.count(n); k++) {
            int i = (int) shard.global(k);
            progress.log("anchor " + (i + 1) + "/" + n + ": inverting " + album.names().get(i));
            // DEVIATION: the official code inverts with an e4e encoder trained on FFHQ; gan4j optimises each code
            // (W mode) with the project's projector, whose noise maps are then discarded: MyStyle tunes and
            // renders with the generator's constant noise.
            // The seed is the picture's (seed + its index): the anchors do not depend on how the album is shared.
            Projector.Options o = Projector.Options.defaults().withSteps(c.inversionSteps()).withSeed(c.seed() + i)
                    .withMse(distance instanceof PyramidLoss ? 0 : 1).withMeanSamples(4096);
            Projector.Result r = Projector.project(ck.gEma(), ImageTensors.fromImage(album.images().get(i)), distance, o,
                    progress);
            codes.add(r.latent().reshape(1, styleDim));
        }
        Tensor mine = codes.isEmpty() ? Tensors.zeros(0, styleDim)
                : torch.cat(new TensorVector(codes.toArray(new Tensor[0])), 0); // [count,S]
        return Scope.keepAlive(world.gatherRows(mine, n)); // [N,S]
    }
}
