package org.gan4j.gangealing;

import org.bytedeco.pytorch.LongOptional;
import org.bytedeco.pytorch.Tensor;

/** Small tensor helpers the spatial transformers share. */
final class Stn {

    private Stn() {}

    /** {@code x.repeat_interleave(k, dim=0)}: each batch element k times in a row. */
    static Tensor repeatInterleave(Tensor x, long k) {
        return x.repeat_interleave(k, new LongOptional(0), new LongOptional());
    }
}
