package org.gan4j.nn;

import org.bytedeco.pytorch.Tensor;
import org.gan4j.torch.Tensors;

/**
 * Per-pixel noise with a learned strength (key {@code weight} {@code [1]}, initialised to 0), rosinality's
 * {@code NoiseInjection}: {@code x + s·B}, B of shape {@code [N,1,H,W]} broadcast over channels (StyleGAN,
 * Sec. 3.2: stochastic variation).
 */
public final class NoiseInjection extends Module {

    public final Tensor weight; // [1]

    public NoiseInjection() {
        this.weight = registerParameter("weight", Tensors.zeros(1));
    }

    /** @param noise {@code [N or 1,1,H,W]}, or null for fresh N(0,1) noise from the global generator */
    public Tensor forward(Tensor image, Tensor noise) { // [N,C,H,W] -> [N,C,H,W]
        Tensor b = noise != null ? noise : Tensors.randn(image.size(0), 1, image.size(2), image.size(3));
        return image.add(weight.mul(b));
    }
}
