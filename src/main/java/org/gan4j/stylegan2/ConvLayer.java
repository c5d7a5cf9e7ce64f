package org.gan4j.stylegan2;

import java.util.List;
import org.bytedeco.pytorch.Tensor;
import org.gan4j.nn.Blur;
import org.gan4j.nn.EqualConv2d;
import org.gan4j.nn.FusedLeakyReLU;
import org.gan4j.nn.Module;

/**
 * The discriminator's conv layer, rosinality's {@code ConvLayer} (an {@code nn.Sequential}): [blur
 * ({@code 0.kernel}) and stride 2 when downsampling], EqualConv2d, [fused leaky ReLU carrying the bias]. Keys
 * are the Sequential's indices: {@code 0.weight, 1.bias} or {@code 0.kernel, 1.weight, 2.bias}.
 */
public final class ConvLayer extends Module {

    private final Blur blur;
    private final EqualConv2d conv;
    private final FusedLeakyReLU act;

    /**
     * @param in         input channels
     * @param out        output channels
     * @param kernel     square kernel size
     * @param downsample blur, then a stride-2 conv without padding (else stride 1, padding k/2)
     * @param blurKernel FIR kernel of the blur
     * @param bias       whether to learn a bias (in the activation when there is one)
     * @param activate   whether the fused leaky ReLU follows
     */
    public ConvLayer(int in, int out, int kernel, boolean downsample, List<? extends Number> blurKernel, boolean bias,
            boolean activate) {
        int idx = 0;
        if (downsample) {
            int p = (blurKernel.size() - 2) + (kernel - 1);
            blur = registerModule(Integer.toString(idx++), new Blur(blurKernel, (p + 1) / 2, p / 2, 1));
        } else {
            blur = null;
        }
        conv = registerModule(Integer.toString(idx++), new EqualConv2d(in, out, kernel, downsample ? 2 : 1,
                downsample ? 0 : kernel / 2, bias && !activate));
        act = activate ? registerModule(Integer.toString(idx), new FusedLeakyReLU(out, bias)) : null;
    }

    /** A stride-1 conv with bias and activation. */
    public ConvLayer(int in, int out, int kernel) {
        this(in, out, kernel, false, Generator.BLUR_KERNEL, true, true);
    }

    public Tensor forward(Tensor x) { // [N,I,H,W] -> [N,O,H or H/2,...]
        Tensor y = conv.forward(blur == null ? x : blur.forward(x));
        return act == null ? y : act.forward(y);
    }
}
