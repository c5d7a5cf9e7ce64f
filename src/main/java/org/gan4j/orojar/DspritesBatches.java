package org.gan4j.orojar;

import java.util.SplittableRandom;
import org.bytedeco.pytorch.Tensor;
import org.gan4j.data.Dsprites;
import org.gan4j.torch.Rng;
import org.gan4j.torch.Tensors;

/** Real batches for the dSprites GAN: indices drawn uniformly per iteration from (seed, iteration), pixels in [−1, 1]. */
final class DspritesBatches {

    private final Dsprites data;
    private final int batch;
    private final long seed;

    DspritesBatches(Dsprites data, int batch, long seed) {
        this.data = data;
        this.batch = batch;
        this.seed = seed;
    }

    /** [B,1,64,64]: the official {@code img.mul(2).sub(1)}. */
    Tensor batch(long iter) {
        SplittableRandom r = new SplittableRandom(Rng.iterationSeed(seed, iter, 63));
        int px = Dsprites.SIZE * Dsprites.SIZE;
        float[] v = new float[batch * px];
        for (int b = 0; b < batch; b++) {
            data.pixels(r.nextInt(data.count()), v, b * px);
        }
        for (int i = 0; i < v.length; i++) {
            v[i] = v[i] * 2 - 1;
        }
        return Tensors.of(v, batch, 1, Dsprites.SIZE, Dsprites.SIZE);
    }
}
