package org.gan4j.torch;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.Transparency;
import java.awt.color.ColorSpace;
import java.awt.image.BufferedImage;
import java.awt.image.ColorModel;
import java.awt.image.ComponentColorModel;
import java.awt.image.DataBuffer;
import java.awt.image.IndexColorModel;
import java.awt.image.WritableRaster;
import org.junit.jupiter.api.Test;

class PixelsTest {

    @Test
    void grayIsTheStoredValueNotJavasGammaEncodedOne() {
        BufferedImage g = new BufferedImage(2, 1, BufferedImage.TYPE_BYTE_GRAY);
        g.getRaster().setSample(0, 0, 0, 128);
        g.getRaster().setSample(1, 0, 0, 200);
        assertThat(g.getRGB(0, 0) & 0xFF).as("what getRGB would give").isEqualTo(188);
        assertThat(Pixels.rgb(g)).containsExactly(0x808080, 0xC8C8C8);
    }

    @Test
    void sixteenBitGrayIsScaledTo8BitsWithRounding() {
        BufferedImage g = new BufferedImage(5, 1, BufferedImage.TYPE_USHORT_GRAY);
        int[] v = {0, 257 * 128, 32768, 65535, 128}; // 32768*255/65535 = 127.502, 128*255/65535 = 0.498
        for (int i = 0; i < v.length; i++) {
            g.getRaster().setSample(i, 0, 0, v[i]);
        }
        assertThat(Pixels.rgb(g)).containsExactly(0x000000, 0x808080, 0x808080, 0xFFFFFF, 0x000000);
    }

    @Test
    void sixteenBitRgbWithAlphaKeepsColourAndDropsAlpha() {
        ColorModel cm = new ComponentColorModel(ColorSpace.getInstance(ColorSpace.CS_sRGB), true, false,
                Transparency.TRANSLUCENT, DataBuffer.TYPE_USHORT);
        WritableRaster r = cm.createCompatibleWritableRaster(1, 1);
        r.setPixel(0, 0, new int[] {65535, 257 * 16, 0, 0}); // fully transparent
        assertThat(Pixels.rgb(new BufferedImage(cm, r, false, null))).containsExactly(0xFF1000);
    }

    @Test
    void paletteEntriesKeepTheirColourWhenTransparent() {
        byte[] red = {(byte) 255, 0, 10};
        byte[] green = {0, (byte) 255, 20};
        byte[] blue = {0, 0, 30};
        byte[] alpha = {(byte) 255, 0, (byte) 128};
        IndexColorModel icm = new IndexColorModel(2, 3, red, green, blue, alpha);
        BufferedImage p = new BufferedImage(3, 1, BufferedImage.TYPE_BYTE_BINARY, icm);
        for (int i = 0; i < 3; i++) {
            p.getRaster().setSample(i, 0, 0, i);
        }
        assertThat(Pixels.rgb(p)).containsExactly(0xFF0000, 0x00FF00, 0x0A141E);
    }

    @Test
    void argbDropsAlphaWithoutCompositing() {
        BufferedImage a = new BufferedImage(2, 1, BufferedImage.TYPE_INT_ARGB);
        a.setRGB(0, 0, 0x00123456);
        a.setRGB(1, 0, 0x80ABCDEF);
        assertThat(Pixels.rgb(a)).containsExactly(0x123456, 0xABCDEF);
        BufferedImage abgr = new BufferedImage(1, 1, BufferedImage.TYPE_4BYTE_ABGR);
        abgr.getRaster().setPixel(0, 0, new int[] {1, 2, 3, 0}); // bands are R, G, B, A
        assertThat(Pixels.rgb(abgr)).containsExactly(0x010203);
    }

    @Test
    void packedAndSubImagesConvert() {
        BufferedImage rgb = new BufferedImage(4, 3, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < 3; y++) {
            for (int x = 0; x < 4; x++) {
                rgb.setRGB(x, y, y * 16 + x);
            }
        }
        assertThat(Pixels.rgb(rgb.getSubimage(1, 1, 2, 2))).containsExactly(17, 18, 33, 34);
        BufferedImage s565 = new BufferedImage(1, 1, BufferedImage.TYPE_USHORT_565_RGB);
        s565.setRGB(0, 0, 0xFFFFFF);
        assertThat(Pixels.rgb(s565)).containsExactly(0xFFFFFF);
        BufferedImage bgr = new BufferedImage(1, 1, BufferedImage.TYPE_3BYTE_BGR);
        bgr.setRGB(0, 0, 0x102030);
        assertThat(Pixels.rgb(bgr)).containsExactly(0x102030);
        assertThat(Pixels.toIntRgb(bgr).getType()).isEqualTo(BufferedImage.TYPE_INT_RGB);
        assertThat(Pixels.toIntRgb(rgb)).isSameAs(rgb);
    }

    @Test
    void intRgbDataIsOnlyHandedOutForWholeIntRgbImages() {
        BufferedImage img = new BufferedImage(3, 2, BufferedImage.TYPE_INT_RGB);
        Pixels.intRgbData(img)[4] = 0x123456;
        assertThat(img.getRGB(1, 1) & 0xFFFFFF).isEqualTo(0x123456);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> Pixels.intRgbData(img.getSubimage(1, 0, 2, 2)))
                .isInstanceOf(IllegalArgumentException.class);
        org.assertj.core.api.Assertions.assertThatThrownBy(
                () -> Pixels.intRgbData(new BufferedImage(1, 1, BufferedImage.TYPE_INT_ARGB)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("TYPE_INT_RGB");
    }
}
