package org.gan4j.cocosnet;

import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.bytedeco.pytorch.Tensor;
import org.gan4j.Gan4jException;
import org.gan4j.data.EdgeMap;
import org.gan4j.data.EpochOrder;
import org.gan4j.data.LabelMap;
import org.gan4j.data.SceneDataset;
import org.gan4j.data.ScenePair;
import org.gan4j.data.SemanticInputs;
import org.gan4j.torch.ImageTensors;
import org.gan4j.torch.Rng;
import org.gan4j.torch.dist.Shard;
import org.gan4j.torch.Tensors;

/**
 * CoCosNet's training batches (official {@code Pix2pixDataset.__getitem__}): each ground-truth pair (x_A, x_B)
 * gets an exemplar y_B with its labels, either
 * <ul>
 *   <li>retrieved (probability {@code realReferenceP}, 0.7): another pair of the data, its nearest neighbour by
 *       label statistics ({@link Exemplars}), or with probability {@code hardReferenceP} (0.2) its K-th;
 *   <li>a pseudo pair: the ground truth itself, geometrically augmented — rendered at 286/256 of the size, cropped at a
 *       random offset and mirrored at random, as the official loader draws the exemplar's own crop and flip.
 * </ul>
 * {@code selfRef} marks pseudo pairs (the official {@code self_ref}): the VGG feature matching only counts them.
 * For {@link InputKind#EDGES} every input map, the exemplars' too, is the edge map of its own photo after the crop
 * and flip ({@link EdgeMap#ofPhoto}), as the celebahqedge loader computes its maps from the loaded image.
 * Batch i depends on (seed, i) only.
 */
final class CocosBatches {

    /** The official ade20k loader resizes to 286 before a 256 crop. */
    static final double LOAD_OVER_CROP = 286.0 / 256.0;

    /**
     * A batch.
     *
     * @param semantics    the input maps x_A, one-hot [B,semantic_nc,H,W], or edge maps [B,2,H,W]
     * @param real         the ground truth x_B in [−1,1], [B,3,H,W]
     * @param refSemantics the exemplars' maps, as {@code semantics}
     * @param ref          the exemplars y_B [B,3,H,W]
     * @param selfRef      1 for pseudo pairs, 0 for retrieved exemplars, [B]
     * @param labels       the input's class ids [B,H,W] int64 (null for edge maps)
     * @param refLabels    the exemplars' class ids [B,H,W] int64 (null for edge maps)
     * @param selfRefCount pseudo pairs in the global batch (all ranks' rows): the official losses normalise by it
     */
    record Batch(Tensor semantics, Tensor real, Tensor refSemantics, Tensor ref, Tensor selfRef, Tensor labels,
            Tensor refLabels, double selfRefCount) {}

    private final SceneDataset data;
    private final CocosConfig c;
    private final Exemplars exemplars;
    private final EpochOrder order;
    private final int size;
    private final Shard shard;

    CocosBatches(SceneDataset data, Exemplars exemplars, CocosConfig c) {
        this(data, exemplars, c, Shard.WHOLE);
    }

    /** @param shard the rows of every global batch this rank reads (the whole batch in one process) */
    CocosBatches(SceneDataset data, Exemplars exemplars, CocosConfig c, Shard shard) {
        if (c.input() == InputKind.LABELS && data.channels() != c.nets().semanticNc()) {
            throw new Gan4jException("the data has " + data.channels() + " label channels but the model takes "
                    + c.nets().semanticNc());
        }
        if (c.nets().aspectRatio() != 1.0) {
            throw new Gan4jException("CoCosNet training takes square crops (aspect ratio 1)");
        }
        this.data = data;
        this.c = c;
        this.exemplars = exemplars;
        this.size = c.nets().cropSize();
        this.order = new EpochOrder(data.size(), c.batch(), c.seed(), "pairs");
        this.shard = shard;
    }

    /** What one row of a batch is made of: every random draw, made for every row of the global batch. */
    private record Row(int index, boolean mirror, int exemplar, boolean exemplarMirror, int cropX, int cropY) {
        boolean pseudo() {
            return exemplar < 0;
        }
    }

    Batch batch(long iter) {
        Random r = Rng.javaRandom(c.seed(), iter, 3);
        int[] idx = order.indices(iter);
        int load = (int) Math.round(size * LOAD_OVER_CROP);
        List<Row> rows = new ArrayList<>();
        double selfCount = 0;
        for (int k = 0; k < idx.length; k++) {
            boolean mirror = c.flip() && r.nextBoolean();
            double p = r.nextDouble();
            Row row;
            if (p < c.realReferenceP()) {
                int j = p < c.hardReferenceP() ? exemplars.hard(idx[k]) : exemplars.easy(idx[k]);
                row = new Row(idx[k], mirror, j, c.flip() && r.nextBoolean(), 0, 0);
            } else {
                // a pseudo exemplar: pair i rendered at 286/256 of the size, a random crop, a random flip
                int cx = r.nextInt(load - size + 1);
                int cy = r.nextInt(load - size + 1);
                row = new Row(idx[k], mirror, -1, c.flip() && r.nextBoolean(), cx, cy);
                selfCount++;
            }
            if (k % shard.size() == shard.rank()) {
                rows.add(row);
            }
        }
        List<ScenePair> inputs = new ArrayList<>();
        List<ScenePair> refs = new ArrayList<>();
        float[] self = new float[rows.size()];
        for (int k = 0; k < rows.size(); k++) {
            Row row = rows.get(k);
            ScenePair gt = data.pair(row.index(), size, size);
            inputs.add(row.mirror() ? gt.mirrored() : gt);
            ScenePair ref = row.pseudo()
                    ? data.pair(row.index(), load, load).cropped(row.cropX(), row.cropY(), size, size)
                    : data.pair(row.exemplar(), size, size);
            refs.add(row.exemplarMirror() ? ref.mirrored() : ref);
            self[k] = row.pseudo() ? 1 : 0;
        }
        return of(inputs, refs, self, selfCount);
    }

    /** Pairs 0..count−1 with their easy exemplars, unmirrored: the sample grids. */
    Batch fixed(int count) {
        List<ScenePair> inputs = new ArrayList<>();
        List<ScenePair> refs = new ArrayList<>();
        int n = Math.min(count, data.size());
        for (int i = 0; i < n; i++) {
            inputs.add(data.pair(i, size, size));
            refs.add(data.pair(exemplars.easy(i), size, size));
        }
        return of(inputs, refs, new float[n], 0);
    }

    /** The fixed samples' exemplar indices. */
    int fixedExemplar(int i) {
        return exemplars.easy(i);
    }

    private Batch of(List<ScenePair> inputs, List<ScenePair> refs, float[] self, double selfCount) {
        if (c.input() == InputKind.EDGES) {
            // DEVIATION: the official loader runs Canny on the photo resized to 286 and crops the map with the photo;
            // gan4j runs it on the photo as batched (the crop size; a pseudo exemplar after its crop and flip), so a
            // map never has edges in its one-pixel border, where Canny marks none.
            List<BufferedImage> x = inputs.stream().map(ScenePair::image).toList();
            List<BufferedImage> y = refs.stream().map(ScenePair::image).toList();
            return new Batch(edgeMaps(x), ImageTensors.fromImages(x), edgeMaps(y), ImageTensors.fromImages(y),
                    Tensors.of(self, self.length), null, null, selfCount);
        }
        int nc = c.nets().semanticNc();
        List<LabelMap> l = new ArrayList<>();
        List<LabelMap> rl = new ArrayList<>();
        List<BufferedImage> x = new ArrayList<>();
        List<BufferedImage> y = new ArrayList<>();
        for (int k = 0; k < inputs.size(); k++) {
            l.add(inputs.get(k).labels());
            x.add(inputs.get(k).image());
            rl.add(refs.get(k).labels());
            y.add(refs.get(k).image());
        }
        Tensor ids = SemanticInputs.ids(l, "labels");
        Tensor refIds = SemanticInputs.ids(rl, "exemplar labels");
        return new Batch(SemanticInputs.oneHot(ids, nc), ImageTensors.fromImages(x), SemanticInputs.oneHot(refIds, nc),
                ImageTensors.fromImages(y), Tensors.of(self, self.length), ids.squeeze(1), refIds.squeeze(1), selfCount);
    }

    /** The photos' edge maps, [B,2,H,W]. */
    static Tensor edgeMaps(List<BufferedImage> photos) {
        return EdgeMap.tensor(photos.stream().map(EdgeMap::ofPhoto).toList());
    }
}
