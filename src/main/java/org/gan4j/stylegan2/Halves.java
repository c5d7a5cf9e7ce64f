package org.gan4j.stylegan2;

import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.TensorVector;
import org.bytedeco.pytorch.global.torch;

/**
 * Splitting a batch into its even and odd rows, so that the two halves can run on two lanes. The parity split
 * keeps the discriminator's minibatch-stddev groups whole: with N = 8m and groups of 4, sample i is grouped with
 * the samples ≡ i (mod N/4), and N/4 is even, so every group lies within one parity.
 */
final class Halves {

    private Halves() {}

    /** Whether a discriminator batch of {@code n} can be split by parity without changing its stddev groups. */
    static boolean splitsDiscriminatorBatch(long n) {
        return n % (2L * Discriminator.STDDEV_GROUP) == 0;
    }

    /** Rows {@code part}, {@code part + 2}, ... of {@code x} (N even). */
    static Tensor half(Tensor x, int part) { // [N,...] -> [N/2,...]
        long[] s = x.shape();
        long[] v = new long[s.length + 1];
        v[0] = s[0] / 2;
        v[1] = 2;
        System.arraycopy(s, 1, v, 2, s.length - 1);
        return x.reshape(v).select(1, part);
    }

    /** The inverse of {@link #half}: rows interleaved even, odd, even, ... */
    static Tensor join(Tensor even, Tensor odd) { // [N/2,...] x2 -> [N,...]
        long[] s = even.shape();
        long[] v = s.clone();
        v[0] = s[0] * 2;
        return torch.stack(new TensorVector(even, odd), 1).reshape(v);
    }
}
