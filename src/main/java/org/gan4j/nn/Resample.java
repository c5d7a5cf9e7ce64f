package org.gan4j.nn;

/** How a convolution changes the resolution: not at all, 2× up (transposed conv, then blur) or 2× down (blur, then stride 2). */
public enum Resample {
    /** Same size: a plain conv with "same" padding. */
    NONE,
    /** 2× upsampling: transposed conv with stride 2, then blur. */
    UP,
    /** 2× downsampling: blur, then conv with stride 2. */
    DOWN
}
