package org.gan4j.nn;

/**
 * The parameter-free normalisation inside a SPADE layer, as named in the official {@code norm_G} text
 * ({@code spade<norm><k>x<k>}): the normalised activations before the label map's scale and shift.
 */
public enum ParamFreeNorm {
    /** {@code syncbatch}: the official synchronized batch norm; on one process it is plain batch norm. */
    SYNCBATCH("syncbatch"),
    /** {@code batch}: {@code nn.BatchNorm2d(C, affine=False)}. */
    BATCH("batch"),
    /** {@code instance}: {@code nn.InstanceNorm2d(C, affine=False)}, no running statistics. */
    INSTANCE("instance"),
    /** CoCosNet's {@code --PONO}: {@link PositionalNorm} across channels at every pixel, no running statistics. */
    POSITIONAL("pono");

    /** The word in the official option text. */
    public final String word;

    ParamFreeNorm(String word) {
        this.word = word;
    }

    /** Whether the layer keeps running statistics (the batch norms). */
    public boolean hasRunningStats() {
        return this == SYNCBATCH || this == BATCH;
    }
}
