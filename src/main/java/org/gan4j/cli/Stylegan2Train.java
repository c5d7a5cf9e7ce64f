package org.gan4j.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.gan4j.Gan4jException;
import org.gan4j.data.ImageDataset;
import org.gan4j.stylegan2.StyleGAN2Config;
import org.gan4j.stylegan2.Stylegan2Training;
import org.gan4j.stylegan2.TrainingRun;
import org.gan4j.torch.Seeds;
import org.gan4j.train.Progress;
import org.gan4j.train.RunDir;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code gan4j stylegan2 train}: rosinality's training loop on a folder of images or a built-in dataset. */
@Command(name = "train", mixinStandardHelpOptions = true,
        description = {"Train StyleGAN2 on a folder of images or on builtin:landscapes.",
                "As rosinality's train.py: logistic loss, lazy R1 and path-length regularization, style mixing 0.9,",
                "generator EMA. A folder may hold images of any sizes (centre-cropped and resized); or use",
                "builtin:landscapes (procedural, shipped in the jar). The run directory gets config.json, metrics.csv,",
                "loss.png, samples/ (g_ema on fixed z) and checkpoints/latest.pt (rosinality's layout, resumable)."},
        footer = {"", "Examples:",
                "  gan4j stylegan2 train --data builtin:landscapes --size 32 --preset fast --out runs/land32",
                "  gan4j stylegan2 train --data photos/ --size 64 --preset fast --kimg 100 --batch 8 --out runs/photos",
                "  gan4j stylegan2 train --resume runs/land32             continue a killed run where it stopped",
                "  gan4j stylegan2 generate --model runs/land32 --count 16 --out samples/"})
final class Stylegan2Train implements Callable<Integer> {

    @Option(names = "--data", paramLabel = "DIR|builtin:NAME",
            description = "A folder of images (searched recursively) or builtin:landscapes.")
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

    @Option(names = "--seed", paramLabel = "S", description = "Random seed (default: a fresh one, saved in config.json).")
    Long seed;

    @Option(names = "--no-flip", description = "Do not mirror training images at random (rosinality always does).")
    boolean noFlip;

    @Option(names = "--samples", defaultValue = "32", paramLabel = "N",
            description = "Images per sample grid of g_ema. Default: ${DEFAULT-VALUE}.")
    int samples;

    @Option(names = "--out", paramLabel = "DIR", description = "Run directory (default runs/stylegan2-<timestamp>).")
    Path out;

    @Option(names = "--resume", paramLabel = "RUN", description = "Continue a run from its last checkpoint.")
    Path resume;

    @Option(names = "--dry-run", description = "Print the resolved configuration and exit.")
    boolean dryRun;

    @Mixin
    EngineOptions engine = new EngineOptions();

    @Override
    public Integer call() {
        PrintWriter out = engine.out();
        if (resume != null) {
            if (data != null || size != null || kimg != null || batch != null || seed != null) {
                throw new Gan4jException("--resume continues a run with its saved configuration; drop --data, --size,"
                        + " --kimg, --batch and --seed");
            }
            engine.apply();
            RunDir run = RunDir.open(resume, Stylegan2Training.METHOD);
            out.println("Resuming " + run.dir() + " from its last checkpoint.");
            Path ck;
            try (Progress progress = Progress.fromEnvironment()) {
                ck = Stylegan2Training.resume(resume, progress);
            }
            finish(out, run, ck);
            return 0;
        }
        if (data == null) {
            throw new Gan4jException("give the training images with --data DIR or --data builtin:landscapes (or --resume RUN)");
        }
        TrainingRun run = configure();
        if (dryRun) {
            out.println(RunDir.toJson(run));
            return 0;
        }
        engine.apply();
        ImageDataset images = Stylegan2Training.open(run);
        RunDir dir = RunDir.create(Stylegan2Training.METHOD, this.out);
        StyleGAN2Config c = run.config();
        out.println("StyleGAN2 " + c.size() + "x" + c.size() + ", preset " + c.preset() + ": " + c.iters()
                + " iterations of batch " + c.batch() + " (" + String.format(java.util.Locale.ROOT, "%.3g", c.iters() * c.batch() / 1000.0)
                + " kimg), seed " + c.seed() + "; " + images.describe() + "; run " + dir.dir());
        Path ck;
        try (Progress progress = Progress.fromEnvironment()) {
            ck = Stylegan2Training.train(run, images, dir, progress, Stylegan2Training.LOOP);
        }
        finish(out, dir, ck);
        return 0;
    }

    private TrainingRun configure() {
        StyleGAN2Config c = StyleGAN2Config.preset(preset, size != null ? size : 32);
        if (batch != null) {
            c = c.withBatch(batch);
            if ("fast".equals(c.preset())) {
                c = c.withR1(StyleGAN2Config.smallR1(c.size(), batch)); // the fast preset's γ depends on the batch
            }
        }
        if (kimg != null) {
            c = c.withIters(TrainingRun.itersForKimg(kimg, c.batch()));
        }
        return new TrainingRun(c.withSeed(seed != null ? seed : Seeds.fresh()), data, !noFlip, samples);
    }

    private static void finish(PrintWriter out, RunDir run, Path ck) {
        out.println("Checkpoint: " + ck + "  (sample with: gan4j stylegan2 generate --model " + run.dir()
                + " --count 16 --out samples/)");
    }
}
