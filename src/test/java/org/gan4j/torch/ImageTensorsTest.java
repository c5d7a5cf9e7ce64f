package org.gan4j.torch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.awt.image.BufferedImage;
import java.util.List;
import java.util.Random;
import org.bytedeco.pytorch.Tensor;
import org.junit.jupiter.api.Test;

class ImageTensorsTest {

    /** SinGAN's np2torch: uint8 / 255 in float64, cast to float32, then (x - 0.5) * 2 in float32. */
    private static float official(int v) {
        float f = (float) (v / 255.0);
        return (f - 0.5f) * 2f;
    }

    @Test
    void imageToTensorToImageIsExactFor8BitRgb() {
        BufferedImage img = new BufferedImage(256, 3, BufferedImage.TYPE_INT_RGB);
        Random rnd = new Random(7);
        for (int x = 0; x < 256; x++) {
            img.setRGB(x, 0, x << 16 | (255 - x) << 8 | x); // every value in every channel
            img.setRGB(x, 1, rnd.nextInt() & 0xFFFFFF);
            img.setRGB(x, 2, rnd.nextInt() & 0xFFFFFF);
        }
        try (Scope s = new Scope()) {
            BufferedImage back = ImageTensors.toImage(ImageTensors.fromImage(img));
            assertThat(back.getType()).isEqualTo(BufferedImage.TYPE_INT_RGB);
            assertThat(Pixels.rgb(back)).containsExactly(Pixels.rgb(img));
        }
    }

    @Test
    void normalisationIsBitExactWithTheOfficialPipeline() {
        BufferedImage img = new BufferedImage(256, 1, BufferedImage.TYPE_INT_RGB);
        for (int x = 0; x < 256; x++) {
            img.setRGB(x, 0, x << 16);
        }
        try (Scope s = new Scope()) {
            float[] v = Tensors.floats(ImageTensors.fromImage(img));
            long bits = 0;
            for (int x = 0; x < 256; x++) {
                bits += Integer.toUnsignedLong(Float.floatToRawIntBits(v[x]));
            }
            // Sum of the float32 bit patterns of norm(torch.from_numpy(arange(256, uint8) / 255).float()) with
            // Debian's numpy 1.24 + torch 1.13, i.e. SinGAN's np2torch on every byte value.
            assertThat(bits).isEqualTo(544408093184L);
        }
    }

    @Test
    void layoutAndValuesAtTheCorners() {
        BufferedImage img = new BufferedImage(5, 4, BufferedImage.TYPE_INT_RGB);
        img.setRGB(0, 0, 0x0080FF);
        img.setRGB(4, 0, 0xFF0000);
        img.setRGB(0, 3, 0x00FF00);
        img.setRGB(4, 3, 0x01FE7F);
        try (Scope s = new Scope()) {
            Tensor t = ImageTensors.fromImage(img);
            assertThat(t.shape()).containsExactly(1, 3, 4, 5);
            assertThat(Tensors.isFloat(t)).isTrue();
            float[] v = Tensors.floats(t); // [1,3,H,W]
            int plane = 20;
            assertThat(new float[] {v[0], v[plane], v[2 * plane]}).containsExactly(-1f, official(128), 1f);
            assertThat(new float[] {v[4], v[plane + 4], v[2 * plane + 4]}).containsExactly(1f, -1f, -1f);
            assertThat(new float[] {v[15], v[plane + 15], v[2 * plane + 15]}).containsExactly(-1f, 1f, -1f);
            assertThat(new float[] {v[19], v[plane + 19], v[2 * plane + 19]})
                    .containsExactly(official(1), official(254), official(127));
            assertThat(official(128)).isEqualTo(0.003921628f);
        }
    }

    @Test
    void toImageMapsAndClampsAndAcceptsGrayShapes() {
        try (Scope s = new Scope()) {
            Tensor gray = Tensors.of(new float[] {-1f, 0f, 1f, 2f, -3f, Float.NaN}, 2, 3); // [H,W]
            int[] want = {0x000000, 0x808080, 0xFFFFFF, 0xFFFFFF, 0x000000, 0x000000};
            assertThat(Pixels.rgb(ImageTensors.toImage(gray))).containsExactly(want);
            assertThat(Pixels.rgb(ImageTensors.toImage(gray.view(1, 1, 2, 3)))).containsExactly(want);
            assertThat(Pixels.rgb(ImageTensors.toImage(gray.view(1, 2, 3)))).containsExactly(want);
            Tensor rgb = Tensors.of(new float[] {1f, -1f, -1f}, 3, 1, 1); // [3,H,W]
            assertThat(Pixels.rgb(ImageTensors.toImage(rgb))).containsExactly(0xFF0000);
            Tensor batch = Tensors.of(new float[2 * 3 * 4], 2, 3, 2, 2);
            assertThatThrownBy(() -> ImageTensors.toImage(batch)).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("[2, 3, 2, 2]").hasMessageContaining("toImages");
            assertThatThrownBy(() -> ImageTensors.toImage(Tensors.of(new float[8], 2, 2, 2)))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("[1,3,H,W]");
        }
    }

    @Test
    void batchesConvertBothWays() {
        BufferedImage a = new BufferedImage(3, 2, BufferedImage.TYPE_INT_RGB);
        BufferedImage b = new BufferedImage(3, 2, BufferedImage.TYPE_INT_RGB);
        a.setRGB(2, 1, 0x112233);
        b.setRGB(0, 0, 0xFFEEDD);
        try (Scope s = new Scope()) {
            Tensor t = ImageTensors.fromImages(List.of(a, b));
            assertThat(t.shape()).containsExactly(2, 3, 2, 3);
            List<BufferedImage> back = ImageTensors.toImages(t);
            assertThat(back).hasSize(2);
            assertThat(Pixels.rgb(back.get(0))).containsExactly(Pixels.rgb(a));
            assertThat(Pixels.rgb(back.get(1))).containsExactly(Pixels.rgb(b));
            List<BufferedImage> masks = ImageTensors.toImages(Tensors.of(new float[] {-1f, 1f}, 2, 1, 1, 1));
            assertThat(Pixels.rgb(masks.get(0))).containsExactly(0x000000);
            assertThat(Pixels.rgb(masks.get(1))).containsExactly(0xFFFFFF);
        }
        BufferedImage c = new BufferedImage(2, 3, BufferedImage.TYPE_INT_RGB);
        assertThatThrownBy(() -> ImageTensors.fromImages(List.of(a, b, c)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("image 2 is 2x3").hasMessageContaining("image 0 is 3x2");
        assertThatThrownBy(() -> ImageTensors.fromImages(List.of())).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void maskIsTheRedChannelIn0To1() {
        BufferedImage m = new BufferedImage(3, 1, BufferedImage.TYPE_INT_RGB);
        m.setRGB(0, 0, 0x00FFFF);
        m.setRGB(1, 0, 0xFF0000);
        m.setRGB(2, 0, 0x330000);
        try (Scope s = new Scope()) {
            Tensor t = ImageTensors.maskFromImage(m);
            assertThat(t.shape()).containsExactly(1, 1, 1, 3);
            assertThat(Tensors.floats(t)).containsExactly(0f, 1f, 0.2f);
        }
    }

    @Test
    void grayImagesConvertFromTheirStoredValues() {
        BufferedImage g = new BufferedImage(1, 1, BufferedImage.TYPE_BYTE_GRAY);
        g.getRaster().setSample(0, 0, 0, 128);
        try (Scope s = new Scope()) {
            assertThat(Tensors.floats(ImageTensors.fromImage(g))).containsExactly(official(128), official(128), official(128));
        }
    }
}
