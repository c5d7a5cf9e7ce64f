package org.gan4j.cocosnet;

import org.gan4j.Gan4jException;
import org.gan4j.data.EdgeMap;
import org.gan4j.spade.Perceptual;

/**
 * A CoCosNet model and its training, with the official defaults ({@code options/train_options.py},
 * {@code models/pix2pix_model.py}) and the released ade20k recipe ({@code --weight_mask 100}) unless a preset
 * says otherwise. Stored as the run's {@code config.json}.
 *
 * @param preset            "paper" or "fast"
 * @param input             what the input map is: label maps, or edge maps computed from the photos (null in a
 *                          config.json written before edge maps: labels)
 * @param nets              the two networks' shapes
 * @param ndf               discriminator width (64)
 * @param numD              discriminators of the multiscale discriminator (2)
 * @param nLayersD          layers per discriminator (4)
 * @param batch             pairs per step
 * @param iters             training iterations
 * @param decayIters        the last iterations over which both learning rates fall linearly to 0
 * @param lrG               generator and correspondence learning rate (TTUR: lr/2 = 1e-4), Adam ε 1e-3
 * @param lrD               discriminator learning rate (TTUR: 2·lr = 4e-4)
 * @param weightGan         hinge adversarial weight, G's and D's terms ({@code --weight_gan} 10)
 * @param lambdaFeat        discriminator feature matching ({@code --lambda_feat} 10)
 * @param lambdaVgg         VGG terms ({@code --lambda_vgg} 10)
 * @param fmRatio           feature matching on pseudo pairs, relative to λ_vgg ({@code --fm_ratio} 0.1; 1 for faces)
 * @param weightPerceptual  perceptual MSE ({@code --weight_perceptual} 0.01)
 * @param perceptualLayer   5 (relu5_2, the default) or 4 (relu4_2: celebahq, deepfashion)
 * @param ctxW              contextual loss, relative to λ_vgg ({@code --ctx_w} 1)
 * @param weightMask        warped-mask NLL ({@code --weight_mask}: 100 in the released ade20k and celebahq recipes)
 * @param novggFeatpair     domain alignment L1 between the adaptors' features ({@code --novgg_featpair} 10)
 * @param warpCycleW        cycle warp L1 ({@code --warp_cycle_w}: 0; 0.1 celebahq, 1 celebahqedge)
 * @param warpSelfW         warped exemplar against the ground truth on pseudo pairs ({@code --warp_self_w} 0)
 * @param realReferenceP    probability of a retrieved exemplar; else a pseudo pair ({@code --real_reference_probability} 0.7)
 * @param hardReferenceP    probability of the hard (farthest kept) neighbour ({@code --hard_reference_probability} 0.2)
 * @param perceptual        the VGG19 of the losses: a weights file, or the fixed-seed random default
 * @param vggWeights        the weights file when {@code perceptual} is VGG19
 * @param flip              mirror pairs at random
 * @param seed              weights, batches and exemplar choices
 */
public record CocosConfig(String preset, InputKind input, CocosNets nets, int ndf, int numD, int nLayersD, int batch, long iters,
        long decayIters, double lrG, double lrD, double weightGan, double lambdaFeat, double lambdaVgg, double fmRatio,
        double weightPerceptual, int perceptualLayer, double ctxW, double weightMask, double novggFeatpair,
        double warpCycleW, double warpSelfW, double realReferenceP, double hardReferenceP, Perceptual perceptual,
        String vggWeights, boolean flip, long seed) {

    /** TTUR's Adam: β = (0, 0.9); the generator side with ε = 1e-3 as the official optimizer_G. */
    public static final double BETA1 = 0.0;
    public static final double BETA2 = 0.9;
    public static final double EPS_G = 1e-3;

    public CocosConfig {
        if (input == null) {
            input = InputKind.LABELS;
        }
        if (input == InputKind.EDGES && nets.semanticNc() != EdgeMap.CHANNELS) {
            throw new IllegalArgumentException("an edges model takes " + EdgeMap.CHANNELS + " input channels, not "
                    + nets.semanticNc());
        }
        if (batch < 1 || iters < 1 || decayIters < 0 || decayIters > iters) {
            throw new Gan4jException("CoCosNet needs batch >= 1, iters >= 1 and 0 <= decay iterations <= iters (got batch "
                    + batch + ", iters " + iters + ", decay " + decayIters + ")");
        }
        if (perceptual == Perceptual.VGG19 && vggWeights == null) {
            throw new Gan4jException("the VGG19 losses need a weights file (--vgg FILE); without one gan4j uses a random"
                    + " VGG19 (--vgg random)");
        }
        if (perceptual == Perceptual.NONE) {
            throw new Gan4jException("CoCosNet's losses need a VGG19: give --vgg FILE or --vgg random");
        }
        if (perceptualLayer != 4 && perceptualLayer != 5) {
            throw new Gan4jException("--which-perceptual must be 5_2 or 4_2");
        }
        if (nets.warpCycle() != (warpCycleW > 0)) {
            throw new IllegalArgumentException("the cycle warp is computed exactly when its weight is positive");
        }
        if (weightMask > 0 && nets.warpMask() == WarpMask.NONE) {
            throw new Gan4jException("--weight-mask needs a warped mask (--warp-mask-losstype direct or cycle)");
        }
        if (realReferenceP < 0 || realReferenceP > 1 || hardReferenceP < 0 || hardReferenceP > realReferenceP) {
            throw new Gan4jException("need 0 <= hard reference probability <= real reference probability <= 1");
        }
    }

    /**
     * The released ade20k recipe: {@link CocosNets#ade20k} networks at {@code size}, ndf 64, batch 32 (8 GPUs),
     * 100,000 iterations with the second half decaying, mask loss 100, fm_ratio 0.1, relu5_2 perceptual 0.01.
     */
    public static CocosConfig paper(int semanticNc, int size) {
        return new CocosConfig("paper", InputKind.LABELS, CocosNets.ade20k(semanticNc).withSize(size), 64, 2, 4, 32, 100_000, 50_000,
                1e-4, 4e-4, 10, 10, 10, 0.1, 0.01, 5, 1, 100, 10, 0, 0, 0.7, 0.2, Perceptual.RANDOM_VGG19, null, true, 0);
    }

    /**
     * The {@link #paper} recipe around other networks (an imported model's): the warped-mask loss kept only when they
     * warp the mask, the cycle warp weighted 1 (celebahqedge's weight) when they compute it, else 0.
     */
    public static CocosConfig paper(CocosNets n) {
        CocosConfig p = paper(n.semanticNc(), n.cropSize());
        return new CocosConfig(p.preset, p.input, n, p.ndf, p.numD, p.nLayersD, p.batch, p.iters, p.decayIters, p.lrG, p.lrD,
                p.weightGan, p.lambdaFeat, p.lambdaVgg, p.fmRatio, p.weightPerceptual, p.perceptualLayer, p.ctxW,
                n.warpMask() == WarpMask.NONE ? 0 : p.weightMask, p.novggFeatpair, n.warpCycle() ? 1 : 0, p.warpSelfW,
                p.realReferenceP, p.hardReferenceP, p.perceptual, p.vggWeights, p.flip, p.seed);
    }

    /**
     * For a 2-core CPU at 64 px: the ade20k recipe with the correspondence at ngf 32 (a 128-wide trunk; the official
     * 64 costs twice the time of a whole step), the translation network at ngf 16, ndf 32, batch 4, 600 iterations
     * with the last quarter decaying (about 4 s per iteration on 2 cores: 40 minutes).
     */
    public static CocosConfig fast(int semanticNc, int size) {
        return new CocosConfig("fast", InputKind.LABELS, CocosNets.ade20k(semanticNc).withSize(size).withCorrespondenceWidth(32)
                .withGeneratorWidth(16), 32, 2, 4, 4, 600, 150, 1e-4, 4e-4, 10, 10, 10, 0.1, 0.01, 5, 1, 100, 10, 0, 0,
                0.7, 0.2, Perceptual.RANDOM_VGG19, null, true, 0);
    }

    /**
     * This config for edge maps computed from the photos ({@link InputKind#EDGES}, 2 channels): the released
     * celebahqedge networks' flags ({@link CocosNets#celebahqEdge}: mask mixing, PONO-C, bilinear warp, the cycle warp,
     * adaptor kernel 4, no warped mask) at this config's widths and size, with that recipe's losses
     * ({@code --which_perceptual 4_2 --weight_perceptual 0.001 --fm_ratio 1.0 --warp_cycle_w 1} and the default
     * {@code --weight_mask 0}: edges have no classes to carry); schedule, VGG and seed unchanged.
     */
    public CocosConfig forEdges() {
        // DEVIATION: the official celebahqedge input has 15 channels (Canny edges outside the face plus the part
        // boundaries of CelebAMask-HQ's part masks, one distance map per part, the part boundaries alone): it needs
        // the part masks. gan4j computes its map from the photo alone, so it has the Canny edges of the whole photo and
        // one distance map to them: 2 channels, the same two kinds of channel.
        // The README's training command omits --adaptor_kernel 4, but the released model (and its test command) has 4.
        CocosNets n = CocosNets.celebahqEdge(EdgeMap.CHANNELS).withSize(nets.cropSize())
                .withCorrespondenceWidth(nets.ngfCorr()).withGeneratorWidth(nets.ngfG());
        return new CocosConfig(preset, InputKind.EDGES, n, ndf, numD, nLayersD, batch, iters, decayIters, lrG, lrD,
                weightGan, lambdaFeat, lambdaVgg, 1.0, 0.001, 4, ctxW, 0, novggFeatpair, 1, warpSelfW, realReferenceP,
                hardReferenceP, perceptual, vggWeights, flip, seed);
    }

    public CocosConfig withNets(CocosNets n, int ndf) {
        return new CocosConfig(preset, input, n, ndf, numD, nLayersD, batch, iters, decayIters, lrG, lrD, weightGan, lambdaFeat,
                lambdaVgg, fmRatio, weightPerceptual, perceptualLayer, ctxW, weightMask, novggFeatpair, warpCycleW,
                warpSelfW, realReferenceP, hardReferenceP, perceptual, vggWeights, flip, seed);
    }

    public CocosConfig withTraining(int batch, long iters, long decayIters) {
        return new CocosConfig(preset, input, nets, ndf, numD, nLayersD, batch, iters, decayIters, lrG, lrD, weightGan,
                lambdaFeat, lambdaVgg, fmRatio, weightPerceptual, perceptualLayer, ctxW, weightMask, novggFeatpair,
                warpCycleW, warpSelfW, realReferenceP, hardReferenceP, perceptual, vggWeights, flip, seed);
    }

    public CocosConfig withVgg(Perceptual p, String weights) {
        return new CocosConfig(preset, input, nets, ndf, numD, nLayersD, batch, iters, decayIters, lrG, lrD, weightGan,
                lambdaFeat, lambdaVgg, fmRatio, weightPerceptual, perceptualLayer, ctxW, weightMask, novggFeatpair,
                warpCycleW, warpSelfW, realReferenceP, hardReferenceP, p, weights, flip, seed);
    }

    public CocosConfig withSeed(long s) {
        return new CocosConfig(preset, input, nets, ndf, numD, nLayersD, batch, iters, decayIters, lrG, lrD, weightGan,
                lambdaFeat, lambdaVgg, fmRatio, weightPerceptual, perceptualLayer, ctxW, weightMask, novggFeatpair,
                warpCycleW, warpSelfW, realReferenceP, hardReferenceP, perceptual, vggWeights, flip, s);
    }

    public CocosConfig withFlip(boolean on) {
        return new CocosConfig(preset, input, nets, ndf, numD, nLayersD, batch, iters, decayIters, lrG, lrD, weightGan,
                lambdaFeat, lambdaVgg, fmRatio, weightPerceptual, perceptualLayer, ctxW, weightMask, novggFeatpair,
                warpCycleW, warpSelfW, realReferenceP, hardReferenceP, perceptual, vggWeights, on, seed);
    }

    /** The learning-rate factor at iteration {@code i}: 1, then linearly down over the last {@code decayIters}. */
    public double lrFactor(long i) {
        return org.gan4j.train.LinearDecay.factor(i, iters, decayIters);
    }
}
