package org.gan4j.data;

import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.bytedeco.pytorch.Tensor;
import org.gan4j.torch.ImageTensors;
import org.gan4j.torch.Rng;
import org.gan4j.torch.dist.Shard;

/**
 * Minibatches of a dataset in a seeded order, as rosinality's loader ({@code RandomSampler}, {@code drop_last},
 * {@code RandomHorizontalFlip}): each epoch is a fresh permutation cut into {@code size / batch} whole batches,
 * and each image is mirrored with probability ½. Batch {@code i} depends only on (seed, i), so a resumed run
 * reads the same batches as an uninterrupted one without storing a position.
 *
 * <p>In a data-parallel job each rank reads its {@link Shard} of every global batch (rows r, r + N, …, with the
 * flips drawn for the whole batch), which is {@code DistributedSampler}'s dealing of a seeded epoch order: the
 * ranks' indices are disjoint, reshuffled every epoch from the run's seed, and together they are the one-process
 * batch.
 */
public final class Batches {

    private final ImageDataset data;
    private final int batch;
    private final long seed;
    private final boolean flip;
    private final EpochOrder order;
    private final Shard shard;

    /**
     * @param data  the images
     * @param batch images per batch (at most {@code data.size()})
     * @param seed  the run's seed
     * @param flip  mirror images at random (rosinality's default)
     */
    public Batches(ImageDataset data, int batch, long seed, boolean flip) {
        this(data, batch, seed, flip, Shard.WHOLE);
    }

    /**
     * @param batch the global batch (every rank's rows together)
     * @param shard the rows of each global batch this process reads
     */
    public Batches(ImageDataset data, int batch, long seed, boolean flip, Shard shard) {
        this.shard = shard;
        this.order = new EpochOrder(data.size(), batch, seed, "images");
        this.data = data;
        this.batch = batch;
        this.seed = seed;
        this.flip = flip;
    }

    /** Dataset indices of this process's rows of batch {@code iter}. */
    public int[] indices(long iter) {
        return shard.rows(order.indices(iter));
    }

    /** This process's rows of batch {@code iter} as {@code [B/N,3,S,S]} in [-1, 1]. */
    public Tensor batch(long iter) {
        int[] idx = indices(iter);
        Random flips = Rng.javaRandom(seed, iter, 2);
        boolean[] mirrored = new boolean[batch];
        for (int k = 0; k < batch; k++) {
            mirrored[k] = flip && flips.nextBoolean(); // drawn for the whole batch, so a shard's flips are its rows'
        }
        mirrored = shard.rows(mirrored);
        List<BufferedImage> images = new ArrayList<>(idx.length);
        for (int k = 0; k < idx.length; k++) {
            BufferedImage img = data.image(idx[k]);
            images.add(mirrored[k] ? mirror(img) : img);
        }
        return ImageTensors.fromImages(images);
    }

    /** {@code img} mirrored left to right. */
    public static BufferedImage mirror(BufferedImage img) {
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
