package org.gan4j.singan.consingan;

import org.bytedeco.pytorch.Tensor;
import org.gan4j.nn.Module;

/**
 * One stage of the growing generator's body, or the critic's body: {@code block0..block{numLayer-1}}, each a
 * {@link ConvBlock} from nfc to nfc channels (the official nn.Sequential of ConvBlocks).
 */
final class Stage extends Module {

    private final ConvBlock[] blocks;

    Stage(int nfc, int kernel, int numLayer, boolean batchNorm, double slope) {
        blocks = new ConvBlock[numLayer];
        for (int i = 0; i < numLayer; i++) {
            blocks[i] = registerModule("block" + i, new ConvBlock(nfc, nfc, kernel, batchNorm, slope));
        }
    }

    Tensor forward(Tensor x) { // [N,C,H,W] -> [N,C,H-L(k-1),W-L(k-1)]
        Tensor y = x;
        for (ConvBlock b : blocks) {
            y = b.forward(y);
        }
        return y;
    }
}
