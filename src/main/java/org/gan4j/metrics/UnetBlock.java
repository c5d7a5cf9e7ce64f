package org.gan4j.metrics;

import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.global.torch;
import org.gan4j.nn.BatchNorm2d;
import org.gan4j.nn.Conv2d;
import org.gan4j.nn.Module;

/**
 * One level of a U-Net: {@code relu(bn2(conv2(relu(bn1(conv1(x))))))}, two 3×3 convolutions (zero padding 1, no
 * bias: BatchNorm's shift replaces it), each followed by batch normalisation and ReLU. Keys {@code conv1.*},
 * {@code bn1.*}, {@code conv2.*}, {@code bn2.*}.
 */
final class UnetBlock extends Module {

    private final Conv2d conv1;
    private final BatchNorm2d bn1;
    private final Conv2d conv2;
    private final BatchNorm2d bn2;

    UnetBlock(int in, int out) {
        conv1 = registerModule("conv1", new Conv2d(in, out, 3, 1, 1, false));
        bn1 = registerModule("bn1", new BatchNorm2d(out));
        conv2 = registerModule("conv2", new Conv2d(out, out, 3, 1, 1, false));
        bn2 = registerModule("bn2", new BatchNorm2d(out));
    }

    Tensor forward(Tensor x) { // [N,in,H,W] -> [N,out,H,W]
        Tensor h = torch.relu(bn1.forward(conv1.forward(x)));
        return torch.relu(bn2.forward(conv2.forward(h)));
    }
}
