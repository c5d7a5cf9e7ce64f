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
import org.gan4j.stylegan2.Projector;
import org.gan4j.stylegan2.Stylegan2Checkpoint;
import org.gan4j.torch.ImageTensors;
import org.gan4j.torch.Scope;
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
 * <pre>{@code
 * MystyleRun spec = new MystyleRun(MystyleConfig.fast(), "builtin:faces", "builtin:faces:20000", null, null);
 * MystyleTraining.train(spec, RunDir.create("mystyle", Path.of("runs/me")), Progress.fromEnvironment());
 * }</pre>
 */
public final class MystyleTraining {

    /** When the loop checkpoints and samples. */
    public static final LoopOptions LOOP = LoopOptions.defaults().withCheckpointEvery(25, java.time.Duration.ofMinutes(5))
            .withSampleEvery(100);

    private MystyleTraining() {}

    public static Path train(MystyleRun spec, RunDir run, Progress progress) {
        return train(spec, run, progress, LOOP);
    }

    public static Path train(MystyleRun spec, RunDir run, Progress progress, LoopOptions loop) {
        prepare(spec, run, progress);
        return new TrainLoop(run, loop, progress).train(new MystyleMethod(), spec, t -> run.dir());
    }

    /** Continues the run in {@code runDir}: the anchors first if the run was killed while inverting. */
    public static Path resume(Path runDir, Progress progress) {
        return resume(RunDir.open(runDir, MystyleMethod.NAME), progress, LOOP);
    }

    public static Path resume(RunDir run, Progress progress, LoopOptions loop) {
        if (!Files.isRegularFile(run.path(Anchors.FILE))) {
            prepare(run.readConfig(MystyleRun.class), run, progress);
        }
        return new TrainLoop(run, loop, progress).resume(new MystyleMethod(), t -> run.dir());
    }

    /** Writes {@code album/} and {@code anchors.npy} into the run (each only if missing). */
    static void prepare(MystyleRun spec, RunDir run, Progress progress) {
        MystyleConfig c = spec.config();
        try (Stylegan2Checkpoint ck = Stylegan2Checkpoint.loadForSampling(MystyleMethod.modelFile(spec.model()));
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
                anchors = invert(ck, album, spec, progress);
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

    /** Each album picture inverted to one W code (rosinality's projector in W mode; its noise maps are dropped). */
    static Tensor invert(Stylegan2Checkpoint ck, Album album, MystyleRun spec, Progress progress) {
        ImageDistance distance = MystyleMethod.distance(spec.vgg16());
        MystyleConfig c = spec.config();
        List<Tensor> codes = new ArrayList<>();
        for (int i = 0; i < album.size(); i++) {
            progress.log("anchor " + (i + 1) + "/" + album.size() + ": inverting " + album.names().get(i));
            // DEVIATION: the official code inverts with an e4e encoder trained on FFHQ; gan4j optimises each code
            // (W mode) with the project's projector, whose noise maps are then discarded: MyStyle tunes and
            // renders with the generator's constant noise.
            Projector.Options o = Projector.Options.defaults().withSteps(c.inversionSteps()).withSeed(c.seed() + i)
                    .withMse(spec.vgg16() != null ? 1 : 0).withMeanSamples(4096);
            Projector.Result r = Projector.project(ck.gEma(), ImageTensors.fromImage(album.images().get(i)), distance, o,
                    progress);
            codes.add(r.latent().reshape(1, ck.config().styleDim()));
        }
        return Scope.keepAlive(torch.cat(new TensorVector(codes.toArray(new Tensor[0])), 0)); // [N,S]
    }
}
