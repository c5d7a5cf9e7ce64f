package org.gan4j.spade;

import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.bytedeco.pytorch.Tensor;
import org.gan4j.Gan4jException;
import org.gan4j.data.LabelMap;
import org.gan4j.data.SceneDataset;
import org.gan4j.data.ScenePair;
import org.gan4j.data.SemanticInputs;
import org.gan4j.metrics.Fid;
import org.gan4j.metrics.SegmentationScores;
import org.gan4j.metrics.ImageSegmenter;
import org.gan4j.nn.FidInception;
import org.gan4j.torch.ImageTensors;
import org.gan4j.torch.Scope;
import org.gan4j.train.Progress;

/**
 * SPADE's evaluation (Park et al. 2019, §4 "Performance metrics"): segment the images synthesized from the
 * label maps of held-out pairs and compare the segmentation with those label maps (mIoU and pixel accuracy,
 * {@link SegmentationScores}), with a segmenter ({@link org.gan4j.metrics.Segmenter}) trained on the dataset's
 * real photos, as the paper does with pretrained DRN-D-105 (Cityscapes), UperNet101 (ADE20K) and DeepLabV2
 * (COCO-Stuff).
 * Three numbers frame the score:
 * <ul>
 *   <li><b>real</b> — the segmenter on the real photos of the pairs: the upper bound, what a generator whose
 *       images were as segmentable as the photos would get (in practice: a generator that paints its classes
 *       more plainly than photos show them can exceed it);</li>
 *   <li><b>synthesized</b> — the segmenter on G(m_i) scored against m_i: the score;</li>
 *   <li><b>shuffled</b> — the segmenter on G(m_π(i)) scored against m_i, where π(i) = (i + ⌊N/2⌋) mod N never
 *       maps a pair to itself (N ≥ 2): the lower bound, what a generator ignoring its label map would get (the
 *       half-way shift keeps neighbouring, possibly similar, files of a folder apart).</li>
 * </ul>
 * The N pairs are the last ones of {@code data}, indices size−N .. size−1, taken at the model's size (each photo
 * resized as the dataset resizes, the label maps by nearest neighbour), so that with an unshuffled dataset they are
 * not the first the training drew. They are held out only if the training never reached them: a SPADE run draws
 * every pair of its data, so give the evaluation pairs the run did not train on (a validation split, or
 * {@code builtin:scenes} beyond its 10,000 training pairs, as {@code gan4j spade eval} does).
 *
 * <p>A model with the style encoder synthesizes each map in the style of its own photo, z = μ(E(x_i)).
 * DEVIATION: the official {@code test.py} samples z = μ + σ·ε ({@code Pix2PixModel.encode_z} reparameterises at
 * test time too); gan4j takes the mean, so the evaluation is deterministic. The shuffled image G(m_π(i), z_π(i))
 * keeps the style of its own photo.
 *
 * <p>With an {@link FidInception} (the user's pytorch-fid weights) the evaluation also computes FID
 * ({@link Fid}) between the N real photos and the N images synthesized from their label maps, both at the model's
 * size and resized to 299 by the network, as the paper reports it. DEVIATION: the official workflow saves the
 * synthesized images as 8-bit files before measuring; gan4j feeds them as computed ((x + 1)/2 clipped to [0, 1],
 * no 8-bit rounding, a difference of at most half a level per pixel). FID from a few hundred images is biased
 * upwards: compare numbers computed on the same count only. Without it the segmentation scores are the same numbers.
 */
public final class SpadeEvaluation {

    /** Pairs synthesized and segmented at once. */
    private static final int BATCH = 8;

    private SpadeEvaluation() {}

    /**
     * The three scores over {@code pairs} pairs, indices {@code first .. first+pairs−1}, at {@code width × height}.
     *
     * @param styleFromPhotos whether the model took z = μ(E(photo)) (a style-encoder model)
     * @param examples        the first pairs with their images and segmentations, as many as asked for
     */
    public record Result(SegmentationScores.Score real, SegmentationScores.Score synthesized,
                         SegmentationScores.Score shuffled, int pairs, int first, int width, int height,
                         boolean styleFromPhotos, List<Example> examples, FidScore fid) {}

    /**
     * FID between the real photos and the synthesized images of the evaluated pairs (null when not asked for).
     *
     * @param fid         the Fréchet distance d² of the pool3 features
     * @param real        the number of real photos
     * @param synthesized the number of synthesized images
     */
    public record FidScore(double fid, int real, int synthesized) {}

    /** One pair as evaluated: its label map, photo and synthesis, and the segmenter's maps of both images. */
    public record Example(int index, LabelMap labels, BufferedImage real, LabelMap realSegmentation,
                          BufferedImage synthesized, LabelMap synthesizedSegmentation) {}

    /**
     * Evaluates {@code model} on the last {@code count} pairs of {@code data} with {@code segmenter}.
     *
     * @param examples how many of the first evaluated pairs to return with their images (0 for none)
     * @param progress reports the batches as stage "evaluate"
     */
    public static Result evaluate(SpadeModel model, ImageSegmenter segmenter, SceneDataset data, int count, int examples,
            Progress progress) {
        return evaluate(model, segmenter, data, count, examples, null, progress);
    }

    /**
     * As {@link #evaluate(SpadeModel, ImageSegmenter, SceneDataset, int, int, Progress)}, and FID between the real
     * photos and the synthesized images when {@code inception} is not null.
     */
    public static Result evaluate(SpadeModel model, ImageSegmenter segmenter, SceneDataset data, int count,
            int examples, FidInception inception, Progress progress) {
        SpadeNets n = model.nets();
        if (data.labelNc() != n.labelNc() || data.dontCare() != n.dontcare()) {
            throw new Gan4jException("the data has " + data.labelNc() + " classes" + (data.dontCare() ? " + don't-care" : "")
                    + " but the model " + n.labelNc() + (n.dontcare() ? " + don't-care" : ""));
        }
        segmenter.checkData(data);
        if (count < 2 || count > data.size()) {
            throw new Gan4jException("--count must be 2.." + data.size() + " (the pairs in the data), got " + count);
        }
        int first = data.size() - count;
        int w = n.width();
        int h = n.height();
        boolean style = model.usesStyle();
        SegmentationScores real = new SegmentationScores(n.labelNc(), n.dontcare());
        SegmentationScores synth = new SegmentationScores(n.labelNc(), n.dontcare());
        List<LabelMap> truths = new ArrayList<>(count);
        List<LabelMap> synthPreds = new ArrayList<>(count);
        List<Example> shown = new ArrayList<>();
        FidScore fid = null;
        long batches = (count + BATCH - 1) / BATCH;
        progress.beginStage("evaluate " + count + " pairs" + (inception != null ? " (with FID)" : ""), batches, 0);
        try (Fid.Features realFeatures = new Fid.Features(); Fid.Features synthFeatures = new Fid.Features()) {
            for (int b = 0; b < batches; b++) {
                List<ScenePair> pairs = new ArrayList<>();
                for (int i = first + b * BATCH; i < Math.min(first + count, first + (b + 1) * BATCH); i++) {
                    pairs.add(data.pair(i, w, h));
                }
                try (Scope s = new Scope()) {
                    List<LabelMap> labels = pairs.stream().map(ScenePair::labels).toList();
                    Tensor photos = ImageTensors.fromImages(pairs.stream().map(ScenePair::image).toList());
                    List<LabelMap> instances = !n.instance() ? null
                            : pairs.stream().map(p -> p.instances() != null ? p.instances() : p.labels()).toList();
                    Tensor semantics = SemanticInputs.semantics(labels, instances, n.oneHotNc());
                    Tensor z = style ? model.encode(photos).mu() : null;
                    Tensor images = model.synthesize(semantics, z);
                    List<LabelMap> realPred = segmenter.predict(photos);
                    List<LabelMap> synthPred = segmenter.predict(images);
                    List<BufferedImage> synthImages = shown.size() < examples ? ImageTensors.toImages(images) : null;
                    if (inception != null) {
                        realFeatures.add(inception.features(Fid.unit(photos)));
                        synthFeatures.add(inception.features(Fid.unit(images)));
                    }
                    for (int k = 0; k < pairs.size(); k++) {
                        real.add(labels.get(k), realPred.get(k));
                        synth.add(labels.get(k), synthPred.get(k));
                        truths.add(labels.get(k));
                        synthPreds.add(synthPred.get(k));
                        if (shown.size() < examples) {
                            shown.add(new Example(first + b * BATCH + k, labels.get(k), pairs.get(k).image(),
                                    realPred.get(k), synthImages.get(k), synthPred.get(k)));
                        }
                    }
                }
                progress.update(b + 1, Map.of());
            }
            progress.endStage();
            if (inception != null) {
                try (Scope s = new Scope()) {
                    fid = new FidScore(Fid.distance(realFeatures.all(), synthFeatures.all()), realFeatures.count(),
                            synthFeatures.count());
                }
            }
        }
        SegmentationScores shuffled = new SegmentationScores(n.labelNc(), n.dontcare());
        int shift = count / 2;
        for (int i = 0; i < count; i++) {
            shuffled.add(truths.get(i), synthPreds.get((i + shift) % count));
        }
        return new Result(real.score(), synth.score(), shuffled.score(), count, first, w, h, style, List.copyOf(shown),
                fid);
    }
}
