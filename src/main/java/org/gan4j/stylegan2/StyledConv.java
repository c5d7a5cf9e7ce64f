package org.gan4j.stylegan2;

import java.util.List;
import org.bytedeco.pytorch.ScalarOptional;
import org.bytedeco.pytorch.Tensor;
import org.gan4j.nn.FusedLeakyReLU;
import org.gan4j.nn.ModulatedConv2d;
import org.gan4j.nn.Module;
import org.gan4j.nn.NoiseInjection;
import org.gan4j.nn.Resample;
import org.gan4j.torch.Tensors;

/**
 * One synthesis layer, rosinality's {@code StyledConv}: modulated 3×3 conv (optionally 2× upsampling), noise
 * injection, bias and leaky ReLU. Keys {@code conv.*}, {@code noise.weight}, {@code activate.bias}.
 */
public final class StyledConv extends Module {

    public final ModulatedConv2d conv;
    public final NoiseInjection noise;
    public final FusedLeakyReLU activate;
    private double clamp = Double.NaN;

    /**
     * @param in         input channels
     * @param out        output channels
     * @param styleDim   dimension of w
     * @param upsample   whether the conv upsamples 2×
     * @param blurKernel FIR kernel of the upsampling blur
     */
    public StyledConv(int in, int out, int styleDim, boolean upsample, List<? extends Number> blurKernel) {
        this.conv = registerModule("conv", new ModulatedConv2d(in, out, 3, styleDim, true, upsample ? Resample.UP : Resample.NONE, blurKernel));
        this.noise = registerModule("noise", new NoiseInjection());
        this.activate = registerModule("activate", new FusedLeakyReLU(out));
    }

    /**
     * Clamps the output to ±{@code c} after the activation, as StyleGAN2-ADA's {@code conv_clamp} (its
     * {@code bias_act(..., clamp=c)}); NaN, the default, does not clamp. Set for generators read from ADA pickles.
     */
    public StyledConv clamp(double c) {
        this.clamp = c;
        return this;
    }

    /** The output clamp, NaN when there is none. */
    public double clamp() {
        return clamp;
    }

    /** @param noiseIn {@code [N or 1,1,H',W']}, or null for fresh random noise */
    public Tensor forward(Tensor x, Tensor w, Tensor noiseIn) { // [N,I,H,W], [N,S] -> [N,O,H',W']
        Tensor y = activate.forward(noise.forward(conv.forward(x, w), noiseIn));
        // DEVIATION (ADA pickles only): rosinality has no clamp; ADA clamps after bias, activation and gain.
        return Double.isNaN(clamp) ? y : y.clamp(new ScalarOptional(Tensors.s(-clamp)),
                new ScalarOptional(Tensors.s(clamp)));
    }
}
