package org.gan4j.singan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.awt.image.BufferedImage;
import java.io.InputStream;
import org.bytedeco.pytorch.Tensor;
import org.gan4j.Gan4jException;
import org.gan4j.torch.ImageTensors;
import org.gan4j.torch.Tensors;
import org.junit.jupiter.api.Test;

/** The harmonization/editing mask against the official dilate_mask (parity/singan/mask.json, see its README). */
class MasksTest {

    @Test
    void matchesTheOfficialDilateMask() throws Exception {
        JsonNode cases;
        try (InputStream in = getClass().getResourceAsStream("/parity/singan/mask.json")) {
            cases = new ObjectMapper().readTree(in);
        }
        for (JsonNode c : cases) {
            int h = c.get("h").asInt();
            int w = c.get("w").asInt();
            BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
            for (JsonNode p : c.get("pixels")) {
                img.setRGB(p.get(1).asInt(), p.get(0).asInt(), p.get(2).asInt() << 16 | p.get(3).asInt() << 8 | p.get(4).asInt());
            }
            float[] got = Tensors.floats(Masks.dilate(ImageTensors.fromImage(img), c.get("radius").asInt()));
            JsonNode want = c.get("mask");
            double worst = 0;
            for (int i = 0; i < got.length; i++) {
                worst = Math.max(worst, Math.abs(got[i] - want.get(i).asDouble()));
                if (want.get(i).asDouble() == 0) {
                    assertThat(got[i]).as(c.get("mode") + " pixel " + i).isZero();
                }
            }
            // Both sides blur in float64 and take the same float32 steps after it, so they differ by the fixture's
            // "%.8g" printing (<= 5e-9 below 1) plus a float32 rounding flipped by another float64 summation order:
            // one ulp at 1 once the min-max divides by hi - lo = 2 (both cases reach -1 and 1). Measured: 5.0e-9.
            assertThat(worst).as(c.get("mode").asText()).isLessThanOrEqualTo(5e-9 + Math.ulp(1f));
        }
    }

    @Test
    void isExactlyZeroBeyondTheDilationAndTheBlur() {
        int h = 120;
        int w = 100;
        BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        img.setRGB(10, 10, 0xFFFFFF);
        float[] m = Tensors.floats(Masks.dilate(ImageTensors.fromImage(img), Masks.HARMONIZATION_RADIUS));
        int reach = Masks.HARMONIZATION_RADIUS + 20; // disk, then the Gaussian's 4σ support
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                boolean far = Math.abs(y - 10) > reach || Math.abs(x - 10) > reach;
                if (far) {
                    assertThat(m[y * w + x]).isZero();
                }
            }
        }
        assertThat(m[10 * w + 10]).isEqualTo(1f);
    }

    @Test
    void anEmptyMaskIsAClearError() {
        Tensor black = ImageTensors.fromImage(new BufferedImage(20, 20, BufferedImage.TYPE_INT_RGB));
        assertThatThrownBy(() -> Masks.dilate(black, 7)).isInstanceOf(Gan4jException.class).hasMessageContaining("empty");
    }
}
