package org.gan4j.loss;

import java.util.ArrayList;
import java.util.List;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.TensorVector;
import org.bytedeco.pytorch.global.torch;
import org.gan4j.Gan4jException;
import org.gan4j.torch.Tensors;

/**
 * The Orthogonal Jacobian Regulariser (Wei et al., ICCV 2021; official {@code orojar_pytorch.py}). For each
 * activation G_d and k Rademacher vectors v, the forward difference f_v = (G_d(z + εv) − G_d(z))/ε ≈ J·v, and
 * <pre>  L = reduce_n Var_v(‖f_v‖²)</pre>
 * (unbiased variance over the k vectors, per sample n; reduced over the batch by max or mean), summed over the
 * activations. For Rademacher v, ‖Jv‖² = Σ_i ‖J_i‖² + Σ_{i≠j} v_i v_j J_iᵀJ_j, so E[Var_v] = 2·Σ_{i≠j} (J_iᵀJ_j)²:
 * the penalty vanishes exactly when the columns of the Jacobian are orthogonal.
 *
 * @param k         Rademacher vectors per step (≥ 2; official 2)
 * @param epsilon   the finite-difference step ε (official 0.1)
 * @param reduction over the batch (official max)
 */
public record OroJaR(int k, double epsilon, Reduction reduction) {

    public OroJaR {
        if (k < 2) {
            throw new Gan4jException("OroJaR needs at least 2 Rademacher vectors (k), got " + k);
        }
        if (!(epsilon > 0)) {
            throw new Gan4jException("OroJaR's epsilon must be > 0, got " + epsilon);
        }
    }

    /** The official defaults: k = 2, ε = 0.1, max over the batch. */
    public static OroJaR defaults() {
        return new OroJaR(2, 0.1, Reduction.MAX);
    }

    /** The penalty with fresh Rademacher vectors from the global generator; {@code gz} = G(z) if already computed, or null. */
    public Tensor penalty(Activations g, Tensor z, List<Tensor> gz) {
        return sum(perActivation(g, z, gz, Rademacher.like(z, k)));
    }

    /**
     * One penalty per activation with the given ±1 vectors {@code v} [k, *z.shape] (the official
     * {@code return_separately=True}).
     */
    public List<Tensor> perActivation(Activations g, Tensor z, List<Tensor> gz, Tensor v) {
        List<Tensor> base = gz != null ? gz : g.of(z);
        int kk = (int) v.size(0);
        List<List<Tensor>> norms = new ArrayList<>(); // [activation][vector] -> ‖f_v‖² [N]
        for (int a = 0; a < base.size(); a++) {
            norms.add(new ArrayList<>());
        }
        for (int i = 0; i < kk; i++) {
            List<Tensor> moved = g.of(z.add(v.get(i).mul(Tensors.s(epsilon))));
            for (int a = 0; a < base.size(); a++) {
                Tensor f = moved.get(a).sub(base.get(a)).div(Tensors.s(epsilon)); // [N,…]
                norms.get(a).add(f.flatten(1, -1).square().sum(new long[] {1})); // [N]
            }
        }
        List<Tensor> out = new ArrayList<>();
        for (List<Tensor> perVector : norms) {
            Tensor stacked = torch.stack(new TensorVector(perVector.toArray(Tensor[]::new))); // [k,N]
            out.add(reduction.apply(torch.var(stacked, new long[] {0}, true, false))); // [N] -> scalar
        }
        return out;
    }

    static Tensor sum(List<Tensor> terms) {
        Tensor s = terms.get(0);
        for (int i = 1; i < terms.size(); i++) {
            s = s.add(terms.get(i));
        }
        return s;
    }
}
