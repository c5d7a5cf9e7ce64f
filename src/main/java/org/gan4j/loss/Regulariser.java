package org.gan4j.loss;

import java.util.List;
import java.util.Locale;
import org.bytedeco.pytorch.Tensor;
import org.gan4j.Gan4jException;
import org.gan4j.torch.Tensors;

/** A disentanglement regulariser added to a generator's loss: none, OroJaR or the Hessian Penalty. */
public enum Regulariser {
    /** A plain WGAN-GP. */
    NONE,
    /** OroJaR (Wei et al. 2021): orthogonal Jacobian columns. */
    OROJAR,
    /** The Hessian Penalty (Peebles et al. 2020): a diagonal Hessian. */
    HESSIAN;

    /** The penalty of {@code g}'s activations at z with fresh Rademacher vectors (0 for NONE). */
    public Tensor penalty(Activations g, Tensor z, int k, double epsilon, Reduction reduction) {
        return switch (this) {
            case OROJAR -> new OroJaR(k, epsilon, reduction).penalty(g, z, null);
            case HESSIAN -> new HessianPenalty(k, epsilon, reduction).penalty(g, z, null);
            case NONE -> Tensors.scalar(0);
        };
    }

    /**
     * One reduced penalty per activation with the given ±1 vectors {@code v} [k, *z.shape] (an empty list for NONE):
     * the terms whose sum {@link #penalty} returns.
     */
    public List<Tensor> perActivation(Activations g, Tensor z, Tensor v, double epsilon, Reduction reduction) {
        int k = (int) v.size(0);
        return switch (this) {
            case OROJAR -> new OroJaR(k, epsilon, reduction).perActivation(g, z, null, v);
            case HESSIAN -> new HessianPenalty(k, epsilon, reduction).perActivation(g, z, null, v);
            case NONE -> List.of();
        };
    }

    public String cliName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** {@code orojar}, {@code hessian} (or the official {@code hp}), {@code none}. */
    public static Regulariser parse(String s) {
        return switch (s.toLowerCase(Locale.ROOT)) {
            case "orojar" -> OROJAR;
            case "hessian", "hp" -> HESSIAN;
            case "none" -> NONE;
            default -> throw new Gan4jException("--reg must be orojar, hessian or none, got '" + s + "'");
        };
    }
}
