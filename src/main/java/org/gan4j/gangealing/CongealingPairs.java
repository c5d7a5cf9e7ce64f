package org.gan4j.gangealing;

import java.util.ArrayList;
import java.util.List;
import org.bytedeco.pytorch.Tensor;
import org.gan4j.nn.BilinearDownsample;
import org.gan4j.stylegan2.Generator;
import org.gan4j.torch.NoGrad;
import org.gan4j.torch.dist.Shard;
import org.gan4j.torch.Tensors;

/**
 * GAN-supervised pairs ({@code sample_gan_supervised_pairs}): x = G(w) for w = f(z), and its target
 * y_k = G(lerp(c_k, w, ψ) on the coarse layers, w above), each with its own fresh noise maps (the official code
 * found shared noise worse). The target is brought to the STN's size; the generator is frozen, so gradients reach
 * only the target latent's coefficients.
 *
 * @param unaligned x at the generator's size {@code [N,3,G,G]}
 * @param target    y at the STN's size {@code [N·K,3,F,F]}
 */
record CongealingPairs(Tensor unaligned, Tensor target) {

    static CongealingPairs sample(Generator g, TargetLatent ll, BilinearDownsample toStn, Tensor z, double psi,
            boolean targetNeedsGrad) {
        return sample(g, ll, toStn, z, psi, targetNeedsGrad, Shard.WHOLE);
    }

    /**
     * This rank's rows of the pairs of the global batch's codes {@code zAll} [B,S]: the noise maps of x and of y
     * are drawn for the global batch too (in the order one process draws them), so that the ranks together make
     * the one-process pairs.
     */
    static CongealingPairs sample(Generator g, TargetLatent ll, BilinearDownsample toStn, Tensor zAll, double psi,
            boolean targetNeedsGrad, Shard shard) {
        long n = zAll.size(0);
        List<Tensor> noiseX = noise(g, n, 1, shard);
        List<Tensor> noiseY = noise(g, n, ll.heads(), shard);
        Tensor w;
        Tensor x;
        try (NoGrad ng = new NoGrad()) {
            w = g.getLatent(shard.rows(zAll));
            x = g.synthesize(w.unsqueeze(1).repeat(1, g.nLatent(), 1), noiseX);
        }
        Tensor y;
        if (targetNeedsGrad) {
            y = g.synthesize(ll.interpolate(w, psi), noiseY);
        } else {
            try (NoGrad ng = new NoGrad()) {
                y = g.synthesize(ll.interpolate(w, psi), noiseY);
            }
        }
        return new CongealingPairs(x, toStn == null ? y : toStn.forward(y));
    }

    /** Fresh noise maps for n samples × k rows each (row i·k + j), this rank's samples: [n/N·k,1,r,r] per layer. */
    private static List<Tensor> noise(Generator g, long n, int k, Shard shard) {
        List<Tensor> out = new ArrayList<>();
        for (Tensor b : g.noiseBuffers()) {
            long r = b.size(2);
            Tensor all = Tensors.randn(n, k, 1, r, r); // as NoiseInjection draws [n·k,1,r,r]
            out.add(shard.rows(all).reshape(-1, 1, r, r));
        }
        return out;
    }

    /** z for {@code n} samples from the global generator. */
    static Tensor z(Generator g, long n) {
        return Tensors.randn(n, g.styleDim());
    }
}
