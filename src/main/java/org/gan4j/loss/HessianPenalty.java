package org.gan4j.loss;

import java.util.ArrayList;
import java.util.List;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.TensorVector;
import org.bytedeco.pytorch.global.torch;
import org.gan4j.Gan4jException;
import org.gan4j.torch.Tensors;

/**
 * The Hessian Penalty (Peebles et al., ECCV 2020; official {@code hessian_penalty_pytorch.py}, Eq. 5). For each
 * activation G_d and k Rademacher vectors v, the central second difference
 * <pre>  H_v = (G_d(z + εv) − 2·G_d(z) + G_d(z − εv)) / ε²  ≈ vᵀ H v  (per output element)</pre>
 * and L = reduce Var_v(H_v), the unbiased variance over v taken element-wise and reduced over every element and
 * sample (max by default), summed over the activations. For Rademacher v, E[Var_v(vᵀHv)] = 2·Σ_{i≠j} H_ij²: the
 * off-diagonal Hessian, i.e. how much each latent dimension's effect depends on the others.
 *
 * @param k         Rademacher vectors per step (≥ 2; official 2)
 * @param epsilon   the finite-difference step ε (official 0.1)
 * @param reduction over elements and samples (official max)
 */
public record HessianPenalty(int k, double epsilon, Reduction reduction) {

    public HessianPenalty {
        if (k < 2) {
            throw new Gan4jException("the Hessian Penalty needs at least 2 Rademacher vectors (k), got " + k);
        }
        if (!(epsilon > 0)) {
            throw new Gan4jException("the Hessian Penalty's epsilon must be > 0, got " + epsilon);
        }
    }

    /** The official defaults: k = 2, ε = 0.1, max. */
    public static HessianPenalty defaults() {
        return new HessianPenalty(2, 0.1, Reduction.MAX);
    }

    /** The penalty with fresh Rademacher vectors from the global generator; {@code gz} = G(z) if already computed, or null. */
    public Tensor penalty(Activations g, Tensor z, List<Tensor> gz) {
        return OroJaR.sum(perActivation(g, z, gz, Rademacher.like(z, k)));
    }

    /** One penalty per activation with the given ±1 vectors {@code v} [k, *z.shape]. */
    public List<Tensor> perActivation(Activations g, Tensor z, List<Tensor> gz, Tensor v) {
        List<Tensor> base = gz != null ? gz : g.of(z);
        int kk = (int) v.size(0);
        double eps2 = epsilon * epsilon;
        List<List<Tensor>> second = new ArrayList<>(); // [activation][vector] -> H_v [N,…]
        for (int a = 0; a < base.size(); a++) {
            second.add(new ArrayList<>());
        }
        for (int i = 0; i < kk; i++) {
            Tensor step = v.get(i).mul(Tensors.s(epsilon));
            List<Tensor> to = g.of(z.add(step));
            List<Tensor> from = g.of(z.sub(step));
            for (int a = 0; a < base.size(); a++) {
                Tensor h = to.get(a).sub(base.get(a).mul(Tensors.s(2.0))).add(from.get(a)).div(Tensors.s(eps2));
                second.get(a).add(h);
            }
        }
        List<Tensor> out = new ArrayList<>();
        for (List<Tensor> perVector : second) {
            Tensor stacked = torch.stack(new TensorVector(perVector.toArray(Tensor[]::new))); // [k,N,…]
            out.add(reduction.apply(torch.var(stacked, new long[] {0}, true, false))); // [N,…] -> scalar
        }
        return out;
    }
}
