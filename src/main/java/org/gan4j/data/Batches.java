package org.gan4j.data;

import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.bytedeco.pytorch.Tensor;
import org.gan4j.Gan4jException;
import org.gan4j.torch.ImageTensors;
import org.gan4j.torch.Rng;

/**
 * Minibatches of a dataset in a seeded order, as rosinality's loader ({@code RandomSampler}, {@code drop_last},
 * {@code RandomHorizontalFlip}): each epoch is a fresh permutation cut into {@code size / batch} whole batches,
 * and each image is mirrored with probability ½. Batch {@code i} depends only on (seed, i), so a resumed run
 * reads the same batches as an uninterrupted one without storing a position.
 */
public final class Batches {

    private final ImageDataset data;
    private final int batch;
    private final long seed;
    private final boolean flip;
    private final long perEpoch;
    private long cachedEpoch = -1;
    private int[] cachedOrder;

    /**
     * @param data  the images
     * @param batch images per batch (at most {@code data.size()})
     * @param seed  the run's seed
     * @param flip  mirror images at random (rosinality's default)
     */
    public Batches(ImageDataset data, int batch, long seed, boolean flip) {
        if (batch < 1) {
            throw new Gan4jException("--batch must be at least 1, got " + batch);
        }
        if (data.size() < batch) {
            throw new Gan4jException("the training set has " + data.size() + " images, fewer than one batch of " + batch
                    + "; add images or lower --batch");
        }
        this.data = data;
        this.batch = batch;
        this.seed = seed;
        this.flip = flip;
        this.perEpoch = data.size() / batch;
    }

    /** Dataset indices of batch {@code iter}. */
    public int[] indices(long iter) {
        long epoch = iter / perEpoch;
        int[] order = order(epoch);
        int start = (int) ((iter % perEpoch) * batch);
        int[] out = new int[batch];
        System.arraycopy(order, start, out, 0, batch);
        return out;
    }

    /** Batch {@code iter} as {@code [B,3,S,S]} in [-1, 1]. */
    public Tensor batch(long iter) {
        int[] idx = indices(iter);
        Random flips = Rng.javaRandom(seed, iter, 2);
        List<BufferedImage> images = new ArrayList<>(batch);
        for (int i : idx) {
            BufferedImage img = data.image(i);
            images.add(flip && flips.nextBoolean() ? mirror(img) : img);
        }
        return ImageTensors.fromImages(images);
    }

    // DEVIATION: the order comes from java.util.Random seeded by (seed, epoch) rather than torch's RandomSampler,
    // so that batch i can be recomputed on resume without storing a sampler state.
    private synchronized int[] order(long epoch) {
        if (epoch != cachedEpoch) {
            int n = data.size();
            int[] p = new int[n];
            for (int i = 0; i < n; i++) {
                p[i] = i;
            }
            Random r = Rng.javaRandom(seed, epoch, 1);
            for (int i = n - 1; i > 0; i--) { // Fisher-Yates
                int j = r.nextInt(i + 1);
                int t = p[i];
                p[i] = p[j];
                p[j] = t;
            }
            cachedOrder = p;
            cachedEpoch = epoch;
        }
        return cachedOrder;
    }

    private static BufferedImage mirror(BufferedImage img) {
        int w = img.getWidth();
        int h = img.getHeight();
        BufferedImage out = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                out.setRGB(w - 1 - x, y, img.getRGB(x, y));
            }
        }
        return out;
    }
}
