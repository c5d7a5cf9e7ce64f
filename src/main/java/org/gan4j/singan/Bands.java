package org.gan4j.singan;

import java.util.ArrayList;
import java.util.List;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.TensorVector;
import org.bytedeco.pytorch.global.torch;
import org.gan4j.torch.Scope;

/**
 * Runs a frozen generator over a large input in horizontal bands, so that a 1024-px (or larger) output needs the
 * memory of one band's activations rather than of the whole image's: [N,C,H,W] activations at C = 128 are 40×
 * the size of the image itself.
 *
 * <p>Exact because the generator is fully convolutional without padding: output row y depends only on input
 * rows y..y+2p (p = 5), and BatchNorm in eval mode is a per-channel affine map. Bands of output rows
 * [y0, y1) therefore read input rows [y0, y1 + 2p), and their concatenation is the whole forward up to float
 * rounding of the convolution algorithms.
 */
final class Bands {

    /** Activations kept alive per band, in bytes; below this a forward runs in one piece. */
    static final long BUDGET = 512L << 20;

    private Bands() {}

    /**
     * G_n(noisy, prev) of a frozen scale, in bands when the whole forward would keep more than {@link #BUDGET}
     * bytes of activations.
     *
     * @param noisy [N,3,H+2p,W+2p]
     * @param prev  [N,3,H+2p,W+2p]
     * @return [N,3,H,W]
     */
    static Tensor forward(Scale sc, SinGANConfig c, Tensor noisy, Tensor prev) {
        return forward(sc, c, noisy, prev, BUDGET);
    }

    /** As above with an explicit activation budget in bytes (tests use a small one). */
    static Tensor forward(Scale sc, SinGANConfig c, Tensor noisy, Tensor prev, long budget) {
        long margin = 2L * c.pad();
        long outH = noisy.size(2) - margin;
        long rows = Math.max(1, budget / bytesPerRow(sc.channels(), c.numLayer(), noisy.size(0), noisy.size(3)));
        if (rows >= outH || sc.g().isTraining()) {
            return sc.g().forward(noisy, prev);
        }
        List<Tensor> bands = new ArrayList<>();
        for (long y0 = 0; y0 < outH; y0 += rows) {
            long len = Math.min(rows, outH - y0) + margin;
            try (Scope s = new Scope()) { // the band's activations die here
                bands.add(Scope.keepAlive(sc.g().forward(noisy.narrow(2, y0, len), prev.narrow(2, y0, len))));
            }
        }
        Tensor out = torch.cat(new TensorVector(bands.toArray(new Tensor[0])), 2);
        bands.forEach(Tensor::releaseReference);
        return out;
    }

    /**
     * Output rows per band so that a band's activations fit {@link #BUDGET}: per conv block, the conv output and
     * the BatchNorm output stay alive until the band's scope closes (LeakyReLU is in place).
     */
    static long rowsPerBand(int channels, int numLayer, long n, long width) {
        return Math.max(1, BUDGET / bytesPerRow(channels, numLayer, n, width));
    }

    /** Bytes of activations one forward keeps at most: one band, or the whole input when it fits. */
    static long activationBytes(int channels, int numLayer, long n, long h, long w) {
        return Math.min(h, rowsPerBand(channels, numLayer, n, w)) * bytesPerRow(channels, numLayer, n, w);
    }

    private static long bytesPerRow(int channels, int numLayer, long n, long width) {
        return 2L * (numLayer - 1) * n * channels * width * Float.BYTES;
    }
}
