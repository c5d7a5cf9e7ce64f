package org.gan4j.spade;

import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.bytedeco.pytorch.Tensor;
import org.gan4j.Gan4jException;
import org.gan4j.data.EpochOrder;
import org.gan4j.data.LabelMap;
import org.gan4j.data.SceneDataset;
import org.gan4j.data.ScenePair;
import org.gan4j.data.SemanticInputs;
import org.gan4j.torch.ImageTensors;
import org.gan4j.torch.Rng;
import org.gan4j.torch.dist.Shard;

/**
 * Training batches for SPADE: pairs at the networks' size (H × W from crop size and aspect ratio), mirrored at
 * random as the official loader does, as the generator's input m = [one-hot(labels) ; edges(instances)] and the
 * real images x in [−1, 1]. Batch i depends on (seed, i) only; a data-parallel rank reads its rows of it.
 */
final class SpadeBatches {

    /** A batch: label channels [B,semantic_nc,H,W] and the real images [B,3,H,W]. */
    record Batch(Tensor semantics, Tensor real) {}

    private final SceneDataset data;
    private final SpadeNets nets;
    private final long seed;
    private final boolean flip;
    private final EpochOrder order;
    private final Shard shard;

    SpadeBatches(SceneDataset data, SpadeConfig c) {
        this(data, c, Shard.WHOLE);
    }

    /** @param shard the rows of every global batch this rank reads (the whole batch in one process) */
    SpadeBatches(SceneDataset data, SpadeConfig c, Shard shard) {
        SpadeNets n = c.nets();
        if (data.labelNc() != n.labelNc() || data.dontCare() != n.dontcare()) {
            throw new Gan4jException("the data has " + data.labelNc() + " classes" + (data.dontCare() ? " + don't-care" : "")
                    + " but the model " + n.labelNc() + (n.dontcare() ? " + don't-care" : ""));
        }
        if (n.instance() && !data.hasInstances()) {
            throw new Gan4jException("the model takes instance edges but the data has no instance maps (--instances DIR)");
        }
        this.data = data;
        this.nets = n;
        this.seed = c.seed();
        this.flip = c.flip();
        this.order = new EpochOrder(data.size(), c.batch(), c.seed(), "pairs");
        this.shard = shard;
    }

    Batch batch(long iter) {
        Random flips = Rng.javaRandom(seed, iter, 2);
        int[] idx = order.indices(iter);
        List<ScenePair> pairs = new ArrayList<>();
        for (int k = 0; k < idx.length; k++) {
            boolean mirror = flip && flips.nextBoolean(); // drawn for every row of the global batch
            if (k % shard.size() == shard.rank()) {
                ScenePair p = data.pair(idx[k], nets.width(), nets.height());
                pairs.add(mirror ? p.mirrored() : p);
            }
        }
        return of(pairs);
    }

    /** The first {@code count} pairs, unmirrored: the fixed label maps of the sample grids. */
    Batch fixed(int count) {
        List<ScenePair> pairs = new ArrayList<>();
        for (int i = 0; i < Math.min(count, data.size()); i++) {
            pairs.add(data.pair(i, nets.width(), nets.height()));
        }
        return of(pairs);
    }

    private Batch of(List<ScenePair> pairs) {
        List<LabelMap> labels = new ArrayList<>();
        List<LabelMap> instances = nets.instance() ? new ArrayList<>() : null;
        List<BufferedImage> images = new ArrayList<>();
        for (ScenePair p : pairs) {
            labels.add(p.labels());
            images.add(p.image());
            if (instances != null) {
                instances.add(p.instances());
            }
        }
        return new Batch(SemanticInputs.semantics(labels, instances, nets.oneHotNc()), ImageTensors.fromImages(images));
    }
}
