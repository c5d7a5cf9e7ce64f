package org.gan4j.spade;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.bytedeco.pytorch.Tensor;
import org.gan4j.Gan4jException;
import org.gan4j.data.LabelMap;
import org.gan4j.data.SceneDataset;
import org.gan4j.data.ScenePair;
import org.gan4j.data.Scenes;
import org.gan4j.data.SemanticInputs;
import org.gan4j.metrics.ColourBlocks;
import org.gan4j.metrics.ImageSegmenter;
import org.gan4j.metrics.SegmentationScores;
import org.gan4j.nn.NonSpadeNorm;
import org.gan4j.torch.Engine;
import org.gan4j.torch.ImageTensors;
import org.gan4j.torch.Scope;
import org.gan4j.torch.Seeds;
import org.gan4j.torch.Tensors;
import org.gan4j.train.Progress;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * SPADE's segmentation-based evaluation on an untrained 32 px model (ngf 4), with segmenters that are perfect by
 * construction: they look each image up in a table of known images and return its label map.
 */
class SpadeEvaluationTest {

    private static final SceneDataset DATA = Scenes.dataset(12);
    private static final int N = 6; // pairs 6..11

    @BeforeAll
    static void oneThread() {
        Engine.intraOpThreads(1);
    }

    private static Progress quiet() {
        return new Progress(Progress.Mode.OFF, System.err, Duration.ZERO);
    }

    private static SpadeModel model(boolean style) {
        SpadeConfig c = SpadeConfig.fast(Scenes.LABEL_NC, 32);
        SpadeNets n = c.nets().withWidths(4, 4).withVae(style);
        Seeds.seed(21);
        ConvEncoder e = style ? new ConvEncoder(n.ngf(), n.cropSize(), NonSpadeNorm.parse(n.normE())) : null;
        return new SpadeModel(c.withNets(n), new SpadeGenerator(n), e, Scenes.CLASSES);
    }

    /** The evaluated pairs at the model's size. */
    private static List<ScenePair> pairs() {
        List<ScenePair> out = new ArrayList<>();
        for (int i = DATA.size() - N; i < DATA.size(); i++) {
            out.add(DATA.pair(i, 32));
        }
        return out;
    }

    /**
     * A segmenter that knows a table of images: an image within 1e-6 (mean squared difference) of one of them gets
     * that image's label map, any other image class 0 everywhere.
     */
    private static final class Lookup implements ImageSegmenter {
        final List<float[]> images = new ArrayList<>();
        final List<LabelMap> labels = new ArrayList<>();

        void add(Tensor batch, List<LabelMap> maps) {
            long per = batch.numel() / batch.size(0);
            float[] all = Tensors.floats(batch);
            for (int k = 0; k < maps.size(); k++) {
                images.add(Arrays.copyOfRange(all, (int) (k * per), (int) ((k + 1) * per)));
                labels.add(maps.get(k));
            }
        }

        @Override
        public int labelNc() {
            return Scenes.LABEL_NC;
        }

        @Override
        public boolean dontCare() {
            return false;
        }

        @Override
        public List<LabelMap> predict(Tensor batch) {
            int h = (int) batch.size(2);
            int w = (int) batch.size(3);
            long per = batch.numel() / batch.size(0);
            float[] all = Tensors.floats(batch);
            List<LabelMap> out = new ArrayList<>();
            for (int k = 0; k < batch.size(0); k++) {
                LabelMap found = new LabelMap(w, h, new int[w * h]);
                for (int j = 0; j < images.size(); j++) {
                    float[] img = images.get(j);
                    double d = 0;
                    for (int i = 0; i < per; i++) {
                        double diff = all[(int) (k * per + i)] - img[i];
                        d += diff * diff;
                    }
                    if (img.length == per && d / per < 1e-6) {
                        found = labels.get(j);
                    }
                }
                out.add(found);
            }
            return out;
        }
    }

    private static SegmentationScores.Score shuffledByHand(List<LabelMap> truths) {
        SegmentationScores s = new SegmentationScores(Scenes.LABEL_NC, false);
        for (int i = 0; i < truths.size(); i++) {
            s.add(truths.get(i), truths.get((i + truths.size() / 2) % truths.size()));
        }
        return s.score();
    }

    @Test
    void aSegmenterThatKnowsPhotosAndSynthesesScoresOneAndTheShuffledBoundIsOtherPairsMaps() {
        try (SpadeModel m = model(false); Scope s = new Scope()) {
            List<ScenePair> pairs = pairs();
            List<LabelMap> truths = pairs.stream().map(ScenePair::labels).toList();
            Lookup seg = new Lookup();
            seg.add(ImageTensors.fromImages(pairs.stream().map(ScenePair::image).toList()), truths);
            seg.add(m.synthesize(SemanticInputs.semantics(truths, null, Scenes.LABEL_NC), null), truths);

            SpadeEvaluation.Result r = SpadeEvaluation.evaluate(m, seg, DATA, N, 2, quiet());
            assertThat(r.pairs()).isEqualTo(N);
            assertThat(r.first()).isEqualTo(6); // the last N pairs
            assertThat(r.width()).isEqualTo(32);
            assertThat(r.styleFromPhotos()).isFalse();
            assertThat(r.real()).isEqualTo(new SegmentationScores.Score(1.0, 1.0, N * 32 * 32));
            assertThat(r.synthesized()).isEqualTo(new SegmentationScores.Score(1.0, 1.0, N * 32 * 32));
            // G(m_{i+N/2}) segmented perfectly as m_{i+N/2}, scored against m_i
            SegmentationScores.Score lower = shuffledByHand(truths);
            assertThat(r.shuffled()).isEqualTo(lower);
            assertThat(lower.meanIou()).isLessThan(0.9);

            assertThat(r.examples()).hasSize(2);
            SpadeEvaluation.Example e = r.examples().get(1);
            assertThat(e.index()).isEqualTo(7);
            assertThat(e.labels()).isEqualTo(truths.get(1));
            assertThat(e.realSegmentation()).isEqualTo(truths.get(1));
            assertThat(e.synthesizedSegmentation()).isEqualTo(truths.get(1));
            assertThat(e.real().getRGB(5, 9)).isEqualTo(pairs.get(1).image().getRGB(5, 9));
            assertThat(e.synthesized().getWidth()).isEqualTo(32);
        }
    }

    @Test
    void theRealBoundUsesThePhotosAndAnIgnoredInputScoresAsItsShuffle() {
        // the segmenter knows only the photos: the real bound is perfect; every synthesis is "class 0", so the
        // score and the shuffled bound compare the same constant prediction with the same maps
        try (SpadeModel m = model(false); Scope s = new Scope()) {
            List<ScenePair> pairs = pairs();
            List<LabelMap> truths = pairs.stream().map(ScenePair::labels).toList();
            Lookup seg = new Lookup();
            seg.add(ImageTensors.fromImages(pairs.stream().map(ScenePair::image).toList()), truths);
            SpadeEvaluation.Result r = SpadeEvaluation.evaluate(m, seg, DATA, N, 0, quiet());
            assertThat(r.real().meanIou()).isEqualTo(1.0);
            SegmentationScores zeros = new SegmentationScores(Scenes.LABEL_NC, false);
            truths.forEach(t -> zeros.add(t, new LabelMap(32, 32, new int[32 * 32])));
            assertThat(r.synthesized()).isEqualTo(zeros.score());
            assertThat(r.shuffled()).isEqualTo(zeros.score());
            assertThat(r.examples()).isEmpty();
        }
    }

    @Test
    void aStyleModelSynthesizesEachMapInItsPhotosMeanStyle() {
        try (SpadeModel m = model(true); Scope s = new Scope()) {
            List<ScenePair> pairs = pairs();
            List<LabelMap> truths = pairs.stream().map(ScenePair::labels).toList();
            Tensor photos = ImageTensors.fromImages(pairs.stream().map(ScenePair::image).toList());
            Lookup seg = new Lookup();
            seg.add(photos, truths);
            seg.add(m.synthesize(SemanticInputs.semantics(truths, null, Scenes.LABEL_NC), m.encode(photos).mu()), truths);
            SpadeEvaluation.Result r = SpadeEvaluation.evaluate(m, seg, DATA, N, 0, quiet());
            assertThat(r.styleFromPhotos()).isTrue();
            assertThat(r.real().meanIou()).isEqualTo(1.0);
            assertThat(r.synthesized().meanIou()).as("the images G(m_i, mu(E(x_i)))").isEqualTo(1.0);
            assertThat(r.shuffled()).isEqualTo(shuffledByHand(truths));
        }
    }

    @Test
    void mismatchedClassesAndCountsAreOneLine() {
        try (SpadeModel m = model(false)) {
            Lookup seg = new Lookup();
            assertThatThrownBy(() -> SpadeEvaluation.evaluate(m, seg, new ColourBlocks(8, 3, false), 4, 0, quiet()))
                    .isInstanceOf(Gan4jException.class).hasMessageContaining("3 classes but the model 10");
            assertThatThrownBy(() -> SpadeEvaluation.evaluate(m, seg, DATA, 1, 0, quiet()))
                    .isInstanceOf(Gan4jException.class).hasMessageContaining("--count");
            assertThatThrownBy(() -> SpadeEvaluation.evaluate(m, seg, DATA, 13, 0, quiet()))
                    .isInstanceOf(Gan4jException.class).hasMessageContaining("--count");
        }
    }
}
