package org.gan4j.singan;

import org.bytedeco.pytorch.Scalar;
import org.bytedeco.pytorch.ScalarOptional;
import org.bytedeco.pytorch.Tensor;
import org.gan4j.torch.NoGrad;
import org.gan4j.torch.Resize;

/**
 * The official SinGAN {@code imresize}: the image is first turned into 8-bit values (clamped to [-1,1] and
 * truncated, as {@code torch2uint8} does), resized with MATLAB's antialiased bicubic, and mapped back to
 * [-1,1] with a clamp. The clamp and the quantisation are part of the method: generator outputs above the
 * coarsest scale can leave [-1,1], and every upsampling between scales brings them back.
 */
final class Imresize {

    private Imresize() {}

    /** Resizes [N,3,H,W] in [-1,1] by {@code scale}: output ceil(H·scale) x ceil(W·scale). */
    static Tensor imresize(Tensor x, double scale) {
        try (NoGrad ng = new NoGrad()) {
            return fromUnit(Resize.imresize(toQuantizedUnit(x), scale));
        }
    }

    /** Resizes [N,3,H,W] in [-1,1] to exactly h x w. */
    static Tensor imresizeTo(Tensor x, int h, int w) {
        try (NoGrad ng = new NoGrad()) {
            return fromUnit(Resize.imresizeTo(toQuantizedUnit(x), h, w));
        }
    }

    /** floor(255·clamp((x+1)/2, 0, 1)) / 255: the uint8 image the official resize works on, in [0,1]. */
    static Tensor toQuantizedUnit(Tensor x) {
        return x.add(new Scalar(1.0)).div(new Scalar(2.0))
                .clamp_(new ScalarOptional(new Scalar(0.0)), new ScalarOptional(new Scalar(1.0)))
                .mul_(new Scalar(255.0)).floor_().div_(new Scalar(255.0));
    }

    /** (y - 0.5)·2 clamped to [-1,1] (np2torch + norm). */
    static Tensor fromUnit(Tensor y) {
        return y.sub(new Scalar(0.5)).mul_(new Scalar(2.0))
                .clamp_(new ScalarOptional(new Scalar(-1.0)), new ScalarOptional(new Scalar(1.0)));
    }
}
