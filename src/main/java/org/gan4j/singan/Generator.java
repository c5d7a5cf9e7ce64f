package org.gan4j.singan;

import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.global.torch;
import org.gan4j.nn.Conv2d;
import org.gan4j.nn.Module;

/**
 * G_n: x̃_n = ψ_n(z + x̃↑) + x̃↑, where ψ_n is head, body and a tanh tail (the official
 * GeneratorConcatSkip2CleanAdd; keys {@code head.*}, {@code body.blockK.*}, {@code tail.0.*}).
 */
public final class Generator extends Module {

    final ConvBlock head;
    final Trunk body;
    final Tail tail;

    /**
     * @param nfc      channels of the head (32·2^floor(n/4), capped at 128)
     * @param minNfc   minimum block channels
     * @param kernel   conv kernel size (3)
     * @param numLayer conv layers in all (5)
     */
    public Generator(int nfc, int minNfc, int kernel, int numLayer) {
        head = registerModule("head", new ConvBlock(3, nfc, kernel));
        body = registerModule("body", new Trunk(nfc, minNfc, kernel, numLayer));
        tail = registerModule("tail", new Tail(body.outChannels, kernel));
    }

    /**
     * @param noisy z_in = σ·z + x̃↑, [N,3,H+2p,W+2p] (p = 5)
     * @param prev  x̃↑ padded the same way, [N,3,H+2p,W+2p]
     * @return x̃, [N,3,H,W]
     */
    public Tensor forward(Tensor noisy, Tensor prev) {
        // A frozen G (sampling, and the lower scales during training) runs channels-last: libtorch's CPU 3x3 convs
        // were faster on it here (64->64 at 104x146: 10.4 against 12.7-16.2 ms). A training G keeps the default
        // layout, which measured as fast for the forward-backward steps (docs/benchmarks.md).
        Tensor in = isTraining() ? noisy : noisy.contiguous(torch.MemoryFormat.ChannelsLast);
        Tensor x = tail.forward(body.forward(head.forward(in)));
        long ind = (prev.size(2) - x.size(2)) / 2;
        Tensor y = prev.narrow(2, ind, x.size(2)).narrow(3, ind, x.size(3));
        return isTraining() ? x.add(y) : x.add(y).contiguous();
    }

    /** {@code tail}: conv to 3 channels ({@code tail.0}) then tanh. */
    static final class Tail extends Module {
        final Conv2d conv;

        Tail(int in, int kernel) {
            conv = registerModule("0", new Conv2d(in, 3, kernel, 1, 0, true));
            ConvBlock.initWeights(conv, null);
        }

        Tensor forward(Tensor x) {
            return conv.forward(x).tanh_();
        }
    }
}
