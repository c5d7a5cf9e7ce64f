package org.gan4j.singan.consingan;

import com.fasterxml.jackson.annotation.JsonIgnore;
import org.gan4j.Gan4jException;

/**
 * Everything that defines a ConSinGAN training run; the defaults are the official code's (config.py and
 * main_train.py, train_mode "generation").
 *
 * @param preset       name of the preset these values started from ("paper" or "fast")
 * @param trainMode    the official train mode ({@link TrainMode}): generation (the default), retarget,
 *                     animation, harmonization or editing
 * @param niter        iterations per stage (2000)
 * @param trainStages  stages of the generator, i.e. scales of the pyramid (6)
 * @param trainDepth   stages trained at the same time, the newest ones (3)
 * @param lrScale      learning-rate factor per stage below the newest: stage k below gets lr·lrScale^k (0.1)
 * @param minSize      shorter side of the coarsest scale in px (25)
 * @param maxSize      longer side of the finest scale in px; larger images are downscaled first (250)
 * @param nfc          channels of every conv block (64)
 * @param kerSize      conv kernel size (3)
 * @param numLayer     conv blocks per stage, and in the critic's body (3)
 * @param lreluAlpha   negative slope of the LeakyReLU (0.05)
 * @param batchNorm    BatchNorm in the generator's blocks (off)
 * @param lrG          generator Adam learning rate of the newest stage and the tail (5e-4)
 * @param lrD          critic Adam learning rate (5e-4)
 * @param beta1        Adam beta1 (0.5; beta2 is 0.999)
 * @param gSteps       generator optimizer steps per iteration, all with the same gradient (3, as official)
 * @param dSteps       critic steps per iteration (3)
 * @param lambdaGrad   gradient-penalty weight λ (0.1)
 * @param alpha        reconstruction weight α (10)
 * @param noiseAmpInit noise amplitude relative to the reconstruction RMSE above the coarsest stage (0.1)
 * @param gamma        learning-rate decay factor at the milestone (0.1)
 * @param lrMilestone  iteration from which the learning rates are multiplied by gamma (0.8·niter: 1600)
 * @param seed         random seed; the run is repeatable on the same machine
 */
public record ConSinGANConfig(
        String preset,
        String trainMode,
        int niter,
        int trainStages,
        int trainDepth,
        double lrScale,
        int minSize,
        int maxSize,
        int nfc,
        int kerSize,
        int numLayer,
        double lreluAlpha,
        boolean batchNorm,
        double lrG,
        double lrD,
        double beta1,
        int gSteps,
        int dSteps,
        double lambdaGrad,
        double alpha,
        double noiseAmpInit,
        double gamma,
        int lrMilestone,
        long seed) {

    public ConSinGANConfig {
        if (trainStages < 2) {
            throw new Gan4jException("--stages must be at least 2, got " + trainStages);
        }
        if (trainDepth < 1) {
            throw new Gan4jException("--train-depth must be at least 1, got " + trainDepth);
        }
        if (!(lrScale > 0)) {
            throw new Gan4jException("--lr-scale must be positive, got " + lrScale);
        }
        TrainMode.of(trainMode); // one line naming the modes when unknown
    }

    /** The official defaults: 6 stages, 3 trained at once, 2000 iterations per stage, max size 250. */
    public static ConSinGANConfig paper() {
        return new ConSinGANConfig("paper", "generation", 2000, 6, 3, 0.1, 25, 250, 64, 3, 3, 0.05, false,
                5e-4, 5e-4, 0.5, 3, 3, 0.1, 10, 0.1, 0.1, 1600, 0);
    }

    /**
     * For a 2-core CPU: the paper's networks, stages and losses at max size 128 with 500 iterations per stage. On
     * the bundled landscape (docs/singan.md) 500 reach the patch SWD of SinGAN's fast preset (43.3 against 43.7) in
     * about 18 minutes; 200 (8 minutes) are far from it (80.7).
     */
    public static ConSinGANConfig fast() {
        return paper().withPreset("fast").withMaxSize(128).withIters(500);
    }

    public static ConSinGANConfig preset(String name) {
        return switch (name) {
            case "paper" -> paper();
            case "fast" -> fast();
            default -> throw new Gan4jException("--preset must be 'paper' or 'fast', got '" + name + "'");
        };
    }

    /** Index of the finest stage (the official opt.stop_scale). */
    @JsonIgnore
    public int stopScale() {
        return trainStages - 1;
    }

    /** The noise border of the stages above the coarsest in generation mode: numLayer px on each side. */
    @JsonIgnore
    public int noisePad() {
        return numLayer;
    }

    @JsonIgnore
    public TrainMode mode() {
        return TrainMode.of(trainMode);
    }

    private ConSinGANConfig with(String preset, int niter, int stages, int depth, double lrScale, int minSize,
            int maxSize, int milestone, long seed) {
        return new ConSinGANConfig(preset, trainMode, niter, stages, depth, lrScale, minSize, maxSize, nfc, kerSize,
                numLayer, lreluAlpha, batchNorm, lrG, lrD, beta1, gSteps, dSteps, lambdaGrad, alpha, noiseAmpInit,
                gamma, milestone, seed);
    }

    public ConSinGANConfig withIters(int n) {
        if (n < 1) {
            throw new Gan4jException("--iters must be at least 1, got " + n);
        }
        // DEVIATION: the official MultiStepLR milestone is the float 0.8·niter, which the scheduler's integer step
        // count only meets when it is whole (never for e.g. niter 7); rounding keeps the 80% point for every count
        // (identical when niter is a multiple of 5, as the default 2000).
        return with(preset, n, trainStages, trainDepth, lrScale, minSize, maxSize, (int) Math.round(0.8 * n), seed);
    }

    public ConSinGANConfig withStages(int n) {
        return with(preset, niter, n, trainDepth, lrScale, minSize, maxSize, lrMilestone, seed);
    }

    public ConSinGANConfig withTrainDepth(int n) {
        return with(preset, niter, trainStages, n, lrScale, minSize, maxSize, lrMilestone, seed);
    }

    public ConSinGANConfig withLrScale(double s) {
        return with(preset, niter, trainStages, trainDepth, s, minSize, maxSize, lrMilestone, seed);
    }

    public ConSinGANConfig withMaxSize(int px) {
        if (px < 2) {
            throw new Gan4jException("--max-size must be at least 2 px, got " + px);
        }
        return with(preset, niter, trainStages, trainDepth, lrScale, minSize, px, lrMilestone, seed);
    }

    public ConSinGANConfig withMinSize(int px) {
        if (px < 2) {
            throw new Gan4jException("--min-size must be at least 2 px, got " + px);
        }
        return with(preset, niter, trainStages, trainDepth, lrScale, px, maxSize, lrMilestone, seed);
    }

    public ConSinGANConfig withSeed(long s) {
        return with(preset, niter, trainStages, trainDepth, lrScale, minSize, maxSize, lrMilestone, s);
    }

    public ConSinGANConfig withPreset(String p) {
        return with(p, niter, trainStages, trainDepth, lrScale, minSize, maxSize, lrMilestone, seed);
    }

    /** The same run in another train mode; animation's coarsest stage is 20 px (official main_train.py). */
    public ConSinGANConfig withMode(TrainMode mode) {
        int min = mode == TrainMode.ANIMATION ? 20 : minSize;
        return new ConSinGANConfig(preset, mode.id(), niter, trainStages, trainDepth, lrScale, min, maxSize,
                nfc, kerSize, numLayer, lreluAlpha, batchNorm, lrG, lrD, beta1, gSteps, dSteps, lambdaGrad, alpha,
                noiseAmpInit, gamma, lrMilestone, seed);
    }

    /** The official harmonization mode (uniform pyramid, zero padding, augmented images at stage 0). */
    public ConSinGANConfig forHarmonization() {
        return withMode(TrainMode.HARMONIZATION);
    }

    public ConSinGANConfig withBatchNorm(boolean on) {
        return new ConSinGANConfig(preset, trainMode, niter, trainStages, trainDepth, lrScale, minSize, maxSize, nfc,
                kerSize, numLayer, lreluAlpha, on, lrG, lrD, beta1, gSteps, dSteps, lambdaGrad, alpha, noiseAmpInit,
                gamma, lrMilestone, seed);
    }

    /** Smaller networks for tests: {@code nfc} channels per block. */
    public ConSinGANConfig withNfc(int channels) {
        return new ConSinGANConfig(preset, trainMode, niter, trainStages, trainDepth, lrScale, minSize, maxSize,
                channels, kerSize, numLayer, lreluAlpha, batchNorm, lrG, lrD, beta1, gSteps, dSteps, lambdaGrad, alpha,
                noiseAmpInit, gamma, lrMilestone, seed);
    }
}
