package org.gan4j.singan;

import java.util.ArrayList;
import java.util.List;
import org.bytedeco.pytorch.Tensor;
import org.gan4j.nn.Module;

/**
 * The {@code body} of the SinGAN generator and critic: {@code block1..k} (k = numLayer-2); block i maps
 * max(2·N_i, minNfc) to max(N_i, minNfc) channels with N_i = nfc/2^i, as the official code.
 */
final class Trunk extends Module {

    private final List<ConvBlock> blocks = new ArrayList<>();
    final int outChannels;

    Trunk(int nfc, int minNfc, int kernel, int numLayer) {
        int n = nfc;
        for (int i = 0; i < numLayer - 2; i++) {
            n = nfc / (1 << (i + 1));
            blocks.add(registerModule("block" + (i + 1),
                    new ConvBlock(Math.max(2 * n, minNfc), Math.max(n, minNfc), kernel)));
        }
        outChannels = Math.max(n, minNfc);
    }

    Tensor forward(Tensor x) {
        Tensor y = x;
        for (ConvBlock b : blocks) {
            y = b.forward(y);
        }
        return y;
    }
}
