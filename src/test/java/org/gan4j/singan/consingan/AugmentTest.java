package org.gan4j.singan.consingan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.HashMap;
import java.util.Map;
import java.util.Random;
import org.bytedeco.pytorch.Tensor;
import org.gan4j.torch.Scope;
import org.gan4j.torch.Tensors;
import org.junit.jupiter.api.Test;

/** The harmonization augmentation and editing's shuffled tiles, against hand-checked cases. */
class AugmentTest {

    @Test
    void hsvShiftsHueInOpenCvUnitsAndRoundTrips() {
        double[] red = {255, 0, 0}; // one pixel, CHW
        Augment.hsv(red, 1, 60, 0, 0); // +60 OpenCV units = +120°: red → green
        assertThat(red[0]).isCloseTo(0, within(1e-9));
        assertThat(red[1]).isCloseTo(255, within(1e-9));
        assertThat(red[2]).isCloseTo(0, within(1e-9));
        double[] p = {200, 10, 90, 17, 33, 250};  // two pixels: r, r | g, g | b, b
        double[] q = p.clone();
        Augment.hsv(q, 2, 0, 0, 0);
        for (int i = 0; i < p.length; i++) {
            assertThat(q[i]).isCloseTo(p[i], within(1e-9));
        }
        double[] grey = {100, 100, 100};
        Augment.hsv(grey, 1, 0, 0, 20); // value +20
        assertThat(grey).containsExactly(120, 120, 120);
    }

    @Test
    void cutoutPaintsOneColourRectangleOfTheDrawnSize() {
        int h = 80;
        int w = 90;
        for (long seed = 0; seed < 20; seed++) {
            double[] p = new double[3 * h * w];
            java.util.Arrays.fill(p, -1); // not a colour Cutout can draw
            Augment.cutout(p, h, w, new Random(seed));
            int painted = 0;
            for (int i = 0; i < h * w; i++) {
                if (p[i] >= 0) {
                    painted++;
                    assertThat(p[h * w + i]).isGreaterThanOrEqualTo(0);
                }
            }
            // one hole of 30–60 px a side or two of 15–30 px, clipped at the border
            assertThat(painted).as("seed " + seed).isBetween(1, 60 * 60);
        }
    }

    @Test
    void oneOfFollowsItsWeights() {
        Random r = new Random(3);
        Map<Integer, Integer> n = new HashMap<>();
        for (int i = 0; i < 16000; i++) {
            n.merge(Augment.choice(r, 0.5, 0.5, 0.5, 0.1), 1, Integer::sum);
        }
        assertThat(n.get(3) / 16000.0).isCloseTo(0.1 / 1.6, within(0.01));
        assertThat(n.get(0) / 16000.0).isCloseTo(0.5 / 1.6, within(0.02));
    }

    @Test
    void augmentationsStayInRangeAndMostChangeTheImage() {
        try (Scope s = new Scope()) {
            Tensor x = TinyConSinGAN.image();
            int changed = 0;
            for (int i = 0; i < 40; i++) {
                Tensor y = Augment.apply(x, new Random(i));
                assertThat(y.shape()).containsExactly(x.shape());
                assertThat(y.abs().max().item_double()).isLessThanOrEqualTo(1.0 + 1e-6);
                if (y.sub(x).abs().max().item_double() > 1e-3) {
                    changed++;
                }
            }
            assertThat(changed).as("Cutout alone applies with p 0.9").isGreaterThanOrEqualTo(30);
        }
    }

    @Test
    void shuffleGridMovesTilesOfTheImageBySmallTranslations() {
        int h = 40;
        int w = 60;
        float[] ids = new float[3 * h * w];
        for (int i = 0; i < ids.length; i++) {
            ids[i] = i; // every value names its position
        }
        try (Scope s = new Scope()) {
            Tensor x = Tensors.of(ids, 1, 3, h, w);
            int changedRuns = 0;
            for (long seed = 0; seed < 30; seed++) {
                float[] y = Tensors.floats(ShuffleGrid.apply(x, new Random(seed)));
                boolean changed = false;
                for (int i = 0; i < y.length; i++) {
                    int src = (int) y[i];
                    if (src == i) {
                        continue;
                    }
                    changed = true;
                    // a copy from the same channel, at most 15% of each side away
                    assertThat(src / (h * w)).isEqualTo(i / (h * w));
                    int dy = Math.abs((src % (h * w)) / w - (i % (h * w)) / w);
                    int dx = Math.abs(src % w - i % w);
                    assertThat(dy).as("seed " + seed).isLessThanOrEqualTo((int) (0.15 * h));
                    assertThat(dx).as("seed " + seed).isLessThanOrEqualTo((int) (0.15 * w));
                }
                if (changed) {
                    changedRuns++;
                }
            }
            assertThat(changedRuns).isGreaterThanOrEqualTo(20);
        }
    }
}
