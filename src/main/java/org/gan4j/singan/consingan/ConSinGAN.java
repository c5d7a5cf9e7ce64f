package org.gan4j.singan.consingan;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import org.gan4j.Gan4jException;
import org.gan4j.singan.SinGAN;
import org.gan4j.train.LoopOptions;
import org.gan4j.train.Progress;
import org.gan4j.train.RunDir;
import org.gan4j.train.TrainLoop;

/**
 * The library entry point for ConSinGAN: train on one image, resume, load, sample ({@link Sampling}).
 *
 * <pre>{@code
 * ConSinGANModel m = ConSinGAN.train(Images.read(Path.of("mountains.png")), ConSinGANConfig.fast().withSeed(1),
 *         RunDir.create("consingan", Path.of("runs/mountains")), Progress.fromEnvironment());
 * List<BufferedImage> wide = Sampling.images(m, 4, 1.0, 2.0, 42);   // 4 samples, twice as wide
 * }</pre>
 */
public final class ConSinGAN {

    private ConSinGAN() {}

    /** Trains a new run into an already created run directory and returns the model (also its model.pt). */
    public static ConSinGANModel train(BufferedImage image, ConSinGANConfig config, RunDir run, Progress progress) {
        Scales.plan(image.getHeight(), image.getWidth(), config);
        return new TrainLoop(run, LoopOptions.defaults(), progress).train(ConSinGANMethod.on(image), config,
                ConSinGANTrainer::model);
    }

    /** Continues a killed run from its last checkpoint (trains nothing if it is complete). */
    public static ConSinGANModel resume(Path runDir, Progress progress) {
        RunDir run = RunDir.open(runDir, ConSinGANMethod.NAME);
        return new TrainLoop(run, LoopOptions.defaults(), progress).resume(ConSinGANMethod.fromRun(),
                ConSinGANTrainer::model);
    }

    /** (stage, iteration) where a checkpoint continues; (last stage, niter) when it is complete. */
    public static long[] resumePosition(ModelFile.Checkpoint ck, ConSinGANConfig config) {
        if (ck.current() != null) {
            return new long[] {ck.current().stage(), ck.current().iter()};
        }
        int done = ck.model().stages();
        return done >= config.trainStages() ? new long[] {config.trainStages() - 1, config.niter()}
                : new long[] {done, 0};
    }

    /** Whether {@code runOrFile} is a ConSinGAN run directory or model file. */
    public static boolean isConSinGAN(Path runOrFile) {
        if (Files.isDirectory(runOrFile)) {
            return Files.isRegularFile(runOrFile.resolve(RunDir.RUN_JSON))
                    && ConSinGANMethod.NAME.equals(RunDir.open(runOrFile).method());
        }
        return Files.isRegularFile(runOrFile) && ModelFile.isConSinGAN(runOrFile);
    }

    /** Loads a model from a run directory (its model.pt) or a model file. */
    public static ConSinGANModel load(Path runOrFile) {
        Path file = Files.isDirectory(runOrFile) ? runOrFile.resolve(SinGAN.MODEL_PT) : runOrFile;
        if (!Files.exists(file)) {
            throw new Gan4jException(Files.isDirectory(runOrFile)
                    ? runOrFile + " has no model.pt yet (is its first stage still training? see its checkpoints/)"
                    : "model not found: " + runOrFile);
        }
        ConSinGANModel m = ModelFile.load(file);
        if (m.stages() == 0) {
            m.close();
            throw new Gan4jException(file + " holds no trained stage yet");
        }
        return m;
    }
}
