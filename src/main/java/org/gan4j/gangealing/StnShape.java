package org.gan4j.gangealing;

import org.gan4j.Gan4jException;

/**
 * The shape of GANgealing's spatial transformers ({@code SpatialTransformer(flow_size, supersize,
 * channel_multiplier, num_heads, flow_downsample)}).
 *
 * @param flowSize          side at which the STN sees images and regresses its warp (official 128)
 * @param supersize         side of the images it is given (official 256); larger inputs are first brought to
 *                          flowSize by {@link org.gan4j.nn.BilinearDownsample}
 * @param channelMax        channels at 32 px and below (official 512)
 * @param channelMultiplier channels above 32 px are 16384·m / res (official 0.5: 128 at 128 px)
 * @param flowDownsample    the flow head's features are at flowSize / flowDownsample, convex-upsampled back (8)
 * @param heads             clusters K, each with its own warp head (1: plain GANgealing)
 */
public record StnShape(int flowSize, int supersize, int channelMax, double channelMultiplier, int flowDownsample,
        int heads) {

    public StnShape {
        if (flowSize < 16 || Integer.bitCount(flowSize) != 1 || supersize < flowSize || supersize % flowSize != 0) {
            throw new Gan4jException("the STN's flow size must be a power of two ≥ 16 dividing the input size, got flow "
                    + flowSize + " for input " + supersize);
        }
        if (flowDownsample < 1 || Integer.bitCount(flowDownsample) != 1 || flowSize / flowDownsample < 4
                || flowDownsample > 16) {
            throw new Gan4jException("flow downsampling must be a power of two from 1 to 16 leaving ≥ 4 px, got "
                    + flowDownsample + " at flow size " + flowSize);
        }
        if (heads < 1) {
            throw new Gan4jException("the number of heads must be at least 1, got " + heads);
        }
    }

    /** The official shape: flow 128, input 256, channel multiplier 0.5, convex upsampling ×8. */
    public static StnShape official(int heads) {
        return new StnShape(128, 256, 512, 0.5, 8, heads);
    }

    /**
     * For a 2-core CPU and gan4j's 64 px generators: flow 64 at input 64, 64 channels at 32 px and below, 32 at
     * 64 px (an eighth of the official widths: a step of batch 8 costs about 3 s with the official widths on one
     * core, most of it in the trunks); the flow head still regresses 16×16 features (the official grid),
     * convex-upsampled ×4.
     */
    public static StnShape fast(int size, int heads) {
        return new StnShape(Math.min(size, 64), size, 64, 0.125, Math.min(size, 64) / 16, heads);
    }

    /** Channels of the trunk's features at resolution {@code res}, the official table. */
    public int channels(int res) {
        return res <= 32 ? channelMax : (int) (16384.0 / res * channelMultiplier);
    }

    public StnShape withHeads(int k) {
        return new StnShape(flowSize, supersize, channelMax, channelMultiplier, flowDownsample, k);
    }
}
