package org.gan4j.orojar;

import org.gan4j.loss.Regulariser;
import java.util.List;
import org.gan4j.Gan4jException;
import org.gan4j.loss.Reduction;

/**
 * The dSprites GAN with a disentanglement regulariser, as the official {@code simplegan_experiments} trains it:
 * WGAN-GP (γ 10), Adam (2e-4, β 0.5, 0.999) for G and D, one D step per G step, batch 128, nz 6, the regulariser on
 * the conv outputs of G's blocks 0–3 with k = 2, ε = 0.1, max over the batch, λ as the official scripts; the
 * learning rate constant, then falling linearly to 0 over the last {@code decayIters}.
 *
 * @param nets        the networks' sizes
 * @param data        {@code builtin:dsprites} or the original {@code .npz}
 * @param regulariser none, OroJaR or the Hessian Penalty
 * @param lambda      its weight
 * @param warmup      iterations over which λ rises linearly from 0 (0: none, the official)
 * @param k           Rademacher vectors per step
 * @param epsilon     finite-difference step
 * @param reduction   over the batch (OroJaR) or elements (HP)
 * @param layers      the generator blocks whose conv outputs are regularised
 */
public record OrojarConfig(DspritesNets nets, String data, Regulariser regulariser, double lambda, long warmup, int k,
        double epsilon, Reduction reduction, List<Integer> layers, int batch, long iters, long decayIters, double lr,
        double beta1, double beta2, double gamma, long seed) {

    public OrojarConfig {
        layers = List.copyOf(layers);
        if (batch < 2 || iters < 1 || decayIters < 0 || decayIters > iters) {
            throw new Gan4jException("batch must be ≥ 2 and 0 ≤ decay ≤ iterations (got batch " + batch + ", iters " + iters
                    + ", decay " + decayIters + ")");
        }
        if (lambda < 0 || warmup < 0) {
            throw new Gan4jException("--lambda and --warmup must be ≥ 0");
        }
        if (layers.isEmpty() || layers.stream().anyMatch(l -> l < 0 || l > 5)) {
            throw new Gan4jException("--layers must name generator blocks 0–5, got " + layers);
        }
    }

    /**
     * The official settings: w 64, batch 128, and the official schedule in iterations (600 + 600 epochs of the
     * 737,280 images at batch 128: 6,912,000 iterations, half of them decaying) — far beyond a CPU, kept as the
     * reference.
     */
    public static OrojarConfig paper(Regulariser reg) {
        long epoch = 737_280 / 128;
        return new OrojarConfig(DspritesNets.official(), "builtin:dsprites", reg, officialLambda(reg), 0, 2, 0.1,
                Reduction.MAX, List.of(0, 1, 2, 3), 128, 1200 * epoch, 600 * epoch, 2e-4, 0.5, 0.999, 10, 1);
    }

    /**
     * A 2-core CPU schedule: w 16 (a sixteenth of the paper's parameters), batch 32, 6,000 iterations, the last
     * 2,000 decaying; λ scaled for the narrower layers (see docs/orojar.md: OroJaR's penalty grows with the square of
     * the activations' size, so λ_OroJaR × 16; the Hessian Penalty's max is per element, λ unchanged).
     */
    public static OrojarConfig fast(Regulariser reg) {
        double lambda = reg == Regulariser.OROJAR ? 16 * officialLambda(reg) : officialLambda(reg);
        return new OrojarConfig(new DspritesNets(6, 1, 16), "builtin:dsprites", reg, lambda, 0, 2, 0.1, Reduction.MAX,
                List.of(0, 1, 2, 3), 32, 6000, 2000, 2e-4, 0.5, 0.999, 10, 1);
    }

    /** The official scripts' λ for the dSprites GAN (w = 64): OroJaR 1e-11 ({@code dsprites_train_orojar.sh}), HP 1e-3. */
    public static double officialLambda(Regulariser reg) {
        return switch (reg) {
            case NONE -> 0;
            case OROJAR -> 1e-11;
            case HESSIAN -> 1e-3;
        };
    }

    public OrojarConfig withSeed(long s) {
        return new OrojarConfig(nets, data, regulariser, lambda, warmup, k, epsilon, reduction, layers, batch, iters,
                decayIters, lr, beta1, beta2, gamma, s);
    }

    public OrojarConfig withLambda(double l) {
        return new OrojarConfig(nets, data, regulariser, l, warmup, k, epsilon, reduction, layers, batch, iters,
                decayIters, lr, beta1, beta2, gamma, seed);
    }

    public OrojarConfig withSchedule(long it, long decay) {
        return new OrojarConfig(nets, data, regulariser, lambda, warmup, k, epsilon, reduction, layers, batch, it, decay,
                lr, beta1, beta2, gamma, seed);
    }

    public OrojarConfig withBatch(int b) {
        return new OrojarConfig(nets, data, regulariser, lambda, warmup, k, epsilon, reduction, layers, b, iters,
                decayIters, lr, beta1, beta2, gamma, seed);
    }

    public OrojarConfig withNets(DspritesNets n) {
        return new OrojarConfig(n, data, regulariser, lambda, warmup, k, epsilon, reduction, layers, batch, iters,
                decayIters, lr, beta1, beta2, gamma, seed);
    }

    public OrojarConfig withData(String d) {
        return new OrojarConfig(nets, d, regulariser, lambda, warmup, k, epsilon, reduction, layers, batch, iters,
                decayIters, lr, beta1, beta2, gamma, seed);
    }

    public OrojarConfig withWarmup(long w) {
        return new OrojarConfig(nets, data, regulariser, lambda, w, k, epsilon, reduction, layers, batch, iters,
                decayIters, lr, beta1, beta2, gamma, seed);
    }

    /** λ at (0-based) iteration i: linear warm-up, then constant. */
    public double lambdaAt(long i) {
        return warmup == 0 ? lambda : lambda * Math.min(1.0, (i + 1) / (double) warmup);
    }
}
