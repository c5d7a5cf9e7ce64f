package org.gan4j.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.gan4j.Gan4jException;
import org.gan4j.data.Palette;
import org.gan4j.data.SceneDataset;
import org.gan4j.data.ScenePair;
import org.gan4j.torch.Engine;
import org.gan4j.torch.Tensors;
import org.gan4j.train.Progress;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Training the segmenter: it learns an easy task, a seed fixes the result, the pool and the held-out pairs. */
class SegmenterTrainingTest {

    /** 16 px, two levels of 4 and 8 channels, 60 steps of 4 pairs at lr 0.03: under a second (CE falls ~15x). */
    private static final SegmenterTraining.Options TINY =
            new SegmenterTraining.Options(16, List.of(4, 8), 60, 4, 3e-2, 3, 0);

    @BeforeAll
    static void oneThread() {
        Engine.intraOpThreads(1);
    }

    private static Progress quiet() {
        return new Progress(Progress.Mode.OFF, System.err, Duration.ZERO);
    }

    @Test
    void learnsColourToClassInAFewDozenSteps() {
        SceneDataset data = new ColourBlocks(64, 3, false);
        SegmenterTraining.Result r = SegmenterTraining.train(data, 48, TINY, quiet());
        try (Segmenter seg = r.segmenter()) {
            assertThat(seg.isTraining()).isFalse();
            assertThat(r.losses()).hasSize(60);
            // cross-entropy starts near ln 3 = 1.1 and falls by a clear factor
            assertThat(r.report().firstLoss()).isGreaterThan(0.7);
            assertThat(r.report().lastLoss()).isLessThan(r.report().firstLoss() / 3);
            // pairs 48..63 were never drawn: well above chance (1/3) on them
            SegmenterTraining.HeldOut h = SegmenterTraining.heldOut(seg, data, 48, 16);
            assertThat(h.pixelAccuracy()).isGreaterThan(0.9);
            assertThat(h.meanIou()).isGreaterThan(0.8);
            assertThat(h.first()).isEqualTo(48);
            assertThat(h.pairs()).isEqualTo(16);
        }
    }

    @Test
    void dontCarePixelsAreIgnoredInTheLoss() {
        // one block per pair is unlabelled and painted in a random colour: without ignoring it, the loss could not
        // fall this far (its pixels carry id 3, which has no logit: cross_entropy would fail outright)
        SceneDataset data = new ColourBlocks(64, 3, true);
        SegmenterTraining.Result r = SegmenterTraining.train(data, 48, TINY, quiet());
        try (Segmenter seg = r.segmenter()) {
            assertThat(seg.settings().dontCare()).isTrue();
            assertThat(r.report().lastLoss()).isLessThan(r.report().firstLoss() / 3);
            assertThat(SegmenterTraining.heldOut(seg, data, 48, 16).pixelAccuracy()).isGreaterThan(0.9);
        }
    }

    @Test
    void aSeedGivesTheSameNetworkAndAnotherSeedAnother() {
        SceneDataset data = new ColourBlocks(16, 3, false);
        SegmenterTraining.Options o = TINY.withIters(3);
        SegmenterTraining.Result a = SegmenterTraining.train(data, 16, o, quiet());
        SegmenterTraining.Result b = SegmenterTraining.train(data, 16, o, quiet());
        SegmenterTraining.Result c = SegmenterTraining.train(data, 16, o.withSeed(4), quiet());
        try (Segmenter sa = a.segmenter(); Segmenter sb = b.segmenter(); Segmenter sc = c.segmenter()) {
            assertThat(b.losses()).containsExactly(a.losses());
            for (String k : sa.stateDict().keySet()) {
                assertThat(Tensors.floats(sb.stateDict().get(k))).as(k).containsExactly(Tensors.floats(sa.stateDict().get(k)));
            }
            assertThat(Tensors.floats(sc.stateDict().get("head.weight")))
                    .isNotEqualTo(Tensors.floats(sa.stateDict().get("head.weight")));
        }
    }

    @Test
    void aPoolReadsEachOfItsFirstPairsOnceAndNothingAfterTrainPairs() {
        Recording pooled = new Recording(new ColourBlocks(64, 3, false));
        SegmenterTraining.train(pooled, 48, TINY.withIters(10).withPool(8), quiet()).segmenter().close();
        assertThat(pooled.reads).allSatisfy(i -> assertThat(i).isBetween(0, 7));
        assertThat(pooled.reads).doesNotHaveDuplicates().hasSize(8);
        Recording all = new Recording(new ColourBlocks(64, 3, false));
        SegmenterTraining.train(all, 48, TINY.withIters(30), quiet()).segmenter().close();
        assertThat(all.reads).hasSize(30 * 4).allSatisfy(i -> assertThat(i).isBetween(0, 47));
        assertThat(all.reads.stream().distinct().count()).isGreaterThan(8);
    }

    @Test
    void tooFewPairsIsOneLine() {
        assertThatThrownBy(() -> SegmenterTraining.train(new ColourBlocks(8, 3, false), 2, TINY, quiet()))
                .isInstanceOf(Gan4jException.class).hasMessageContaining("fewer than one batch of 4");
        assertThatThrownBy(() -> TINY.withLr(-1)).isInstanceOf(Gan4jException.class).hasMessageContaining("--lr");
    }

    /** A dataset that records which pairs were read. */
    private static final class Recording implements SceneDataset {
        final SceneDataset inner;
        final List<Integer> reads = Collections.synchronizedList(new ArrayList<>());

        Recording(SceneDataset inner) {
            this.inner = inner;
        }

        @Override
        public int size() {
            return inner.size();
        }

        @Override
        public int labelNc() {
            return inner.labelNc();
        }

        @Override
        public boolean dontCare() {
            return inner.dontCare();
        }

        @Override
        public boolean hasInstances() {
            return false;
        }

        @Override
        public ScenePair pair(int i, int width, int height) {
            reads.add(i);
            return inner.pair(i, width, height);
        }

        @Override
        public Palette palette() {
            return inner.palette();
        }

        @Override
        public String describe() {
            return inner.describe();
        }
    }
}
