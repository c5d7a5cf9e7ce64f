package org.gan4j.loss;

import org.bytedeco.pytorch.Tensor;
import org.gan4j.Gan4jException;

/**
 * A disentanglement regulariser on a generator's input, as a training option: which one, its weight λ, the
 * estimators' k, ε and reduction, and every how many iterations it runs (lazily, scaled by that interval as
 * StyleGAN2's own regularisers are).
 */
public record LatentPenalty(Regulariser kind, double lambda, int k, double epsilon, Reduction reduction, int every) {

    public LatentPenalty {
        if (kind == null) {
            kind = Regulariser.NONE;
        }
        if (lambda < 0 || every < 1 || (kind != Regulariser.NONE && (k < 2 || !(epsilon > 0)))) {
            throw new Gan4jException("--reg-lambda must be ≥ 0, --reg-every ≥ 1, k ≥ 2 and ε > 0");
        }
    }

    public static LatentPenalty none() {
        return new LatentPenalty(Regulariser.NONE, 0, 2, 0.1, Reduction.MAX, 4);
    }

    /** {@code kind} with weight λ and the official k = 2, ε = 0.1, max, every 4 iterations. */
    public static LatentPenalty of(Regulariser kind, double lambda) {
        return new LatentPenalty(kind, lambda, 2, 0.1, Reduction.MAX, 4);
    }

    public boolean active() {
        return kind != Regulariser.NONE && lambda > 0;
    }

    /** The unweighted penalty of {@code g} at z. */
    public Tensor penalty(Activations g, Tensor z) {
        return kind.penalty(g, z, k, epsilon, reduction);
    }
}
