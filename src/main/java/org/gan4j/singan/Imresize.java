package org.gan4j.singan;

import org.bytedeco.pytorch.ScalarOptional;
import org.bytedeco.pytorch.Tensor;
import org.gan4j.torch.NoGrad;
import org.gan4j.torch.Resize;
import org.gan4j.torch.Tensors;

/**
 * The official SinGAN {@code imresize}: the image is first turned into 8-bit values (clamped to [-1,1] and
 * truncated, as {@code torch2uint8} does), resized with MATLAB's antialiased bicubic, and mapped back to
 * [-1,1] with a clamp. The clamp and the quantisation are part of the method: generator outputs above the
 * coarsest scale can leave [-1,1], and every upsampling between scales brings them back. ConSinGAN copies this
 * code, so {@link org.gan4j.singan.consingan} builds its pyramid with it too.
 */
public final class Imresize {

    private Imresize() {}

    /** Resizes [N,3,H,W] in [-1,1] by {@code scale}: output ceil(H·scale) x ceil(W·scale). */
    public static Tensor imresize(Tensor x, double scale) {
        try (NoGrad ng = new NoGrad()) {
            return fromUnit(Resize.imresize(toQuantizedUnit(x), scale));
        }
    }

    /** Resizes [N,3,H,W] in [-1,1] to exactly h x w. */
    public static Tensor imresizeTo(Tensor x, int h, int w) {
        try (NoGrad ng = new NoGrad()) {
            return fromUnit(Resize.imresizeTo(toQuantizedUnit(x), h, w));
        }
    }

    /** floor(255·clamp((x+1)/2, 0, 1)) / 255: the uint8 image the official resize works on, in [0,1]. */
    static Tensor toQuantizedUnit(Tensor x) {
        return x.add(Tensors.s(1.0)).div(Tensors.s(2.0))
                .clamp_(new ScalarOptional(Tensors.s(0.0)), new ScalarOptional(Tensors.s(1.0)))
                .mul_(Tensors.s(255.0)).floor_().div_(Tensors.s(255.0));
    }

    /** (y - 0.5)·2 clamped to [-1,1] (np2torch + norm). */
    static Tensor fromUnit(Tensor y) {
        return y.sub(Tensors.s(0.5)).mul_(Tensors.s(2.0))
                .clamp_(new ScalarOptional(Tensors.s(-1.0)), new ScalarOptional(Tensors.s(1.0)));
    }
}
