package org.gan4j.orojar;

import org.bytedeco.pytorch.Tensor;
import org.gan4j.nn.Module;
import org.gan4j.nn.ModuleList;
import org.gan4j.orojar.Block.Activation;

/**
 * The paper's dSprites critic ({@code base_networks.Discriminator}, keys {@code encoder.i.layers.*},
 * {@code fc.i.layers.conv.*}): four k 4, s 2 convs (the first without norm, then instance norm; ReLU) to 8w × 4×4,
 * a linear layer to 8w with ReLU and one to the score. No sigmoid: WGAN-GP.
 */
public final class DspritesDiscriminator extends Module {

    private final ModuleList<Block> encoder;
    private final ModuleList<Block> fc;

    public DspritesDiscriminator(DspritesNets nets) {
        int w = nets.width();
        encoder = registerModule("encoder", new ModuleList<>());
        encoder.add(Block.conv(nets.channels(), w, 4, 2, 1, false, Activation.RELU)); // 32×32
        encoder.add(Block.conv(w, 2 * w, 4, 2, 1, true, Activation.RELU));          // 16×16
        encoder.add(Block.conv(2 * w, 4 * w, 4, 2, 1, true, Activation.RELU));      // 8×8
        encoder.add(Block.conv(4 * w, 8 * w, 4, 2, 1, true, Activation.RELU));      // 4×4
        fc = registerModule("fc", new ModuleList<>());
        fc.add(Block.linear(8 * w * 16, 8 * w, Activation.RELU));
        fc.add(Block.linear(8 * w, 1, Activation.NONE));
    }

    public Tensor forward(Tensor x) { // [N,C,64,64] -> [N,1]
        Tensor h = x;
        for (Block b : encoder.items()) {
            h = b.forward(h);
        }
        h = h.flatten(1, -1);
        for (Block b : fc.items()) {
            h = b.forward(h);
        }
        return h;
    }
}
