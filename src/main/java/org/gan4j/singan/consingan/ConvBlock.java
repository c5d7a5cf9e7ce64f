package org.gan4j.singan.consingan;

import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.global.torch;
import org.gan4j.nn.BatchNorm2d;
import org.gan4j.nn.Conv2d;
import org.gan4j.nn.Init;
import org.gan4j.nn.Module;
import org.gan4j.torch.Tensors;

/**
 * The official ConSinGAN ConvBlock: unpadded conv, BatchNorm only in the generator and only with
 * {@code --batch_norm}, LeakyReLU(0.05); keys {@code conv.*} and {@code norm.*}.
 */
final class ConvBlock extends Module {

    final Conv2d conv;
    final BatchNorm2d norm; // or null
    private final double slope;

    /**
     * @param in        input channels
     * @param out       output channels (nfc, 64)
     * @param kernel    kernel size (3); no padding, so each block trims kernel-1 px
     * @param batchNorm whether to normalise (generator with --batch_norm only)
     * @param slope     LeakyReLU negative slope (0.05)
     */
    ConvBlock(int in, int out, int kernel, boolean batchNorm, double slope) {
        conv = registerModule("conv", new Conv2d(in, out, kernel, 1, 0, true));
        norm = batchNorm ? registerModule("norm", new BatchNorm2d(out)) : null;
        this.slope = slope;
        initWeights(conv, norm);
    }

    /** The official weights_init: conv weights N(0, 0.02) (biases keep PyTorch's default), norm weights N(1, 0.02), biases 0. */
    static void initWeights(Conv2d conv, BatchNorm2d norm) {
        Init.normal(conv.weight, 0, 0.02);
        if (norm != null) {
            Init.normal(norm.weight, 1, 0.02);
            Init.fill(norm.bias, 0);
        }
    }

    Tensor forward(Tensor x) { // [N,I,H,W] -> [N,O,H-k+1,W-k+1]
        Tensor y = conv.forward(x);
        if (norm != null) {
            y = norm.forward(y);
        }
        return torch.leaky_relu_(y, Tensors.s(slope));
    }
}
