package org.gan4j.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.gan4j.data.LabelMap;
import org.junit.jupiter.api.Test;

/** Confusion matrix, IoU, mIoU and pixel accuracy against hand computations on tiny label maps. */
class SegmentationScoresTest {

    @Test
    void twoClassesByHand() {
        // truth 0 0 1 1, prediction 0 1 1 1:
        // class 0: TP 1, FP 0, FN 1 -> IoU 1/2; class 1: TP 2, FP 1, FN 0 -> IoU 2/3; 3 of 4 pixels right
        SegmentationScores s = new SegmentationScores(2, false).add(new int[] {0, 0, 1, 1}, new int[] {0, 1, 1, 1});
        assertThat(s.confusion()).isEqualTo(new long[][] {{1, 1}, {0, 2}}); // [truth][prediction]
        assertThat(s.iou()).containsExactly(new double[] {0.5, 2.0 / 3}, within(1e-15));
        assertThat(s.meanIou()).isCloseTo((0.5 + 2.0 / 3) / 2, within(1e-15));
        assertThat(s.pixelAccuracy()).isEqualTo(0.75);
        assertThat(s.pixels()).isEqualTo(4);
        assertThat(s.score()).isEqualTo(new SegmentationScores.Score(s.meanIou(), 0.75, 4));
    }

    @Test
    void aClassInNeitherIsLeftOutButOneOnlyPredictedCountsAsZero() {
        // 3 classes, class 2 nowhere: the same numbers as with 2 classes
        SegmentationScores absent = new SegmentationScores(3, false).add(new int[] {0, 0, 1, 1}, new int[] {0, 1, 1, 1});
        assertThat(absent.iou()[2]).isNaN();
        assertThat(absent.classesPresent()).isEqualTo(2);
        assertThat(absent.meanIou()).isCloseTo((0.5 + 2.0 / 3) / 2, within(1e-15));
        // truth 0 0, prediction 0 2: class 0 IoU 1/2, class 2 (predicted, not in the truth) IoU 0, class 1 left out
        SegmentationScores predictedOnly = new SegmentationScores(3, false).add(new int[] {0, 0}, new int[] {0, 2});
        assertThat(predictedOnly.iou()[0]).isEqualTo(0.5);
        assertThat(predictedOnly.iou()[1]).isNaN();
        assertThat(predictedOnly.iou()[2]).isEqualTo(0.0);
        assertThat(predictedOnly.meanIou()).isEqualTo(0.25);
        assertThat(predictedOnly.pixelAccuracy()).isEqualTo(0.5);
    }

    @Test
    void dontCarePixelsAreNotCountedWhateverWasPredicted() {
        // 2 classes + don't-care (id 2): truth 0 2 1, prediction 0 0 0 -> the middle pixel is skipped;
        // class 0: TP 1, FP 1 -> 1/2; class 1: FN 1 -> 0
        SegmentationScores s = new SegmentationScores(2, true).add(new int[] {0, 2, 1}, new int[] {0, 0, 0});
        assertThat(s.pixels()).isEqualTo(2);
        assertThat(s.iou()).containsExactly(0.5, 0.0);
        assertThat(s.meanIou()).isEqualTo(0.25);
        assertThat(s.pixelAccuracy()).isEqualTo(0.5);
        // without don't-care, id 2 is an error, not a skipped pixel
        assertThatThrownBy(() -> new SegmentationScores(2, false).add(new int[] {2}, new int[] {0}))
                .hasMessageContaining("ground-truth id 2");
    }

    @Test
    void theSetHasOneMatrixNotAMeanOfPerImageScores() {
        // image A: truth 0 0 0, all right; image B: truth 1, predicted 0.
        // One matrix: class 0 TP 3, FP 1 -> 3/4; class 1 FN 1 -> 0; mIoU 3/8 (a mean of per-image mIoUs would be 1/2)
        SegmentationScores s = new SegmentationScores(2, false)
                .add(new LabelMap(3, 1, new int[] {0, 0, 0}), new LabelMap(3, 1, new int[] {0, 0, 0}))
                .add(new LabelMap(1, 1, new int[] {1}), new LabelMap(1, 1, new int[] {0}));
        assertThat(s.meanIou()).isEqualTo(0.375);
        assertThat(s.pixelAccuracy()).isEqualTo(0.75);
    }

    @Test
    void perfectAndEmptyAndBadInput() {
        SegmentationScores perfect = new SegmentationScores(4, false).add(new int[] {3, 1, 0, 3}, new int[] {3, 1, 0, 3});
        assertThat(perfect.meanIou()).isEqualTo(1.0);
        assertThat(perfect.pixelAccuracy()).isEqualTo(1.0);
        assertThat(perfect.classesPresent()).isEqualTo(3);
        SegmentationScores empty = new SegmentationScores(2, false);
        assertThat(empty.meanIou()).isNaN();
        assertThat(empty.pixelAccuracy()).isNaN();
        assertThatThrownBy(() -> empty.add(new int[] {0, 1}, new int[] {0, 2})).hasMessageContaining("predicted id 2");
        assertThatThrownBy(() -> empty.add(new int[] {0, 1}, new int[] {0})).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> empty.add(new LabelMap(2, 1, new int[] {0, 1}), new LabelMap(1, 2, new int[] {0, 1})))
                .hasMessageContaining("2x1");
        assertThat(empty.pixels()).isZero(); // a refused call counts nothing
    }
}
