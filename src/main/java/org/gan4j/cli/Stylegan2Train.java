package org.gan4j.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.gan4j.Gan4jException;
import org.gan4j.data.ImageDataset;
import org.gan4j.loss.LatentPenalty;
import org.gan4j.loss.Reduction;
import org.gan4j.loss.Regulariser;
import org.gan4j.models.ShippedModel;
import org.gan4j.stylegan2.Stylegan2Checkpoint;
import org.gan4j.stylegan2.Stylegan2Config;
import org.gan4j.stylegan2.Stylegan2Trainer;
import org.gan4j.stylegan2.Stylegan2Training;
import org.gan4j.stylegan2.TrainingRun;
import org.gan4j.train.Progress;
import org.gan4j.train.RunDir;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code gan4j stylegan2 train}: rosinality's training loop on a folder of images or a built-in dataset. */
@Command(name = "train", mixinStandardHelpOptions = true,
        description = {"Train StyleGAN2 on a folder of images or on builtin:landscapes / builtin:faces.",
                "As rosinality's train.py: logistic loss, lazy R1 and path-length regularization, style mixing 0.9,",
                "generator EMA. A folder may hold images of any sizes (centre-cropped and resized); or use",
                "builtin:landscapes or builtin:faces (procedural, shipped in the jar). The run directory gets config.json, metrics.csv,",
                "loss.png, samples/ (g_ema on fixed z) and checkpoints/latest.pt (rosinality's layout, resumable)."},
        footer = {"", "Examples:",
                "  gan4j stylegan2 train --data builtin:landscapes --size 32 --preset fast --out runs/land32",
                "  gan4j stylegan2 train --data builtin:faces --size 64 --preset fast --out runs/faces64",
                "  gan4j stylegan2 train --data photos/ --size 64 --preset fast --kimg 100 --batch 8 --out runs/photos",
                "  gan4j stylegan2 train --data photos/ --size 64 --preset fast --init builtin:faces --kimg 20 --out runs/ft",
                "  gan4j stylegan2 train --resume runs/land32             continue a killed run where it stopped",
                "  gan4j stylegan2 train --data builtin:landscapes --size 32 --preset fast --nproc 2 --out runs/land32x2",
                "  gan4j stylegan2 generate --model runs/land32 --count 16 --out samples/"})
final class Stylegan2Train extends TrainCommand<Stylegan2Train.Plan, Path> {

    @Option(names = "--data", paramLabel = "DIR|builtin:NAME",
            description = "A folder of images (searched recursively), builtin:landscapes or builtin:faces.")
    String data;

    @Option(names = "--size", paramLabel = "PX", description = "Image size, a power of two from 8 to 1024 (default 32).")
    Integer size;

    @Option(names = "--preset", defaultValue = "paper", paramLabel = "NAME",
            description = "paper (rosinality's defaults: batch 16, 512 channels, 800k iterations) or fast (64 channels,"
                    + " batch 8, 24 kimg: for a 2-core CPU). Default: ${DEFAULT-VALUE}.")
    String preset;

    @Option(names = "--kimg", paramLabel = "K", description = "Train on K thousand real images (overrides the preset's length).")
    Double kimg;

    @Option(names = "--batch", paramLabel = "B", description = "Batch size: 1 to 4 or a multiple of 4 (overrides the preset).")
    Integer batch;

    @Option(names = "--init", paramLabel = "CKPT", description = "Start from a trained checkpoint (fine-tuning): its g"
            + " (or g_ema), g_ema and d, with fresh optimizers and this run's schedule; builtin:faces for the shipped"
            + " faces generator. The architecture flags must match it.")
    Path init;

    @Option(names = "--no-flip", description = "Do not mirror training images at random (rosinality always does).")
    boolean noFlip;

    @Option(names = "--samples", defaultValue = "32", paramLabel = "N",
            description = "Images per sample grid of g_ema. Default: ${DEFAULT-VALUE}.")
    int samples;

    @Option(names = "--reg", defaultValue = "none", paramLabel = "R", description = "A disentanglement regulariser on z:"
            + " orojar, hessian or none (OroJaR / Hessian Penalty of the image w.r.t. z). Default: ${DEFAULT-VALUE}.")
    String reg;

    @Option(names = "--reg-lambda", paramLabel = "L", description = "The regulariser's weight (required with --reg).")
    Double regLambda;

    @Option(names = "--reg-every", defaultValue = "4", paramLabel = "N",
            description = "Run the regulariser every N iterations, weighted by N (lazy, as R1 and path length). Default: ${DEFAULT-VALUE}.")
    int regEvery;

    @Mixin
    DataParallelOptions parallel = new DataParallelOptions();

    @Option(names = "--dry-run", description = "Print the resolved configuration and exit.")
    void dryRun(boolean on) {
        dryRun = on;
    }

    /** A new run: its stored configuration and, once the engine is up, the opened images. */
    record Plan(TrainingRun spec, ImageDataset images) {}

    @Override
    String method() {
        return Stylegan2Training.METHOD;
    }

    @Override
    List<String> newRunFlags() {
        return List.of("--data", "--size", "--kimg", "--batch", "--reg-lambda", "--init");
    }

    @Override
    boolean newRunFlagGiven() {
        return data != null || size != null || kimg != null || batch != null || regLambda != null || init != null;
    }

    @Override
    String missingInput() {
        return data == null ? "give the training images with --data DIR or --data builtin:landscapes (or --resume RUN)" : null;
    }

    @Override
    Plan plan() {
        Stylegan2Config c = Stylegan2Config.preset(preset, size != null ? size : 32);
        if (batch != null) {
            c = c.withBatch(batch);
            if ("fast".equals(c.preset())) {
                c = c.withR1(Stylegan2Config.smallR1(c.size(), batch)); // the fast preset's γ depends on the batch
            }
        }
        if (kimg != null) {
            c = c.withIters(TrainingRun.itersForKimg(kimg, c.batch()));
        }
        Regulariser r = Regulariser.parse(reg);
        if (r != Regulariser.NONE && regLambda == null) {
            throw new Gan4jException("--reg " + reg + " needs its weight: --reg-lambda L");
        }
        LatentPenalty penalty = r == Regulariser.NONE ? LatentPenalty.none()
                : new LatentPenalty(r, regLambda, 2, 0.1, Reduction.MAX, regEvery);
        String from = null;
        if (init != null) {
            Path file = ShippedModel.FACES_STYLEGAN2.orFile(init);
            if (!java.nio.file.Files.isRegularFile(file)) {
                throw new Gan4jException("--init: checkpoint not found: " + init);
            }
            from = file.toAbsolutePath().toString();
        }
        return new Plan(new TrainingRun(c.withSeed(seedOrFresh()), data, !noFlip, samples, penalty, from), null);
    }

    @Override
    void printPlan(PrintWriter out, Plan plan) {
        out.println(RunDir.toJson(plan.spec()));
    }

    @Override
    Plan open(Plan plan) {
        if (plan.spec().init() != null) { // refused before a run directory exists
            try (Stylegan2Checkpoint ck = Stylegan2Checkpoint.load(Path.of(plan.spec().init()))) {
                Stylegan2Trainer.checkStart(plan.spec().config(), ck, init.toString());
            }
        }
        return new Plan(plan.spec(), Stylegan2Training.open(plan.spec()));
    }

    @Override
    void announce(PrintWriter out, Plan plan, RunDir run) {
        Stylegan2Config c = plan.spec().config();
        out.println("StyleGAN2 " + c.size() + "x" + c.size() + ", preset " + c.preset() + ": " + c.iters()
                + " iterations of batch " + c.batch() + " (" + String.format(Locale.ROOT, "%.3g", c.iters() * c.batch() / 1000.0)
                + " kimg), seed " + c.seed() + (plan.spec().init() != null ? ", from " + plan.spec().init() : "") + "; "
                + plan.images().describe() + "; run " + run.dir());
    }

    @Override
    DataParallelOptions parallel() {
        return parallel;
    }

    @Override
    Path train(Plan plan, RunDir run, Progress progress) {
        return Stylegan2Training.train(plan.spec(), plan.images(), run, progress, Stylegan2Training.LOOP, world);
    }

    @Override
    Path resume(RunDir run, Progress progress) {
        return Stylegan2Training.resume(null, run, progress, Stylegan2Training.LOOP, world);
    }

    @Override
    void follow(RunDir run) {
        Stylegan2Training.follow(null, run, Stylegan2Training.LOOP, world);
    }

    @Override
    void finish(PrintWriter out, RunDir run, Path ck) {
        out.println("Checkpoint: " + ck + "  (sample with: gan4j stylegan2 generate --model " + run.dir()
                + " --count 16 --out samples/)");
    }
}
