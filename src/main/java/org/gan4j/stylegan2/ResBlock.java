package org.gan4j.stylegan2;

import java.util.List;
import org.bytedeco.pytorch.Tensor;
import org.gan4j.nn.Module;
import org.gan4j.torch.Tensors;

/**
 * The discriminator's residual block, rosinality's {@code ResBlock}: two 3×3 conv layers (the second
 * downsampling, unless built without: GANgealing's flow STN keeps its last blocks at one resolution) plus a 1×1 skip
 * (downsampling alike) without bias or activation, summed and scaled by 1/√2:
 * <pre>  y = (conv2(conv1(x)) + skip(x)) / √2</pre>
 */
public final class ResBlock extends Module {

    private final ConvLayer conv1;
    private final ConvLayer conv2;
    private final ConvLayer skip;

    public ResBlock(int in, int out, List<? extends Number> blurKernel) {
        this(in, out, blurKernel, true);
    }

    public ResBlock(int in, int out, List<? extends Number> blurKernel, boolean downsample) {
        conv1 = registerModule("conv1", new ConvLayer(in, in, 3, false, blurKernel, true, true));
        conv2 = registerModule("conv2", new ConvLayer(in, out, 3, downsample, blurKernel, true, true));
        skip = registerModule("skip", new ConvLayer(in, out, 1, downsample, blurKernel, false, false));
    }

    public Tensor forward(Tensor x) { // [N,I,H,W] -> [N,O,H/2,W/2] (or [N,O,H,W])
        return conv2.forward(conv1.forward(x)).add(skip.forward(x)).div(Tensors.s(Math.sqrt(2)));
    }
}
