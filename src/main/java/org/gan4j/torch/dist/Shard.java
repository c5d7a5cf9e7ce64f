package org.gan4j.torch.dist;

import org.bytedeco.pytorch.LongOptional;
import org.bytedeco.pytorch.Tensor;

/**
 * The rows of a global batch that one rank holds: rank r of N takes rows r, r + N, r + 2N, … This is how
 * {@code torch.utils.data.DistributedSampler} deals indices ({@code indices[rank::num_replicas]}), so global
 * batch i of a seeded epoch order, sharded, is what DDP's per-rank loaders would read; and it keeps
 * StyleGAN2's minibatch-stddev groups (samples ≡ j mod B/4) within one rank when B/N is a multiple of 4.
 *
 * @param rank this rank
 * @param size the number of ranks
 */
public record Shard(int rank, int size) {

    /** One process holding every row. */
    public static final Shard WHOLE = new Shard(0, 1);

    public Shard {
        if (size < 1 || rank < 0 || rank >= size) {
            throw new IllegalArgumentException("rank " + rank + " of " + size);
        }
    }

    /** Whether this is the only rank. */
    public boolean whole() {
        return size == 1;
    }

    /** How many of {@code n} global rows this rank holds. */
    public int count(long n) {
        return (int) Math.max(0, (n - rank + size - 1) / size);
    }

    /** The global position of this rank's {@code k}-th row. */
    public long global(long k) {
        return rank + k * size;
    }

    /** This rank's rows of {@code global} (a strided view; {@code global} itself when whole). */
    public Tensor rows(Tensor global) { // [B,...] -> [B/N,...]
        if (whole()) {
            return global;
        }
        return global.slice(0, new LongOptional(rank), new LongOptional(global.size(0)), size);
    }

    /** This rank's entries of {@code global} (indices, flips, …). */
    public int[] rows(int[] global) {
        int[] out = new int[count(global.length)];
        for (int k = 0; k < out.length; k++) {
            out[k] = global[(int) global(k)];
        }
        return out;
    }

    /** This rank's entries of {@code global}. */
    public boolean[] rows(boolean[] global) {
        boolean[] out = new boolean[count(global.length)];
        for (int k = 0; k < out.length; k++) {
            out[k] = global[(int) global(k)];
        }
        return out;
    }
}
