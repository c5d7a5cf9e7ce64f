package org.gan4j.singan;

import org.bytedeco.pytorch.Tensor;
import org.gan4j.nn.Conv2d;
import org.gan4j.nn.Module;

/**
 * D_n: a fully convolutional patch critic of the same shape as the generator, ending in a 1-channel map of
 * scores (the official WDiscriminator; keys {@code head.*}, {@code body.blockK.*}, {@code tail.*}).
 */
public final class Discriminator extends Module {

    final ConvBlock head;
    final Trunk body;
    final Conv2d tail;

    public Discriminator(int nfc, int minNfc, int kernel, int numLayer) {
        head = registerModule("head", new ConvBlock(3, nfc, kernel));
        body = registerModule("body", new Trunk(nfc, minNfc, kernel, numLayer));
        tail = registerModule("tail", new Conv2d(body.outChannels, 1, kernel, 1, 0, true));
        ConvBlock.initWeights(tail, null);
    }

    /** [N,3,H,W] → [N,1,H-2p,W-2p] patch scores. */
    public Tensor forward(Tensor x) {
        return tail.forward(body.forward(head.forward(x)));
    }
}
