package org.gan4j.singan;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.global.torch;
import org.gan4j.Gan4jException;
import org.gan4j.data.Images;
import org.gan4j.torch.Engine;
import org.gan4j.torch.ImageTensors;
import org.gan4j.torch.Lanes;
import org.gan4j.torch.Rng;
import org.gan4j.torch.Scope;
import org.gan4j.train.LoopOptions;
import org.gan4j.train.Progress;
import org.gan4j.train.RunDir;
import org.gan4j.train.TrainLoop;

/**
 * The library entry point for SinGAN: train on one image, load a model, draw samples.
 *
 * <pre>{@code
 * SinGANModel m = SinGAN.train(Images.read(Path.of("mountains.png")), SinGANConfig.fast().withSeed(1),
 *         Path.of("runs/mountains"), Progress.fromEnvironment());
 * List<BufferedImage> wide = SinGAN.sample(m, 4, 1.0, 2.0, 0, 42);   // 4 samples, twice as wide
 * }</pre>
 */
public final class SinGAN {

    /** Name of the training image a run keeps (so that {@code --resume} can rebuild the pyramid). */
    public static final String INPUT_PNG = "input.png";
    /** Name of the trained model in a run directory. */
    public static final String MODEL_PT = "model.pt";

    private SinGAN() {}

    /**
     * Trains a new run in {@code runDir} (created; a non-empty foreign directory is refused) and returns the
     * model, also written as {@code runDir/model.pt}.
     */
    public static SinGANModel train(BufferedImage image, SinGANConfig config, Path runDir, Progress progress) {
        Pyramid.plan(image.getHeight(), image.getWidth(), config); // fail on a too-small image before creating the run
        return train(image, config, RunDir.create(SinGANMethod.NAME, runDir), progress);
    }

    /** As {@link #train(BufferedImage, SinGANConfig, Path, Progress)} into an already created run directory. */
    public static SinGANModel train(BufferedImage image, SinGANConfig config, RunDir run, Progress progress) {
        Pyramid.plan(image.getHeight(), image.getWidth(), config);
        return new TrainLoop(run, LoopOptions.defaults(), progress).train(SinGANMethod.on(image), config,
                SinGANTrainer::model);
    }

    /** Continues a killed run from its last checkpoint (or finishes nothing if it is complete). */
    public static SinGANModel resume(Path runDir, Progress progress) {
        RunDir run = RunDir.open(runDir, SinGANMethod.NAME);
        return new TrainLoop(run, LoopOptions.defaults(), progress).resume(SinGANMethod.fromRun(), SinGANTrainer::model);
    }

    /** (scale, iteration) where a checkpoint continues; (last scale, niter) when it is complete. */
    public static int[] resumePosition(ModelFile.Checkpoint ck, Pyramid pyramid, SinGANConfig config) {
        StageState cur = ck.current();
        int stage = cur != null ? cur.scale() : ck.model().size();
        long iter = cur != null ? cur.iter() : 0;
        if (stage >= pyramid.scales()) {
            return new int[] {pyramid.scales() - 1, config.niter()};
        }
        return new int[] {stage, (int) iter};
    }

    /** Loads a model from a run directory (its model.pt) or a model file. */
    public static SinGANModel load(Path runOrFile) {
        Path file = Files.isDirectory(runOrFile) ? runOrFile.resolve(MODEL_PT) : runOrFile;
        if (!Files.exists(file)) {
            throw new Gan4jException(Files.isDirectory(runOrFile)
                    ? runOrFile + " has no model.pt yet (is its first scale still training? see its checkpoints/)"
                    : "model not found: " + runOrFile);
        }
        return ModelFile.load(file);
    }

    /**
     * Random samples at {@code scaleV} x {@code scaleH} times the training size, fresh noise from scale
     * {@code startScale} on.
     */
    public static List<BufferedImage> sample(SinGANModel m, int count, double scaleV, double scaleH, int startScale,
            long seed) {
        List<BufferedImage> out = new ArrayList<>();
        forEachSample(m, count, scaleV, scaleH, startScale, seed, out::add);
        return out;
    }

    /**
     * Samples generated per batch by {@link #forEachSample}: one, as the official code does. Measured at 128x86:
     * batches of 4 took the same CPU time per sample and 180 MB more peak memory; two threads run two batches
     * side by side instead.
     */
    public static final int SAMPLE_BATCH = 1;

    /**
     * As {@link #sample} but hands over each image as soon as its batch is done (bounded memory). Batch b draws
     * its noise from a generator seeded by (seed, b), so the samples of a seed do not depend on the thread count;
     * with two threads, two batches run side by side ({@link Lanes}), unless one batch is large enough to use
     * both threads itself.
     */
    public static void forEachSample(SinGANModel m, int count, double scaleV, double scaleH, int startScale,
            long seed, java.util.function.Consumer<BufferedImage> sink) {
        m.checkScale(startScale, 0, "--start-scale");
        int batches = (count + SAMPLE_BATCH - 1) / SAMPLE_BATCH;
        if (batches <= 0) {
            return;
        }
        Scale fin = m.scale(m.finest());
        long pixels = SAMPLE_BATCH * Math.round(fin.height() * scaleV) * Math.round(fin.width() * scaleH);
        try (Lanes lanes = pixels >= Sampler.LARGE_OUTPUT_PIXELS ? new Lanes(1, 1) : Lanes.forThreads(Engine.threads())) {
            int step = lanes.count();
            // Batch b on the helper lane, b+1 (with two lanes) on this thread meanwhile; the next helper batch starts
            // before this pair's images go to the sink, so writing them overlaps the computing.
            Lanes.Task<List<BufferedImage>> pending = lanes.fork(sampleBatch(m, count, 0, startScale, scaleV, scaleH, seed));
            for (int b = 0; b < batches; b += step) {
                List<BufferedImage> second = null;
                if (step == 2 && b + 1 < batches) {
                    try (Scope s = new Scope()) {
                        second = sampleBatch(m, count, b + 1, startScale, scaleV, scaleH, seed).call();
                    } catch (RuntimeException | Error e) {
                        pending.join(); // let the helper lane finish before the error goes up
                        throw e;
                    } catch (Exception e) {
                        throw new IllegalStateException(e);
                    }
                }
                List<BufferedImage> first = pending.join();
                pending = b + step < batches
                        ? lanes.fork(sampleBatch(m, count, b + step, startScale, scaleV, scaleH, seed)) : null;
                first.forEach(sink);
                if (second != null) {
                    second.forEach(sink);
                }
            }
        }
    }

    /** Batch {@code k} of a sampling run: its own noise generator, seeded by (seed, k). */
    private static java.util.concurrent.Callable<List<BufferedImage>> sampleBatch(SinGANModel m, int count, int k,
            int startScale, double scaleV, double scaleH, long seed) {
        int n = Math.min(SAMPLE_BATCH, count - k * SAMPLE_BATCH);
        Sampler.Request q = Sampler.Request.random(n).withStart(startScale).withSize(scaleV, scaleH);
        long batchSeed = seed * 1_000_003L + k;
        return () -> ImageTensors.toImages(Sampler.generate(m, q.withNoise(Rng.seeded(batchSeed))));
    }

    /** The reconstruction of the training image from z_opt. */
    public static BufferedImage reconstruct(SinGANModel m) {
        try (Scope s = new Scope()) {
            return ImageTensors.toImage(Sampler.reconstruct(m));
        }
    }
}
