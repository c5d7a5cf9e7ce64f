package org.gan4j.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.gan4j.Gan4jException;
import org.gan4j.data.Images;
import org.gan4j.singan.OutputMemory;
import org.gan4j.singan.Scale;
import org.gan4j.singan.SinGAN;
import org.gan4j.singan.SinGANModel;
import org.gan4j.singan.consingan.ConSinGAN;
import org.gan4j.singan.consingan.ConSinGANModel;
import org.gan4j.singan.consingan.Sampling;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code gan4j singan sample}: random samples of a trained model, at any size. */
@Command(name = "sample", mixinStandardHelpOptions = true,
        description = {"Write random samples of a trained SinGAN as PNGs.",
                "From any start scale (coarser = more variety), at any size and aspect ratio (--scale-w,",
                "--scale-h), or the reconstruction from z_opt (--reconstruct)."},
        footer = {"", "Examples:", "  gan4j singan sample --model runs/mountains --count 8 --out samples/",
                "  gan4j singan sample --model runs/mountains --count 4 --scale-w 2 --scale-h 1 --out wide/",
                "  gan4j singan sample --model runs/mountains --count 4 --start-scale 3 --out close/",
                "  gan4j singan sample --model runs/mountains --reconstruct --out rec/"})
final class SinganSample implements Callable<Integer> {

    @Option(names = "--model", required = true, paramLabel = "RUN", description = "A run directory or its model.pt.")
    Path model;

    @Option(names = "--count", defaultValue = "8", paramLabel = "N", description = "Number of samples. Default: ${DEFAULT-VALUE}.")
    int count;

    @Option(names = "--start-scale", defaultValue = "0", paramLabel = "n",
            description = "Fresh noise from this scale on, z_opt below it (0 = fully random). Default: ${DEFAULT-VALUE}.")
    int startScale;

    @Option(names = "--scale-w", defaultValue = "1", paramLabel = "X", description = "Width relative to the training image. Default: ${DEFAULT-VALUE}.")
    double scaleW;

    @Option(names = "--scale-h", defaultValue = "1", paramLabel = "Y", description = "Height relative to the training image. Default: ${DEFAULT-VALUE}.")
    double scaleH;

    @Mixin
    SeedOption seed = new SeedOption();

    @Option(names = "--reconstruct", description = "Write the reconstruction G(z_opt) instead of random samples.")
    boolean reconstruct;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "Output directory.")
    Path out;

    @Mixin
    EngineOptions engine = new EngineOptions();

    @Override
    public Integer call() {
        PrintWriter pw = engine.out();
        if (count < 1) {
            throw new Gan4jException("--count must be at least 1, got " + count);
        }
        if (!(scaleW > 0) || !(scaleH > 0) || scaleW > 16 || scaleH > 16) {
            throw new Gan4jException("--scale-w and --scale-h must be in (0, 16], got " + scaleW + " and " + scaleH);
        }
        engine.apply();
        if (ConSinGAN.isConSinGAN(model)) {
            return sampleConSinGAN(pw);
        }
        try (SinGANModel m = loadModel(model)) {
            if (reconstruct) {
                Path file = out.resolve("reconstruction.png");
                Images.writePng(file, SinGAN.reconstruct(m));
                pw.println("Wrote " + file);
                return 0;
            }
            m.checkScale(startScale, 0, "--start-scale");
            checkMemory(m, Math.min(SinGAN.SAMPLE_BATCH, count), scaleH, scaleW);
            long s = seed.value();
            List<Path> files = writeRandom(m, count, scaleH, scaleW, startScale, s, out, "sample");
            pw.println("Wrote " + files.size() + (files.size() == 1 ? " sample (" : " samples (") + sizeOf(files.get(0))
                    + ", seed " + s + ") to " + out);
            return 0;
        }
    }

    /** A ConSinGAN run or model: random samples at any size, or the reconstruction. */
    private int sampleConSinGAN(PrintWriter pw) {
        try (ConSinGANModel m = ConSinGAN.load(model)) {
            if (reconstruct) {
                Path file = out.resolve("reconstruction.png");
                try (org.gan4j.torch.Scope s = new org.gan4j.torch.Scope()) {
                    Images.writePng(file, org.gan4j.torch.ImageTensors.toImage(Sampling.reconstruct(m)));
                }
                pw.println("Wrote " + file);
                return 0;
            }
            long s = seed.value();
            List<Path> files = writeImages(Sampling.images(m, count, scaleH, scaleW, s, startScale), out, "sample");
            pw.println("Wrote " + files.size() + (files.size() == 1 ? " sample (" : " samples (") + sizeOf(files.get(0))
                    + ", seed " + s + (startScale > 0 ? ", fresh noise from stage " + startScale : "") + ") to " + out);
            return 0;
        }
    }

    /** Writes images as prefix-000.png ...; returns the files. */
    static List<Path> writeImages(List<java.awt.image.BufferedImage> images, Path dir, String prefix) {
        List<Path> files = new ArrayList<>();
        for (var img : images) {
            Path f = dir.resolve(String.format("%s-%03d.png", prefix, files.size()));
            Images.writePng(f, img);
            files.add(f);
        }
        return files;
    }

    /** Loads a model from a run directory (its model.pt) or a model file, with a clear error when absent. */
    static SinGANModel loadModel(Path runOrFile) {
        return SinGAN.load(runOrFile);
    }

    /** Fails with one line, naming the largest size that fits, when the samples clearly cannot fit in memory. */
    static void checkMemory(SinGANModel m, int batch, double scaleV, double scaleH) {
        Scale fin = m.scale(m.finest());
        long h = Math.round(scaleV * fin.height());
        long w = Math.round(scaleH * fin.width());
        OutputMemory.check("a batch of " + batch + " samples", h, w, 1 / m.scaleFactor(),
                t -> OutputMemory.bytes(m.config(), fin.channels(), batch, (long) Math.ceil(t * h), (long) Math.ceil(t * w)),
                t -> String.format(java.util.Locale.ROOT, " (--scale-w %.2f --scale-h %.2f)", Math.floor(t * scaleH * 100) / 100,
                        Math.floor(t * scaleV * 100) / 100));
    }

    /**
     * Generates and writes {@code count} random samples as prefix-000.png ...; returns the files. The arguments
     * before {@code dir} are those of {@link SinGAN#forEachSample}, in its order.
     */
    static List<Path> writeRandom(SinGANModel m, int count, double scaleV, double scaleH, int startScale, long seed,
            Path dir, String prefix) {
        List<Path> files = new ArrayList<>();
        SinGAN.forEachSample(m, count, scaleV, scaleH, startScale, seed, img -> {
            Path f = dir.resolve(String.format("%s-%03d.png", prefix, files.size()));
            Images.writePng(f, img);
            files.add(f);
        });
        return files;
    }

    private static String sizeOf(Path png) {
        var img = Images.read(png);
        return img.getWidth() + "x" + img.getHeight();
    }
}
