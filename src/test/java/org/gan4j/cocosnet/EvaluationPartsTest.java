package org.gan4j.cocosnet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.awt.image.BufferedImage;
import org.gan4j.data.LabelMap;
import org.gan4j.data.ScenePair;
import org.junit.jupiter.api.Test;

/** The evaluation's parts by hand: the pseudo pair's true matches, and the shared classes' colour distances. */
class EvaluationPartsTest {

    /** The exact best matches for an exemplar at scale 1, cropped at (4·cx, 4·cy), mirrored or not. */
    private static int[] truth(int g, int cx, int cy, boolean flip) {
        int[] best = new int[g * g];
        for (int y = 0; y < g; y++) {
            for (int x = 0; x < g; x++) {
                int tx = Math.floorMod(x - cx, g);
                int ty = Math.floorMod(y - cy, g);
                best[y * g + x] = ty * g + (flip ? g - 1 - tx : tx);
            }
        }
        return best;
    }

    @Test
    void pseudoPairMatchesAreScoredAgainstTheKnownTransform() {
        int g = 8;
        int size = 32;
        // no transform: the identity is the truth
        double[] same = CorrespondenceCheck.matchScores(truth(g, 0, 0, false), g, size, 1.0, 0, 0, false);
        assertThat(same).containsExactly(new double[] {1, 0, 1}, org.assertj.core.data.Offset.offset(1e-12));
        // cropped two cells right and mirrored: the true matches score 1 and 0 error, the identity only near the middle
        double[] moved = CorrespondenceCheck.matchScores(truth(g, 2, 0, true), g, size, 1.0, 8, 0, true);
        assertThat(moved[0]).isEqualTo(1.0);
        assertThat(moved[1]).isCloseTo(0, within(1e-12));
        assertThat(moved[2]).isLessThan(0.5);
        // the identity given as the answer to a mirrored pair: its accuracy is the identity's, its error large
        int[] ident = truth(g, 0, 0, false);
        double[] wrong = CorrespondenceCheck.matchScores(ident, g, size, 1.0, 0, 0, true);
        assertThat(wrong[0]).isEqualTo(wrong[2]).isLessThan(0.4);
        assertThat(wrong[1]).isGreaterThan(2);
    }

    @Test
    void classColoursAreComparedOnlyWhereAllThreeShareTheClass() {
        // 2×1 maps, classes 0 and 1; the output is (red, blue), the exemplar (red, green) has both classes, the
        // baseline only class 0 (black)
        LabelMap in = new LabelMap(2, 1, new int[] {0, 1});
        BufferedImage out = image(0xFF0000, 0x0000FF);
        ScenePair ex = new ScenePair(new LabelMap(2, 1, new int[] {0, 1}), image(0xFF0000, 0x00FF00), null);
        ScenePair base = new ScenePair(new LabelMap(2, 1, new int[] {0, 0}), image(0x000000, 0x000000), null);
        double[] d = StyleStatistics.classColourDistances(out, in, ex, base, 2);
        // only class 0 is shared by all three: red vs red = 0, red vs black = 1
        assertThat(d).containsExactly(new double[] {0, 1}, org.assertj.core.data.Offset.offset(1e-12));
        assertThat(StyleStatistics.l1(out, ex.image())).isCloseTo(2.0 / 6, within(1e-12));
        // an input of class 0 only and a baseline of class 1 only share nothing: no score
        ScenePair none = new ScenePair(new LabelMap(2, 1, new int[] {1, 1}), image(0, 0), null);
        assertThat(StyleStatistics.classColourDistances(out, new LabelMap(2, 1, new int[] {0, 0}), ex, none, 2)).isNull();
    }

    private static BufferedImage image(int... rgb) {
        BufferedImage img = new BufferedImage(rgb.length, 1, BufferedImage.TYPE_INT_RGB);
        for (int x = 0; x < rgb.length; x++) {
            img.setRGB(x, 0, rgb[x]);
        }
        return img;
    }
}
