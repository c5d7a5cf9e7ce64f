package org.gan4j.spade;

import org.gan4j.Gan4jException;

/**
 * A SPADE model and its training, with the official defaults ({@code options/train_options.py},
 * {@code models/pix2pix_model.py}) unless a preset says otherwise. Stored as the run's {@code config.json}.
 *
 * @param preset      the preset these values started from ("paper" or "fast")
 * @param nets        the networks' shapes
 * @param batch       pairs per step
 * @param iters       training iterations
 * @param decayIters  the last iterations over which both learning rates fall linearly to 0 (the official
 *                    niter_decay, counted in iterations; 0 = constant)
 * @param lrG         generator (and encoder) learning rate (TTUR: lr/2 = 1e-4)
 * @param lrD         discriminator learning rate (TTUR: 2·lr = 4e-4)
 * @param beta1       Adam β1 (0 with TTUR)
 * @param beta2       Adam β2 (0.9 with TTUR)
 * @param lambdaFeat  feature-matching weight (10; 0 = the official --no_ganFeat_loss)
 * @param lambdaVgg   perceptual weight (10)
 * @param lambdaKld   KL weight for the style encoder (0.05)
 * @param perceptual  the network of the perceptual term
 * @param vggWeights  torchvision VGG19 weights file when {@code perceptual} is VGG19, else null
 * @param vggSlices   how many of relu1_1 .. relu5_1 the perceptual term uses (5 = the official)
 * @param flip        mirror pairs at random (the official default; --no_flip turns it off)
 * @param seed        random seed: weights, batches, z and ε
 */
public record SpadeConfig(String preset, SpadeNets nets, int batch, long iters, long decayIters, double lrG, double lrD,
                          double beta1, double beta2, double lambdaFeat, double lambdaVgg, double lambdaKld,
                          Perceptual perceptual, String vggWeights, int vggSlices, boolean flip, long seed) {

    /** Seed of the random VGG19 used when no weights file is given. */
    public static final long RANDOM_VGG_SEED = 19;

    public SpadeConfig {
        if (batch < 1 || iters < 1 || decayIters < 0 || decayIters > iters) {
            throw new Gan4jException("SPADE needs batch >= 1, iters >= 1 and 0 <= decay iterations <= iters (got batch "
                    + batch + ", iters " + iters + ", decay " + decayIters + ")");
        }
        if (perceptual == Perceptual.VGG19 && vggWeights == null) {
            throw new Gan4jException("the VGG19 perceptual loss needs a weights file (--vgg FILE); without one gan4j"
                    + " uses a random VGG19 (--vgg random) or none (--vgg none)");
        }
        if (vggSlices < 1 || vggSlices > 5) {
            throw new Gan4jException("--vgg-slices must be 1..5, got " + vggSlices);
        }
    }

    /**
     * The paper's setting: the official networks (ngf = ndf = 64, two 4-layer discriminators, spectral norm,
     * sync batch norm in SPADE), batch 32 (as the paper's 8 GPUs), TTUR Adam (1e-4, 4e-4, β = (0, 0.9)), λ_feat = λ_vgg
     * = 10, λ_kld = 0.05, linear decay over the second half. {@code iters} follows the dataset (the paper trains
     * 200 epochs); 100,000 iterations here.
     */
    public static SpadeConfig paper(int labelNc, int size) {
        SpadeNets nets = SpadeNets.defaults(labelNc).withCrop(size, 1.0, Upsampling.NORMAL);
        return new SpadeConfig("paper", nets, 32, 100_000, 50_000, 1e-4, 4e-4, 0.0, 0.9, 10, 10, 0.05,
                Perceptual.RANDOM_VGG19, null, 5, true, 0);
    }

    /**
     * For a 2-core CPU at 64–128 px: ngf 16 and ndf 32 (a quarter and a half of the official widths), batch 4,
     * 3000 iterations with the last third decaying, the perceptual term on relu1_1..relu3_1 of the random VGG19;
     * the rest as the paper.
     */
    public static SpadeConfig fast(int labelNc, int size) {
        SpadeNets nets = SpadeNets.defaults(labelNc).withWidths(16, 32).withCrop(size, 1.0, Upsampling.NORMAL);
        return new SpadeConfig("fast", nets, 4, 3000, 1000, 1e-4, 4e-4, 0.0, 0.9, 10, 10, 0.05,
                Perceptual.RANDOM_VGG19, null, 3, true, 0);
    }

    public SpadeConfig withNets(SpadeNets n) {
        return new SpadeConfig(preset, n, batch, iters, decayIters, lrG, lrD, beta1, beta2, lambdaFeat, lambdaVgg,
                lambdaKld, perceptual, vggWeights, vggSlices, flip, seed);
    }

    public SpadeConfig withTraining(int batch, long iters, long decayIters) {
        return new SpadeConfig(preset, nets, batch, iters, decayIters, lrG, lrD, beta1, beta2, lambdaFeat, lambdaVgg,
                lambdaKld, perceptual, vggWeights, vggSlices, flip, seed);
    }

    public SpadeConfig withPerceptual(Perceptual p, String weights, int slices) {
        return new SpadeConfig(preset, nets, batch, iters, decayIters, lrG, lrD, beta1, beta2, lambdaFeat, lambdaVgg,
                lambdaKld, p, weights, slices, flip, seed);
    }

    public SpadeConfig withSeed(long s) {
        return new SpadeConfig(preset, nets, batch, iters, decayIters, lrG, lrD, beta1, beta2, lambdaFeat, lambdaVgg,
                lambdaKld, perceptual, vggWeights, vggSlices, flip, s);
    }

    /**
     * The learning-rate factor at iteration {@code i}: 1, then linearly down over the last {@code decayIters}
     * (the official lowers it by lr/niter_decay after every epoch of the decay phase).
     */
    public double lrFactor(long i) {
        return org.gan4j.train.LinearDecay.factor(i, iters, decayIters);
    }
}
