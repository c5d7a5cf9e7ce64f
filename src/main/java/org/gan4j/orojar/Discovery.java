package org.gan4j.orojar;

import java.util.ArrayList;
import java.util.List;
import java.util.function.LongConsumer;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.TensorVector;
import org.bytedeco.pytorch.global.torch;
import org.gan4j.Gan4jException;
import org.gan4j.loss.OroJaR;
import org.gan4j.loss.Reduction;
import org.gan4j.nn.Adam;
import org.gan4j.nn.Init;
import org.gan4j.torch.Autograd;
import org.gan4j.torch.NoGrad;
import org.gan4j.torch.Rng;
import org.gan4j.torch.Scope;
import org.gan4j.torch.Seeds;
import org.gan4j.torch.Tensors;

/**
 * OroJaR direction discovery in a frozen generator (official {@code biggan_discovery/orojar_discover.py}): a matrix A
 * of K directions, Q = rownorm(GramSchmidt(A)) orthonormal, and images G(base + c·Q) as functions of the K
 * coefficients c; Adam (lr 0.01) on A minimises OroJaR w.r.t. c at c = 0 on the output image (mean over the batch),
 * so that the directions change the image in mutually orthogonal ways. Q is re-orthonormalised after every step.
 *
 * @param count     K directions
 * @param iters     Adam steps
 * @param batch     base codes per step
 * @param lr        Adam's rate on A (official 0.01)
 * @param epsilon   OroJaR's ε (official 0.1)
 * @param seed      A's start (Kaiming normal, {@code --load_A random}) and every batch
 */
public record Discovery(int count, long iters, int batch, double lr, double epsilon, long seed) {

    public Discovery {
        if (count < 2 || iters < 1 || batch < 1 || !(lr > 0) || !(epsilon > 0)) {
            throw new Gan4jException("discovery needs --count ≥ 2, --iters ≥ 1, --batch ≥ 1 and positive rates");
        }
    }

    /** The official settings (A lr 0.01, ε 0.1, k 2) with a CPU-sized schedule: K directions, 1,000 steps of 8. */
    public static Discovery defaults(int count) {
        return new Discovery(count, 1000, 8, 0.01, 0.1, 1);
    }

    /** Learns the directions; {@code progress} gets each finished step. Directions come strongest first. */
    public Directions run(LatentModel m, LongConsumer progress) {
        if (count > m.dim()) {
            throw new Gan4jException("--count " + count + " exceeds the latent space's " + m.dim() + " dimensions");
        }
        Seeds.seed(seed);
        Tensor a = Scope.keepAlive(Init.normal(Tensors.empty(count, m.dim()), 0, Math.sqrt(2.0 / m.dim())).requires_grad_(true));
        Adam adam = new Adam(List.of(a), lr, 0.9, 0.999, 1e-8);
        OroJaR reg = new OroJaR(2, epsilon, Reduction.MEAN);
        for (long i = 0; i < iters; i++) {
            try (Scope s = new Scope()) {
                Seeds.seed(Rng.iterationSeed(seed, i, 0));
                Tensor base;
                try (NoGrad ng = new NoGrad()) {
                    base = m.sample(batch);
                }
                Tensor q = orthonormal(a); // [K,dim], a graph to A
                Tensor penalty = reg.penalty(c -> List.of(m.render(base, c.matmul(q))), Tensors.zeros(batch, count), null);
                adam.step(Autograd.grad(penalty, List.of(a), null, false));
            }
            progress.accept(i + 1);
        }
        try (NoGrad ng = new NoGrad()) {
            return strongestFirst(m, orthonormal(a.detach()));
        }
    }

    /** {@code fast_gram_schmidt} then row normalisation ({@code norm}): orthonormal rows spanning A's. */
    public static Tensor orthonormal(Tensor a) {
        List<Tensor> u = new ArrayList<>();
        for (int k = 0; k < a.size(0); k++) {
            Tensor x = a.get(k);
            for (Tensor y : u) {
                x = x.sub(y.mul(x.dot(y).div(y.dot(y))));
            }
            u.add(x);
        }
        Tensor uu = torch.stack(new TensorVector(u.toArray(Tensor[]::new)));
        uu = uu.div(uu.square().sum(new long[] {1}).sqrt().unsqueeze(1));
        return uu.div(uu.norm(new org.bytedeco.pytorch.ScalarOptional(Tensors.s(2.0)), new long[] {1}, true)
                .add(Tensors.s(1e-10)));
    }

    /**
     * Sorts directions by how much they move the image, the mean ‖G(b + εn) − G(b)‖²/ε² over fresh base codes, and
     * signs each so that its largest-magnitude entry is positive.
     */
    Directions strongestFirst(LatentModel m, Tensor q) {
        Seeds.seed(Rng.iterationSeed(seed, -1, 1));
        Tensor base = m.sample(Math.max(8, batch));
        Tensor g0 = m.render(base, torch.zeros_like(base));
        float[] strength = new float[count];
        for (int k = 0; k < count; k++) {
            try (Scope s = new Scope()) {
                Tensor moved = m.render(base, q.get(k).mul(Tensors.s(epsilon)).unsqueeze(0).expand(base.sizes().vec().get()));
                strength[k] = (float) (moved.sub(g0).square().flatten(1, -1).sum(new long[] {1}).mean().item_double()
                        / (epsilon * epsilon));
            }
        }
        Integer[] order = new Integer[count];
        for (int k = 0; k < count; k++) {
            order[k] = k;
        }
        java.util.Arrays.sort(order, (x, y) -> Float.compare(strength[y], strength[x]));
        float[] values = new float[count];
        long[] idx = new long[count];
        for (int k = 0; k < count; k++) {
            values[k] = strength[order[k]];
            idx[k] = order[k];
        }
        Tensor sorted = q.index_select(0, Tensors.longs(idx));
        Tensor at = sorted.abs().argmax(new org.bytedeco.pytorch.LongOptional(1), true);
        Tensor sign = sorted.gather(1, at).sign();
        sign = torch.where(sign.eq(Tensors.s(0.0)), torch.ones_like(sign), sign);
        return new Directions(sorted.mul(sign).contiguous(), values);
    }
}
