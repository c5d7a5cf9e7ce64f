package org.gan4j.singan;

import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.global.torch;
import org.gan4j.nn.BatchNorm2d;
import org.gan4j.nn.Conv2d;
import org.gan4j.nn.Init;
import org.gan4j.nn.Module;
import org.gan4j.torch.Tensors;

/** Unpadded 3x3 conv, BatchNorm, LeakyReLU(0.2): keys {@code conv.*} and {@code norm.*} as the official ConvBlock. */
final class ConvBlock extends Module {

    final Conv2d conv;
    final BatchNorm2d norm;

    ConvBlock(int in, int out, int kernel) {
        conv = registerModule("conv", new Conv2d(in, out, kernel, 1, 0, true));
        norm = registerModule("norm", new BatchNorm2d(out));
        initWeights(conv, norm);
    }

    /** The official weights_init: conv weights N(0, 0.02), norm weights N(1, 0.02) and biases 0. */
    static void initWeights(Conv2d conv, BatchNorm2d norm) {
        Init.normal(conv.weight, 0, 0.02);
        if (norm != null) {
            Init.normal(norm.weight, 1, 0.02);
            Init.fill(norm.bias, 0);
        }
    }

    Tensor forward(Tensor x) { // [N,I,H,W] -> [N,O,H-2,W-2]
        return torch.leaky_relu_(norm.forward(conv.forward(x)), Tensors.s(0.2));
    }
}
