package org.gan4j.gangealing;

import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.global.torch;
import org.gan4j.nn.BilinearDownsample;
import org.gan4j.stylegan2.Generator;
import org.gan4j.stylegan2.NoiseMode;
import org.gan4j.torch.NoGrad;

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
        Tensor w;
        Tensor x;
        try (NoGrad ng = new NoGrad()) {
            w = g.getLatent(z);
            x = g.synthesize(w.unsqueeze(1).repeat(1, g.nLatent(), 1), NoiseMode.RANDOM);
        }
        Tensor y;
        if (targetNeedsGrad) {
            y = g.synthesize(ll.interpolate(w, psi), NoiseMode.RANDOM);
        } else {
            try (NoGrad ng = new NoGrad()) {
                y = g.synthesize(ll.interpolate(w, psi), NoiseMode.RANDOM);
            }
        }
        return new CongealingPairs(x, toStn == null ? y : toStn.forward(y));
    }

    /** z for {@code n} samples from the global generator. */
    static Tensor z(Generator g, long n) {
        return torch.randn(n, g.styleDim());
    }
}
