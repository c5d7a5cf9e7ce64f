package org.gan4j.singan;

import org.bytedeco.pytorch.Tensor;

/**
 * One trained level of the pyramid: its generator and critic, the reconstruction noise z_opt, the noise
 * amplitude σ_n and the real image x_n at this scale.
 *
 * @param g        generator (eval mode, frozen once trained)
 * @param d        critic (kept for the checkpoint and for fine-tuning)
 * @param zOpt     reconstruction noise, [1,3,H+2p,W+2p] (random at the coarsest scale, zeros above)
 * @param noiseAmp σ_n
 * @param real     x_n, [1,3,H,W] in [-1,1]
 */
public record Scale(Generator g, Discriminator d, Tensor zOpt, double noiseAmp, Tensor real) {

    public int height() {
        return (int) real.size(2);
    }

    public int width() {
        return (int) real.size(3);
    }

    /** Channel count of this scale's networks. */
    public int channels() {
        return (int) g.head.conv.weight.size(0);
    }
}
