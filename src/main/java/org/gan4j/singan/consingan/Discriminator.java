package org.gan4j.singan.consingan;

import org.bytedeco.pytorch.Tensor;
import org.gan4j.nn.Conv2d;
import org.gan4j.nn.Module;
import org.gan4j.torch.Shapes;

/**
 * The ConSinGAN critic (official models.Discriminator): head ConvBlock 3→nfc, body of numLayer ConvBlocks
 * nfc→nfc, tail conv nfc→1, no normalisation, no padding; a map of patch scores. Keys {@code head.conv.*},
 * {@code body.blockK.conv.*}, {@code tail.*}.
 */
public final class Discriminator extends Module {

    final ConvBlock head;
    final Stage body;
    final Conv2d tail;

    /**
     * @param c the run's configuration: nfc (64), kerSize (3), numLayer (3), lreluAlpha (0.05)
     */
    public Discriminator(ConSinGANConfig c) {
        head = registerModule("head", new ConvBlock(3, c.nfc(), c.kerSize(), false, c.lreluAlpha()));
        body = registerModule("body", new Stage(c.nfc(), c.kerSize(), c.numLayer(), false, c.lreluAlpha()));
        tail = registerModule("tail", new Conv2d(c.nfc(), 1, c.kerSize(), 1, 0, true));
        ConvBlock.initWeights(tail, null);
    }

    /** [N,3,H,W] → [N,1,H-(L+2)(k-1),W-(L+2)(k-1)] patch scores (H-10 for the defaults). */
    public Tensor forward(Tensor x) {
        Shapes.check(x, "the ConSinGAN critic input", -1, 3, -1, -1);
        return tail.forward(body.forward(head.forward(x)));
    }
}
