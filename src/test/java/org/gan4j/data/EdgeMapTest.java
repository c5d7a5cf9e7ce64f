package org.gan4j.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.awt.image.BufferedImage;
import java.util.List;
import org.bytedeco.pytorch.Tensor;
import org.gan4j.Gan4jException;
import org.gan4j.torch.Scope;
import org.gan4j.torch.Tensors;
import org.junit.jupiter.api.Test;

/** The edge map's distance channel (city-block distances /3, truncated, clipped, /255), drawings, and tensors. */
class EdgeMapTest {

    @Test
    void cityBlockDistancesAreExact() {
        // edges at (x=3, y=2) and (x=8, y=5) of a 9×7 image; by hand, d = min(|x−3| + |y−2|, |x−8| + |y−5|)
        boolean[] e = new boolean[9 * 7];
        e[2 * 9 + 3] = true;
        e[5 * 9 + 8] = true;
        int[] d = CityBlock.distances(e, 9, 7);
        for (int y = 0; y < 7; y++) {
            for (int x = 0; x < 9; x++) {
                int want = Math.min(Math.abs(x - 3) + Math.abs(y - 2), Math.abs(x - 8) + Math.abs(y - 5));
                assertThat(d[y * 9 + x]).as("(x=%d, y=%d)", x, y).isEqualTo(want);
            }
        }
    }

    @Test
    void theDistanceChannelIsTheOfficialLoaders() {
        // one edge pixel at x = 0 of a 1000×1 row: d = x; channel = min(⌊x/3⌋, 255)/255
        boolean[] e = new boolean[1000];
        e[0] = true;
        EdgeMap m = EdgeMap.of(e, 1000, 1);
        assertThat(m.distance()[0]).isEqualTo(0f);
        assertThat(m.distance()[2]).isEqualTo(0f); // ⌊2/3⌋ = 0: the 8-bit cast truncates
        assertThat(m.distance()[3]).isEqualTo(1 / 255f);
        assertThat(m.distance()[10]).isEqualTo(3 / 255f);
        assertThat(m.distance()[764]).isEqualTo(254 / 255f);
        assertThat(m.distance()[765]).isEqualTo(1f);
        assertThat(m.distance()[999]).isEqualTo(1f); // clipped at 255
        // no edge at all: cv2 leaves every distance large, so the channel is 1 everywhere
        EdgeMap none = EdgeMap.of(new boolean[12], 4, 3);
        assertThat(none.distance()).containsOnly(1f);
    }

    @Test
    void photosMatchTheOfficialRecipeOnDrawnPictures() throws Exception {
        for (String name : new String[] {"shapes-40x48", "shapes-64x64"}) {
            EdgeMap m = EdgeMap.ofPhoto(Images.read(CannyTest.fixture(name + ".png")));
            float[] dist = Npy.read(CannyTest.fixture(name + "-dist.npy")).data();
            for (int i = 0; i < dist.length; i++) {
                assertThat(m.distance()[i]).as(name + " pixel " + i).isCloseTo(dist[i], org.assertj.core.api.Assertions.within(1e-6f));
            }
        }
    }

    @Test
    void aDrawingIsThresholdedAtHalfAndReadsBackItsOwnPicture() throws Exception {
        EdgeMap m = EdgeMap.ofPhoto(Images.read(CannyTest.fixture("shapes-64x64.png")));
        EdgeMap back = EdgeMap.ofDrawing(m.edgesImage(), "drawing.png");
        assertThat(back.edges()).isEqualTo(m.edges());
        assertThat(back.distance()).isEqualTo(m.distance());
        BufferedImage grey = new BufferedImage(3, 1, BufferedImage.TYPE_INT_RGB);
        grey.setRGB(0, 0, 0x7F7F7F); // 127/255 < 0.5
        grey.setRGB(1, 0, 0x808080); // 128/255 ≥ 0.5
        grey.setRGB(2, 0, 0x000000);
        assertThat(EdgeMap.ofDrawing(grey, "g").edges()).containsExactly(false, true, false);
    }

    @Test
    void drawingsThatAreNotEdgeDrawingsFailInOneLine() {
        BufferedImage colour = new BufferedImage(4, 4, BufferedImage.TYPE_INT_RGB);
        colour.setRGB(1, 2, 0xFF0000);
        assertThatThrownBy(() -> EdgeMap.ofDrawing(colour, "map.png")).isInstanceOf(Gan4jException.class)
                .hasMessageContaining("map.png is in colour").hasMessageContaining("x=1, y=2").hasMessageNotContaining("\n");
        BufferedImage black = new BufferedImage(4, 4, BufferedImage.TYPE_INT_RGB);
        assertThatThrownBy(() -> EdgeMap.ofDrawing(black, "black.png")).hasMessageContaining("black.png has no strokes");
        BufferedImage white = new BufferedImage(4, 4, BufferedImage.TYPE_INT_RGB);
        for (int i = 0; i < 16; i++) {
            white.setRGB(i % 4, i / 4, i == 5 ? 0 : 0xFFFFFF);
        }
        assertThatThrownBy(() -> EdgeMap.ofDrawing(white, "white.png")).hasMessageContaining("mostly strokes (93%")
                .hasMessageContaining("invert");
    }

    @Test
    void theTensorIsEdgesThenDistance() {
        boolean[] e = new boolean[6];
        e[4] = true;
        EdgeMap a = EdgeMap.of(e, 3, 2);
        EdgeMap b = EdgeMap.of(new boolean[6], 3, 2);
        try (Scope s = new Scope()) {
            Tensor t = EdgeMap.tensor(List.of(a, b));
            assertThat(t.shape()).containsExactly(2, 2, 2, 3);
            float[] v = Tensors.floats(t);
            assertThat(java.util.Arrays.copyOfRange(v, 0, 6)).containsExactly(0, 0, 0, 0, 1, 0);
            assertThat(java.util.Arrays.copyOfRange(v, 6, 12)).containsExactly(a.distance());
            assertThat(java.util.Arrays.copyOfRange(v, 12, 18)).containsOnly(0f);
            assertThat(java.util.Arrays.copyOfRange(v, 18, 24)).containsOnly(1f);
        }
    }
}
