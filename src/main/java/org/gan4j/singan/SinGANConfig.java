package org.gan4j.singan;

import com.fasterxml.jackson.annotation.JsonIgnore;
import org.gan4j.Gan4jException;

/**
 * Everything that defines a SinGAN training run; the defaults are the official code's (config.py).
 *
 * @param preset        name of the preset these values started from ("paper" or "fast")
 * @param mode          "train" (random samples), "animation" (noise padding, as the official animation
 *                      training) or "sr" (super-resolution training: α 100, min size 18, SR scale factor)
 * @param niter         iterations per scale (2000)
 * @param scaleFactor   nominal pyramid factor r before it is recomputed for the image (0.75)
 * @param minSize       shorter side of the coarsest scale in px (25)
 * @param maxSize       longer side of the finest scale in px; larger images are downscaled first (250)
 * @param nfc           base channel count, doubled every 4 scales, capped at 128 (32)
 * @param minNfc        minimum channels of a block (32)
 * @param kerSize       conv kernel size (3)
 * @param numLayer      conv blocks per network: head + numLayer-2 body blocks + tail (5)
 * @param lrG           generator Adam learning rate (5e-4)
 * @param lrD           critic Adam learning rate (5e-4)
 * @param beta1         Adam beta1 (0.5; beta2 is 0.999)
 * @param gSteps        generator steps per iteration (3)
 * @param dSteps        critic steps per iteration (3)
 * @param lambdaGrad    gradient-penalty weight λ (0.1)
 * @param alpha         reconstruction weight α (10)
 * @param noiseAmpInit  noise amplitude relative to the reconstruction RMSE above the coarsest scale (0.1)
 * @param gamma         learning-rate decay factor at the milestone (0.1)
 * @param lrMilestone   iteration at which the learning rates are multiplied by gamma (1600 of 2000)
 * @param seed          random seed; the run is repeatable on the same machine
 */
public record SinGANConfig(
        String preset,
        String mode,
        int niter,
        double scaleFactor,
        int minSize,
        int maxSize,
        int nfc,
        int minNfc,
        int kerSize,
        int numLayer,
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

    /** The official defaults: 2000 iterations per scale, max size 250. */
    public static SinGANConfig paper() {
        return new SinGANConfig("paper", "train", 2000, 0.75, 25, 250, 32, 32, 3, 5, 5e-4, 5e-4, 0.5, 3, 3,
                0.1, 10, 0.1, 0.1, 1600, 0);
    }

    /**
     * For a 2-core CPU: the paper's networks and losses with 150 iterations per scale and max size 128 (the
     * learning-rate milestone stays at 80% of the iterations), chosen so that a square 128-px image (8 scales, the
     * most a 128-px image gets) trains in under 15 minutes on 2 cores; the bundled 192x128 landscape takes about
     * 7. Patch statistics against the paper preset: docs/singan.md, "Presets".
     */
    public static SinGANConfig fast() {
        return paper().withPreset("fast").withMaxSize(128).withIters(150);
    }

    public static SinGANConfig preset(String name) {
        return switch (name) {
            case "paper" -> paper();
            case "fast" -> fast();
            default -> throw new Gan4jException("--preset must be 'paper' or 'fast', got '" + name + "'");
        };
    }

    /** Padding added around each scale's input: (kerSize-1)·numLayer/2 = 5 px for the default networks. */
    @JsonIgnore
    public int pad() {
        return (kerSize - 1) * numLayer / 2;
    }

    /** Channels of the networks at scale n: nfc·2^floor(n/4), capped at 128. */
    public int channelsAt(int n) {
        return Math.min(nfc * (1 << (n / 4)), 128);
    }

    /** Minimum block channels at scale n, grown like {@link #channelsAt}. */
    public int minChannelsAt(int n) {
        return Math.min(minNfc * (1 << (n / 4)), 128);
    }

    @JsonIgnore
    public boolean animation() {
        return "animation".equals(mode);
    }

    @JsonIgnore
    public boolean superResolution() {
        return "sr".equals(mode);
    }

    public SinGANConfig withIters(int n) {
        if (n < 1) {
            throw new Gan4jException("--iters must be at least 1, got " + n);
        }
        // DEVIATION: the official milestone is a fixed 1600; scaling it keeps the paper's 80% point for other
        // iteration counts (identical at the default 2000).
        int milestone = n == 2000 ? 1600 : (int) Math.round(0.8 * n);
        return new SinGANConfig(preset, mode, n, scaleFactor, minSize, maxSize, nfc, minNfc, kerSize, numLayer, lrG,
                lrD, beta1, gSteps, dSteps, lambdaGrad, alpha, noiseAmpInit, gamma, milestone, seed);
    }

    public SinGANConfig withMaxSize(int px) {
        if (px < 2) {
            throw new Gan4jException("--max-size must be at least 2 px, got " + px);
        }
        return new SinGANConfig(preset, mode, niter, scaleFactor, minSize, px, nfc, minNfc, kerSize, numLayer, lrG,
                lrD, beta1, gSteps, dSteps, lambdaGrad, alpha, noiseAmpInit, gamma, lrMilestone, seed);
    }

    public SinGANConfig withMinSize(int px) {
        if (px < 2) {
            throw new Gan4jException("--min-size must be at least 2 px, got " + px);
        }
        return new SinGANConfig(preset, mode, niter, scaleFactor, px, maxSize, nfc, minNfc, kerSize, numLayer, lrG,
                lrD, beta1, gSteps, dSteps, lambdaGrad, alpha, noiseAmpInit, gamma, lrMilestone, seed);
    }

    public SinGANConfig withSeed(long s) {
        return new SinGANConfig(preset, mode, niter, scaleFactor, minSize, maxSize, nfc, minNfc, kerSize, numLayer, lrG,
                lrD, beta1, gSteps, dSteps, lambdaGrad, alpha, noiseAmpInit, gamma, lrMilestone, s);
    }

    public SinGANConfig withPreset(String p) {
        return new SinGANConfig(p, mode, niter, scaleFactor, minSize, maxSize, nfc, minNfc, kerSize, numLayer, lrG,
                lrD, beta1, gSteps, dSteps, lambdaGrad, alpha, noiseAmpInit, gamma, lrMilestone, seed);
    }

    public SinGANConfig withAlpha(double a) {
        return new SinGANConfig(preset, mode, niter, scaleFactor, minSize, maxSize, nfc, minNfc, kerSize, numLayer, lrG,
                lrD, beta1, gSteps, dSteps, lambdaGrad, a, noiseAmpInit, gamma, lrMilestone, seed);
    }

    public SinGANConfig withScaleFactor(double r) {
        if (!(r > 0 && r < 1)) {
            throw new Gan4jException("the scale factor must be in (0, 1), got " + r);
        }
        return new SinGANConfig(preset, mode, niter, r, minSize, maxSize, nfc, minNfc, kerSize, numLayer, lrG,
                lrD, beta1, gSteps, dSteps, lambdaGrad, alpha, noiseAmpInit, gamma, lrMilestone, seed);
    }

    /**
     * Animation training as the official animation.py: noise everywhere instead of zero-padded noise, min
     * size 20.
     */
    public SinGANConfig forAnimation() {
        return new SinGANConfig(preset, "animation", niter, scaleFactor, 20, maxSize, nfc, minNfc, kerSize, numLayer,
                lrG, lrD, beta1, gSteps, dSteps, lambdaGrad, alpha, noiseAmpInit, gamma, lrMilestone, seed);
    }

    /**
     * Super-resolution training as the official SR.py: α = 100, min size 18, and the scale factor
     * factor^(-1/k) with k = round(log(1/factor)/log(2^(-1/3))) steps, so that k upsampling steps reach the
     * factor exactly.
     */
    public SinGANConfig forSuperResolution(double factor) {
        double r = 1 / SuperResolutionSteps.stepScale(factor);
        return new SinGANConfig(preset, "sr", niter, r, 18, maxSize, nfc, minNfc, kerSize, numLayer, lrG, lrD, beta1,
                gSteps, dSteps, lambdaGrad, 100, noiseAmpInit, gamma, lrMilestone, seed);
    }
}
