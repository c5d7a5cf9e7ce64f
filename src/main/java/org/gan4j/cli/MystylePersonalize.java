package org.gan4j.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import org.gan4j.models.ShippedModel;
import org.gan4j.mystyle.Album;
import org.gan4j.mystyle.MystyleConfig;
import org.gan4j.mystyle.MystyleMethod;
import org.gan4j.mystyle.MystyleModel;
import org.gan4j.mystyle.MystylePlus;
import org.gan4j.mystyle.MystyleRun;
import org.gan4j.mystyle.MystyleTraining;
import org.gan4j.train.Progress;
import org.gan4j.train.RunDir;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code gan4j mystyle personalize}: anchors for an album and a generator tuned to reproduce it. */
@Command(name = "personalize", mixinStandardHelpOptions = true,
        description = {"Personalise a StyleGAN2 generator to one person (MyStyle): each album picture is inverted to one",
                "W code (an anchor) unless --anchors gives them, then every synthesis weight is tuned (Adam 3e-4, one",
                "update per picture per step) to reproduce the album from its anchors with the constant noise.",
                "Loss: a perceptual distance + MSE. The distance: LPIPS on AlexNet as the official code with --alexnet (and",
                "--lpips-weights alex.pth for its learned layers), on VGG16 with --vgg16; without weights files, the LPIPS",
                "form on the features of the model's own discriminator (the multi-scale pixel distance for a checkpoint",
                "without one, e.g. a .pkl's G_ema).",
                "The run gets config.json, album/, anchors.npy, samples/ (picture | G(anchor)), metrics.csv, loss.png,",
                "checkpoints/latest.pt and, at the end, mystyle.pt (rosinality's layout plus the anchors)."},
        footer = {"", "Examples:",
                "  gan4j mystyle personalize --model builtin:faces --album builtin:faces:20000 --preset fast --out runs/me",
                "  gan4j mystyle personalize --model ffhq.pkl --album photos/ --preset paper --alexnet alexnet-owt-7be5be79.pth \\",
                "        --lpips-weights alex.pth --out runs/ann           the official loss",
                "  gan4j mystyle personalize --model g.pt --album photos/ --anchors codes.npy --steps 300 --out runs/ann",
                "  gan4j mystyle personalize --model builtin:faces --album builtin:faces:20000 --batch 2 --nproc 2 --out runs/me2",
                "                                                   data-parallel, 2 local processes, one picture each per update",
                "  gan4j mystyle personalize --resume runs/me       continue a killed run where it stopped"})
final class MystylePersonalize extends TrainCommand<MystyleRun, Path> {

    @Option(names = "--model", paramLabel = "G_CKPT", description = "The StyleGAN2 checkpoint to personalise (rosinality"
            + " layout), or builtin:faces, the shipped 64 px faces generator.")
    Path model;

    @Option(names = "--album", paramLabel = "DIR", description = "A folder of the person's pictures (centre-cropped and"
            + " resized to the generator's size), or builtin:faces:ID, pictures of one procedural identity.")
    String album;

    @Option(names = "--anchors", paramLabel = "FILE", description = "Anchors made elsewhere: an [N,S] .npy file or a folder"
            + " of .npy files, one W code per album picture in the album's sorted order (default: invert the album).")
    Path anchors;

    @Option(names = "--preset", defaultValue = "fast", paramLabel = "NAME", description = "fast (100 tuning steps, anchors"
            + " from 300 projector steps, builtin albums of 8) or paper (the official: 1000 steps; 1000 projector steps;"
            + " albums of 10). Default: ${DEFAULT-VALUE}.")
    String preset;

    @Option(names = "--steps", paramLabel = "N", description = "Tuning steps (overrides the preset).")
    Integer steps;

    @Option(names = "--inversion-steps", paramLabel = "N", description = "Projector steps per anchor (overrides the preset).")
    Integer inversionSteps;

    @Option(names = "--batch", paramLabel = "B", description = "Album pictures per update, in album order (default 1, as"
            + " the official tune_net.py); with --nproc N the global batch, a multiple of N, split over the processes.")
    Integer batch;

    @Option(names = "--album-size", paramLabel = "N", description = "Pictures in a builtin:faces:ID album (overrides the preset).")
    Integer albumSize;

    @Mixin
    LpipsOptions weights = new LpipsOptions();

    @Option(names = "--plus", description = "MyStyle++: also arrange the anchors so that each attribute varies along an"
            + " axis of its own (joint optimisation of the anchors and the generator), for mystyle sample --set.")
    boolean plus;

    @Option(names = "--attributes", paramLabel = "FILE.csv", description = "MyStyle++: the album's attribute values, a"
            + " header image,name1,name2,... and a row per picture (file name or stem); builtin:faces albums carry"
            + " their own (yaw, expression, eye_opening).")
    Path attributes;

    @Option(names = "--levels", paramLabel = "P", description = "MyStyle++: levels per attribute (default 3).")
    Integer levels;

    @Option(names = "--anchor-weight", paramLabel = "L", description = "MyStyle++: the anchor loss's weight (default 1).")
    Double anchorWeight;

    @Option(names = "--anchor-lr", paramLabel = "LR", description = "MyStyle++: Adam's learning rate for the anchors (default 0.01).")
    Double anchorLr;

    @Mixin
    DataParallelOptions parallel = new DataParallelOptions();

    @Option(names = "--dry-run", description = "Print the resolved configuration and exit.")
    void dryRun(boolean on) {
        dryRun = on;
    }

    @Override
    String method() {
        return MystyleMethod.NAME;
    }

    @Override
    List<String> newRunFlags() {
        return List.of("--model", "--album", "--anchors", "--steps", "--batch");
    }

    @Override
    boolean newRunFlagGiven() {
        return model != null || album != null || anchors != null || steps != null || batch != null;
    }

    @Override
    String missingInput() {
        if (model == null) {
            return "give the StyleGAN2 generator with --model G_CKPT or builtin:faces (or --resume RUN)";
        }
        return album == null ? "give the person's pictures with --album DIR or " + Album.BUILTIN + "ID" : null;
    }

    @Override
    MystyleRun plan() {
        MystyleConfig c = MystyleConfig.preset(preset);
        c = steps != null ? c.withTuneSteps(steps) : c;
        c = inversionSteps != null ? c.withInversionSteps(inversionSteps) : c;
        c = albumSize != null ? c.withAlbumCount(albumSize) : c;
        c = batch != null ? c.withTuneBatch(batch) : c;
        c = c.withSeed(seedOrFresh());
        if (album.startsWith(Album.BUILTIN)) {
            Album.builtinId(album); // a bad ID fails before the run directory exists
        } else if (!java.nio.file.Files.isDirectory(Path.of(album))) {
            throw new org.gan4j.Gan4jException("--album " + album + " is not a folder of images (or " + Album.BUILTIN + "ID)");
        }
        if (!ShippedModel.names(model) && !java.nio.file.Files.isRegularFile(model)) {
            throw new org.gan4j.Gan4jException("--model " + model + " not found (give a StyleGAN2 checkpoint or builtin:faces)");
        }
        weights.check();
        String albumSpec = album.startsWith(Album.BUILTIN) ? album : Path.of(album).toAbsolutePath().toString();
        return new MystyleRun(c, ShippedModel.names(model) ? ShippedModel.NAME : model.toAbsolutePath().toString(), albumSpec,
                anchors == null ? null : anchors.toAbsolutePath().toString(), LpipsOptions.absolute(weights.vgg16), plus(albumSpec),
                LpipsOptions.absolute(weights.alexnet), LpipsOptions.absolute(weights.lpips));
    }

    /** MyStyle++'s settings when --plus is given; its flags without it are refused. */
    private MystylePlus plus(String albumSpec) {
        if (!plus) {
            if (attributes != null || levels != null || anchorWeight != null || anchorLr != null) {
                throw new org.gan4j.Gan4jException("--attributes, --levels, --anchor-weight and --anchor-lr are MyStyle++'s;"
                        + " add --plus");
            }
            return null;
        }
        if (attributes == null && !albumSpec.startsWith(Album.BUILTIN)) {
            throw new org.gan4j.Gan4jException("--plus on the album " + album + " needs its attributes: --attributes"
                    + " FILE.csv (header image,name1,name2,...; one row per picture)");
        }
        if (attributes != null && !java.nio.file.Files.isRegularFile(attributes)) {
            throw new org.gan4j.Gan4jException("--attributes " + attributes + " not found");
        }
        MystylePlus p = MystylePlus.defaults(attributes == null ? null : attributes.toAbsolutePath().toString());
        return new MystylePlus(p.attributes(), levels != null ? levels : p.levels(),
                anchorWeight != null ? anchorWeight : p.anchorWeight(), anchorLr != null ? anchorLr : p.anchorLr());
    }

    @Override
    void printPlan(PrintWriter out, MystyleRun plan) {
        out.println(RunDir.toJson(plan));
    }

    @Override
    void announce(PrintWriter out, MystyleRun plan, RunDir run) {
        MystyleConfig c = plan.config();
        out.println((plan.plus() != null ? "MyStyle++" : "MyStyle") + ", preset " + c.preset() + ": " + plan.album() + " on " + plan.model() + "; "
                + (plan.anchors() != null ? "anchors from " + plan.anchors() : "anchors by " + c.inversionSteps()
                + " projector steps each") + ", " + c.tuneSteps() + " tuning steps" + (c.tuneBatch() > 1 ? " of batch "
                + c.tuneBatch() : "") + ", seed " + c.seed() + "; run " + run.dir());
        out.println("distance: " + (plan.alexnet() != null ? "LPIPS on AlexNet " + plan.alexnet()
                : plan.vgg16() != null ? "LPIPS-style on VGG16 " + plan.vgg16() : "the model's own discriminator's"
                + " features (or pixels, without one)") + (plan.lpips() != null ? " with the linear layers of "
                + plan.lpips() : ""));
    }

    @Override
    DataParallelOptions parallel() {
        return parallel;
    }

    @Override
    Path train(MystyleRun plan, RunDir run, Progress progress) {
        return MystyleTraining.train(plan, run, progress, MystyleTraining.LOOP, world);
    }

    @Override
    Path resume(RunDir run, Progress progress) {
        return MystyleTraining.resume(run, progress, MystyleTraining.LOOP, world);
    }

    @Override
    void follow(RunDir run) {
        MystyleTraining.follow(run, MystyleTraining.LOOP, world);
    }

    @Override
    void finish(PrintWriter out, RunDir run, Path dir) {
        out.println("Model: " + dir.resolve(MystyleModel.CHECKPOINT) + "  (sample with: gan4j mystyle sample --model " + dir
                + " --count 16 --out samples/)");
    }
}
