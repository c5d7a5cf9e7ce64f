package org.gan4j.orojar;

import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.global.torch;
import org.gan4j.nn.BatchNorm2d;
import org.gan4j.nn.Conv2d;
import org.gan4j.nn.Linear;
import org.gan4j.nn.Module;

/**
 * The VP metric's recognition network ({@code VarPred} of zhuxinqimac/VP-metric-pytorch, keys as there): a 7×7
 * stride-2 conv to 64, batch norm, ReLU; 3×3 conv 64, BN, ReLU, 3×3 stride-2 max pool; 3×3 conv 128, BN, ReLU;
 * 3×3 conv 256, BN, ReLU; global average pool; a linear layer to one logit per latent dimension. Its input is the
 * difference of the two images of a pair (the {@code diff} input mode).
 */
public final class VarPred extends Module {

    private final Conv2d conv0;
    private final BatchNorm2d bn0;
    private final Conv2d conv1;
    private final BatchNorm2d bn1;
    private final Conv2d conv2;
    private final BatchNorm2d bn2;
    private final Conv2d conv3;
    private final BatchNorm2d bn3;
    private final Linear output;

    public VarPred(int inChannels, int outDim) {
        conv0 = registerModule("conv0", new Conv2d(inChannels, 64, 7, 2, 3, false));
        bn0 = registerModule("bn0", new BatchNorm2d(64));
        conv1 = registerModule("conv1", new Conv2d(64, 64, 3, 1, 1, false));
        bn1 = registerModule("bn1", new BatchNorm2d(64));
        conv2 = registerModule("conv2", new Conv2d(64, 128, 3, 1, 1, false));
        bn2 = registerModule("bn2", new BatchNorm2d(128));
        conv3 = registerModule("conv3", new Conv2d(128, 256, 3, 1, 1, false));
        bn3 = registerModule("bn3", new BatchNorm2d(256));
        output = registerModule("output", new Linear(256, outDim));
    }

    public Tensor forward(Tensor diff) { // [N,C,64,64] -> [N,outDim]
        Tensor x = torch.relu(bn0.forward(conv0.forward(diff)));          // [N,64,32,32]
        x = torch.relu(bn1.forward(conv1.forward(x)));
        x = torch.max_pool2d(x, new long[] {3, 3}, new long[] {2, 2}, new long[] {1, 1}, new long[] {1, 1}, false); // 16×16
        x = torch.relu(bn2.forward(conv2.forward(x)));                    // [N,128,16,16]
        x = torch.relu(bn3.forward(conv3.forward(x)));                    // [N,256,16,16]
        return output.forward(x.mean(new long[] {2, 3}));                  // [N,outDim]
    }
}
