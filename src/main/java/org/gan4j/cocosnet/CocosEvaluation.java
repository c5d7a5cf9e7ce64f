package org.gan4j.cocosnet;

import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.bytedeco.pytorch.Tensor;
import org.gan4j.Gan4jException;
import org.gan4j.data.LabelMap;
import org.gan4j.data.ScenePair;
import org.gan4j.data.Scenes;
import org.gan4j.metrics.Fid;
import org.gan4j.metrics.ImageSegmenter;
import org.gan4j.nn.FidInception;
import org.gan4j.metrics.SegmentationScores;
import org.gan4j.torch.ImageTensors;
import org.gan4j.torch.Scope;
import org.gan4j.train.Progress;

/**
 * CoCosNet's evaluation on held-out {@code builtin:scenes} (scenes {@value #FIRST}.., never in a training run's
 * 2,000), the paper's three questions (Sec. 4) on data whose answers are known. Input i gets the exemplar of scene
 * j = π(i), another held-out scene (layout and look), and a baseline exemplar r = ρ(i), a third one:
 * <ul>
 *   <li><b>semantic consistency</b> — a segmenter trained on real scene photos segments the outputs; mIoU against
 *       the input map (as SPADE's evaluation), beside the segmenter on the truth (upper bound) and on the outputs of
 *       other inputs (lower bound);</li>
 *   <li><b>style relevance</b> — builtin:scenes can paint layout i in scene j's look ({@link Scenes#pair(int, int,
 *       int, int)}), the truth of the translation. Scored two ways: the L1 distance of the output to that truth
 *       against its distance to layout i in the baseline exemplar's look; and the mean colour of every class the
 *       input and both exemplars share, in the output against the exemplar's, and against the baseline's. An
 *       output that ignored its exemplar would be as near the baseline as the exemplar;</li>
 *   <li><b>correspondence accuracy</b> — the exemplar is the input's own scene rendered at 286/256 of the size,
 *       cropped at a random offset and mirrored at random (a pseudo pair): the true match of every input position is
 *       known. Scored: the share of correspondence-grid positions whose best match argmax_v M(u, v) lies within one
 *       cell of the truth, the mean error in cells, and the L1 of the warped exemplar against the input's own photo
 *       (downsampled to the grid).</li>
 * </ul>
 * Given a VGG19 ({@link CocosVgg}), also the paper's own style relevance ({@link VggStyleRelevance}: colour from
 * relu1_2, texture from relu2_2) of the output to its exemplar and to the baseline; given pytorch-fid's Inception
 * weights, FID between the outputs and the truths.
 */
public final class CocosEvaluation {

    /** The first held-out scene. */
    public static final int FIRST = 100_000;
    private static final int BATCH = 4;

    private CocosEvaluation() {}

    /**
     * The scores.
     *
     * @param count          inputs evaluated
     * @param size           the size they were translated at
     * @param real           the segmenter on the truths (layout i in j's look)
     * @param translated     the segmenter on the outputs
     * @param shuffled       the segmenter on the outputs of other inputs (lower bound)
     * @param truthL1        mean |output − truth|, RGB in [0, 1]
     * @param baselineL1     mean |output − layout i in the baseline exemplar's look|
     * @param colourToExemplar mean distance of shared classes' mean colours, output vs exemplar
     * @param colourToBaseline the same, output vs the baseline exemplar
     * @param colourWins     share of inputs whose output is nearer the exemplar's colours than the baseline's
     * @param matchAccuracy  share of grid positions matched within one cell of the truth (pseudo pairs)
     * @param matchError     mean distance of the best match from the truth, in grid cells
     * @param warpL1         mean |warped exemplar − the input's own photo| at the grid size
     * @param identityAccuracy the match share of the identity correspondence (baseline)
     * @param unwarpedL1     mean |exemplar − the input's own photo| at the grid size, unwarped (baseline)
     * @param examples       the first inputs' pictures
     */
    public record Result(int count, int size, SegmentationScores.Score real, SegmentationScores.Score translated,
            SegmentationScores.Score shuffled, double truthL1, double baselineL1, double colourToExemplar,
            double colourToBaseline, double colourWins, double matchAccuracy, double matchError, double warpL1,
            double identityAccuracy, double unwarpedL1, VggScores vgg, Double fid, List<Example> examples) {}

    /**
     * The paper's style relevance (cosine similarities, 1 = the same statistics), to the exemplar and to the baseline.
     *
     * @param weights which VGG19 ("random" for the no-download default, else the file)
     */
    public record VggScores(String weights, double colourToExemplar, double textureToExemplar, double colourToBaseline,
            double textureToBaseline) {}

    /**
     * What the evaluation measures with, each optional (null: its rows are skipped).
     *
     * @param segmenter a segmenter trained on builtin:scenes photos at the model's size
     * @param vgg       a VGG19 for the paper's style relevance, and its name
     * @param inception pytorch-fid's network for FID
     */
    public record Tools(ImageSegmenter segmenter, CocosVgg vgg, String vggName, FidInception inception) {}

    /** One evaluated input: its map, exemplar, warped exemplar, output and truth. */
    public record Example(int input, int exemplar, LabelMap labels, BufferedImage exemplarImage, BufferedImage warped,
            BufferedImage output, BufferedImage truth) {}

    /** The exemplar scene of input k of n (another held-out scene). */
    static int exemplarOf(int k, int n) {
        return FIRST + (k + n / 2) % n;
    }

    /** The baseline exemplar scene of input k of n (a third one). */
    static int baselineOf(int k, int n) {
        return FIRST + (k + n / 3 + 1) % n;
    }

    /**
     * Evaluates {@code model} on {@code count} held-out scenes at its crop size.
     *
     * @param segmenter a segmenter trained on builtin:scenes photos at that size, or null to skip the mIoU rows
     * @param examples  how many inputs to return with pictures
     */
    public static Result evaluate(CocosModel model, Tools tools, int count, int examples, long seed, Progress progress) {
        ImageSegmenter segmenter = tools.segmenter();
        CocosNets n = model.nets();
        if (model.input() == InputKind.EDGES) {
            throw new Gan4jException("the evaluation scores label-map models on builtin:scenes; this model translates edge"
                    + " maps (not evaluated yet)");
        }
        if (model.labelNc() != Scenes.LABEL_NC || n.semanticNc() != Scenes.LABEL_NC) {
            throw new Gan4jException("the evaluation runs on builtin:scenes (" + Scenes.LABEL_NC + " classes); this model takes "
                    + n.semanticNc() + " label channels");
        }
        if (count < 3) {
            throw new Gan4jException("--count must be at least 3, got " + count);
        }
        int size = n.cropSize();
        SegmentationScores real = new SegmentationScores(Scenes.LABEL_NC, false);
        SegmentationScores translated = new SegmentationScores(Scenes.LABEL_NC, false);
        List<LabelMap> truths = new ArrayList<>();
        List<LabelMap> preds = new ArrayList<>();
        double truthL1 = 0;
        double baseL1 = 0;
        double colEx = 0;
        double colBase = 0;
        int colN = 0;
        int wins = 0;
        double matched = 0;
        double error = 0;
        double warpL1 = 0;
        double identity = 0;
        double unwarped = 0;
        double[] vgg = new double[4];
        List<Example> shown = new ArrayList<>();
        Fid.Features fidOut = new Fid.Features();
        Fid.Features fidTruth = new Fid.Features();
        long batches = (count + BATCH - 1) / BATCH;
        progress.beginStage("evaluate " + count + " held-out scenes", batches, 0);
        for (int b = 0; b < batches; b++) {
            for (int k = b * BATCH; k < Math.min(count, (b + 1) * BATCH); k++) {
                try (Scope s = new Scope()) {
                    int i = FIRST + k;
                    int j = exemplarOf(k, count);
                    int r = baselineOf(k, count);
                    ScenePair input = Scenes.pair(i, size, size);
                    ScenePair ex = Scenes.pair(j, size, size);
                    ScenePair base = Scenes.pair(r, size, size);
                    BufferedImage truth = Scenes.pair(i, j, size, size).image();
                    BufferedImage truthBase = Scenes.pair(i, r, size, size).image();
                    CocosModel.Translation t = model.translate(input.labels(), ex.image(), ex.labels(), size);
                    BufferedImage out = ImageTensors.toImage(t.image());
                    truthL1 += StyleStatistics.l1(out, truth);
                    baseL1 += StyleStatistics.l1(out, truthBase);
                    double[] d = StyleStatistics.classColourDistances(out, input.labels(), ex, base, Scenes.LABEL_NC);
                    if (d != null) {
                        colEx += d[0];
                        colBase += d[1];
                        colN++;
                        wins += d[0] < d[1] ? 1 : 0;
                    }
                    if (segmenter != null) {
                        List<LabelMap> p = segmenter.predict(t.image());
                        LabelMap onTruth = segmenter.predict(ImageTensors.fromImage(truth)).get(0);
                        real.add(input.labels(), onTruth);
                        translated.add(input.labels(), p.get(0));
                        truths.add(input.labels());
                        preds.add(p.get(0));
                    }
                    if (tools.vgg() != null) {
                        double[] e = VggStyleRelevance.of(tools.vgg(), t.image(), ImageTensors.fromImage(ex.image()));
                        double[] bl = VggStyleRelevance.of(tools.vgg(), t.image(), ImageTensors.fromImage(base.image()));
                        vgg[0] += e[0];
                        vgg[1] += e[1];
                        vgg[2] += bl[0];
                        vgg[3] += bl[1];
                    }
                    if (tools.inception() != null) {
                        fidOut.add(tools.inception().features(Fid.unit(t.image())));
                        fidTruth.add(tools.inception().features(Fid.unit(ImageTensors.fromImage(truth))));
                    }
                    CorrespondenceCheck.Score m = CorrespondenceCheck.score(model, i, size, new Random(seed * 1_000_003L + k));
                    matched += m.accuracy();
                    error += m.meanError();
                    warpL1 += m.warpL1();
                    identity += m.identityAccuracy();
                    unwarped += m.unwarpedL1();
                    if (shown.size() < examples) {
                        shown.add(new Example(i, j, input.labels(), ex.image(), ImageTensors.toImage(
                                org.gan4j.torch.Resize.nearest(t.warp().warped(), size, size)), out, truth));
                    }
                }
            }
            progress.update(b + 1, Map.of());
        }
        progress.endStage();
        Double fid = null;
        try (Scope s = new Scope()) {
            if (tools.inception() != null) {
                fid = Fid.distance(fidOut.all(), fidTruth.all());
            }
        } finally {
            fidOut.close();
            fidTruth.close();
        }
        VggScores vs = tools.vgg() == null ? null : new VggScores(tools.vggName(), vgg[0] / count, vgg[1] / count,
                vgg[2] / count, vgg[3] / count);
        SegmentationScores shuffled = new SegmentationScores(Scenes.LABEL_NC, false);
        for (int k = 0; k < truths.size(); k++) {
            shuffled.add(truths.get(k), preds.get((k + truths.size() / 2) % truths.size()));
        }
        return new Result(count, size, segmenter == null ? null : real.score(), segmenter == null ? null : translated.score(),
                segmenter == null ? null : shuffled.score(), truthL1 / count, baseL1 / count,
                colN == 0 ? Double.NaN : colEx / colN, colN == 0 ? Double.NaN : colBase / colN,
                colN == 0 ? Double.NaN : (double) wins / colN, matched / count, error / count, warpL1 / count,
                identity / count, unwarped / count, vs, fid,
                List.copyOf(shown));
    }
}
