package org.gan4j.data;

import java.util.Random;
import org.gan4j.Gan4jException;
import org.gan4j.torch.Rng;

/**
 * Which items batch i holds: every epoch a fresh permutation of the items from (seed, epoch), cut into
 * ⌊n/batch⌋ batches (the remainder is dropped, as PyTorch's {@code drop_last}). A resumed run recomputes batch i
 * from the seed alone.
 */
// DEVIATION: the order comes from java.util.Random seeded by (seed, epoch) rather than torch's RandomSampler, so
// that batch i can be recomputed on resume without storing a sampler state.
public final class EpochOrder {

    private final int size;
    private final int batch;
    private final long seed;
    private final long perEpoch;
    private long cachedEpoch = -1;
    private int[] cachedOrder;

    /**
     * @param size  items in the dataset
     * @param batch items per batch (at most {@code size})
     * @param seed  the run's seed
     * @param what  what the items are, for the error ("images", "pairs")
     */
    public EpochOrder(int size, int batch, long seed, String what) {
        if (batch < 1) {
            throw new Gan4jException("--batch must be at least 1, got " + batch);
        }
        if (size < batch) {
            throw new Gan4jException("the training set has " + size + " " + what + ", fewer than one batch of " + batch
                    + "; add " + what + " or lower --batch");
        }
        this.size = size;
        this.batch = batch;
        this.seed = seed;
        this.perEpoch = size / batch;
    }

    /** Dataset indices of batch {@code iter}. */
    public synchronized int[] indices(long iter) {
        long epoch = iter / perEpoch;
        if (epoch != cachedEpoch) {
            cachedOrder = permutation(epoch);
            cachedEpoch = epoch;
        }
        int start = (int) ((iter % perEpoch) * batch);
        int[] out = new int[batch];
        System.arraycopy(cachedOrder, start, out, 0, batch);
        return out;
    }

    private int[] permutation(long epoch) {
        int[] p = new int[size];
        for (int i = 0; i < size; i++) {
            p[i] = i;
        }
        Random r = Rng.javaRandom(seed, epoch, 1);
        for (int i = size - 1; i > 0; i--) { // Fisher-Yates
            int j = r.nextInt(i + 1);
            int t = p[i];
            p[i] = p[j];
            p[j] = t;
        }
        return p;
    }
}
