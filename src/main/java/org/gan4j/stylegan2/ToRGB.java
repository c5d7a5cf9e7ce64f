package org.gan4j.stylegan2;

import java.util.List;
import org.bytedeco.pytorch.ScalarOptional;
import org.bytedeco.pytorch.Tensor;
import org.gan4j.nn.ModulatedConv2d;
import org.gan4j.nn.Module;
import org.gan4j.nn.Resample;
import org.gan4j.nn.Upsample;
import org.gan4j.torch.Tensors;

/**
 * Skip-architecture output layer, rosinality's {@code ToRGB}: a modulated 1×1 conv to RGB without
 * demodulation, plus a bias, added to the upsampled RGB image of the level below.
 * <pre>  rgb_r = A(w)-modulated 1×1 conv(x_r) + b + up(rgb_{r/2})</pre>
 * Keys {@code bias} {@code [1,3,1,1]}, {@code upsample.kernel} (when upsampling), {@code conv.*}.
 */
public final class ToRGB extends Module {

    public final Tensor bias; // [1,3,1,1]
    public final Upsample upsample; // or null at 4x4
    public final ModulatedConv2d conv;
    private double clamp = Double.NaN;

    /**
     * @param in         input channels
     * @param styleDim   dimension of w
     * @param upsample   whether a skip image from the level below is upsampled and added
     * @param blurKernel FIR kernel of that upsampling
     */
    public ToRGB(int in, int styleDim, boolean upsample, List<? extends Number> blurKernel) {
        this.bias = registerParameter("bias", Tensors.zeros(1, 3, 1, 1));
        this.upsample = upsample ? registerModule("upsample", new Upsample(blurKernel, 2)) : null;
        this.conv = registerModule("conv", new ModulatedConv2d(in, 3, 1, styleDim, false, Resample.NONE, blurKernel));
    }

    /**
     * Clamps this level's RGB to ±{@code c} before the skip image is added, as StyleGAN2-ADA's {@code conv_clamp}
     * in its {@code ToRGBLayer}; NaN, the default, does not clamp.
     */
    public ToRGB clamp(double c) {
        this.clamp = c;
        return this;
    }

    /** The clamp, NaN when there is none. */
    public double clamp() {
        return clamp;
    }

    /** @param skip {@code [N,3,H/2,W/2]} or null */
    public Tensor forward(Tensor x, Tensor w, Tensor skip) { // [N,I,H,W], [N,S] -> [N,3,H,W]
        Tensor out = conv.forward(x, w).add(bias);
        if (!Double.isNaN(clamp)) { // DEVIATION (ADA pickles only): rosinality has no clamp
            out = out.clamp(new ScalarOptional(Tensors.s(-clamp)),
                    new ScalarOptional(Tensors.s(clamp)));
        }
        return skip == null ? out : out.add(upsample.forward(skip));
    }
}
