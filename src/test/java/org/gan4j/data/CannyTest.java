package org.gan4j.data;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** Canny as scikit-image computes it: hand cases, and skimage 0.19.3's own output on drawn pictures. */
class CannyTest {

    /** A 16×16 black image with a white 8×8 square at rows and columns 4..11. */
    private static double[] square(double contrast) {
        double[] g = new double[16 * 16];
        for (int y = 4; y < 12; y++) {
            for (int x = 4; x < 12; x++) {
                g[y * 16 + x] = contrast;
            }
        }
        return g;
    }

    @Test
    void aWhiteSquareGivesItsClosedOnePixelContour() {
        boolean[] e = Canny.edges(square(1.0), 16, 16);
        // exactly the square's boundary pixels: rows 4 and 11 from column 4 to 11, columns 4 and 11 between
        for (int y = 0; y < 16; y++) {
            for (int x = 0; x < 16; x++) {
                boolean inSquare = y >= 4 && y < 12 && x >= 4 && x < 12;
                boolean boundary = inSquare && (y == 4 || y == 11 || x == 4 || x == 11);
                assertThat(e[y * 16 + x]).as("pixel (x=%d, y=%d)", x, y).isEqualTo(boundary);
            }
        }
    }

    @Test
    void aConstantImageHasNoEdges() {
        double[] g = new double[20 * 12];
        java.util.Arrays.fill(g, 0.6);
        assertThat(Canny.edges(g, 20, 12)).doesNotContain(true);
    }

    @Test
    void aStepBelowTheThresholdsHasNoEdgesAndOneAboveHasThem() {
        // smoothing σ = 1 then Sobel (gain 8) turns a step of contrast c into a peak magnitude of about 1.5·c, so the
        // high threshold 0.2 is reached between c = 0.07 and 0.08 (skimage: 0 edge pixels at 0.07, 28 at 0.08)
        assertThat(Canny.edges(square(0.07), 16, 16)).doesNotContain(true);
        boolean[] e = Canny.edges(square(0.08), 16, 16);
        int n = 0;
        for (boolean b : e) {
            n += b ? 1 : 0;
        }
        assertThat(n).isEqualTo(28);
    }

    @Test
    void theGaussianIsScipysTruncatedAtFourSigma() {
        double[] k = Canny.kernel(1.0);
        assertThat(k).hasSize(9);
        assertThat(k[4] / k[5]).isCloseTo(Math.exp(0.5), org.assertj.core.api.Assertions.within(1e-12));
        assertThat(java.util.Arrays.stream(k).sum()).isCloseTo(1.0, org.assertj.core.api.Assertions.within(1e-15));
    }

    @Test
    void matchesScikitImageOnDrawnPictures() throws Exception {
        for (String name : new String[] {"shapes-40x48", "shapes-64x64"}) {
            java.awt.image.BufferedImage img = Images.read(fixture(name + ".png"));
            int w = img.getWidth();
            int h = img.getHeight();
            float[] want = Npy.read(fixture(name + "-edges.npy")).data();
            boolean[] got = Canny.edges(EdgeMap.grey(img), w, h);
            int differ = 0;
            int edges = 0;
            for (int i = 0; i < want.length; i++) {
                differ += (want[i] > 0.5f) != got[i] ? 1 : 0;
                edges += want[i] > 0.5f ? 1 : 0;
            }
            assertThat(edges).as(name + " has edges").isGreaterThan(100);
            assertThat(differ).as(name + ": pixels that differ from skimage.feature.canny").isZero();
        }
    }

    static Path fixture(String name) throws Exception {
        return Path.of(CannyTest.class.getResource("/parity/edges/" + name).toURI());
    }
}
