package org.gan4j.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.awt.image.BufferedImage;
import java.awt.image.IndexColorModel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.gan4j.Gan4jException;
import org.gan4j.torch.Pixels;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Label and instance files: stored ids, palettes, don't-care, range checks and their one-line errors. */
class LabelMapsTest {

    @TempDir
    Path tmp;

    /** An 8-bit grayscale PNG holding {@code ids} (w x h, row-major). */
    static Path grayPng(Path file, int w, int h, int... ids) throws Exception {
        BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_BYTE_GRAY);
        img.getRaster().setSamples(0, 0, w, h, 0, ids);
        Files.createDirectories(file.toAbsolutePath().getParent());
        ImageIO.write(img, "png", file.toFile());
        return file;
    }

    @Test
    void grayscalePngsGiveTheirStoredValues() throws Exception {
        Path f = grayPng(tmp.resolve("a.png"), 3, 2, 0, 1, 2, 9, 128, 255);
        LabelMap m = LabelMaps.read(f);
        assertThat(m.width()).isEqualTo(3);
        assertThat(m.height()).isEqualTo(2);
        assertThat(m.ids()).containsExactly(0, 1, 2, 9, 128, 255);
        assertThat(m.get(1, 1)).isEqualTo(128);
    }

    @Test
    void paletteIndexedPngsGiveTheIndicesNotTheColours() throws Exception {
        byte[] r = {(byte) 200, 0, 10, 0};
        byte[] g = {0, (byte) 200, 20, 0};
        byte[] b = {0, 0, 30, (byte) 255};
        BufferedImage img = new BufferedImage(2, 2, BufferedImage.TYPE_BYTE_INDEXED, new IndexColorModel(8, 4, r, g, b));
        img.getRaster().setSamples(0, 0, 2, 2, 0, new int[] {3, 2, 1, 0});
        Path f = tmp.resolve("indexed.png");
        ImageIO.write(img, "png", f.toFile());
        assertThat(LabelMaps.read(f).ids()).containsExactly(3, 2, 1, 0);
        // With a palette, the colours an index stands for are looked up instead.
        Palette p = Palette.of("test", List.of(new Palette.Entry(7, "red", 0xC80000), new Palette.Entry(8, "green", 0x00C800),
                new Palette.Entry(9, "dim", 0x0A141E), new Palette.Entry(4, "blue", 0x0000FF)));
        assertThat(LabelMaps.read(f, p).ids()).containsExactly(4, 9, 8, 7);
    }

    @Test
    void rgbFilesWithEqualChannelsReadAsGrayAndColourFilesNeedAPalette() throws Exception {
        BufferedImage img = new BufferedImage(2, 1, BufferedImage.TYPE_INT_RGB);
        img.setRGB(0, 0, 0x030303);
        img.setRGB(1, 0, 0x070707);
        Path gray = tmp.resolve("gray-as-rgb.png");
        ImageIO.write(img, "png", gray.toFile());
        assertThat(LabelMaps.read(gray).ids()).containsExactly(3, 7);
        img.setRGB(1, 0, 0x87CEEB);
        Path colour = tmp.resolve("colour.png");
        ImageIO.write(img, "png", colour.toFile());
        assertThatThrownBy(() -> LabelMaps.read(colour)).isInstanceOf(Gan4jException.class)
                .hasMessage(colour + " is a colour image (pixel (x=1, y=0) is #87ceeb); label maps are grayscale or"
                        + " palette-indexed PNGs of class ids, or give --palette FILE.json to read colour-coded labels");
    }

    @Test
    void colourCodedLabelsAreReadWithAPaletteAndUnknownColoursNamed() throws Exception {
        BufferedImage img = LabelMaps.colourise(new LabelMap(3, 2, new int[] {0, 3, 9, 9, 4, 0}), Scenes.CLASSES);
        Path f = tmp.resolve("coded.png");
        ImageIO.write(img, "png", f.toFile());
        assertThat(LabelMaps.read(f, Scenes.CLASSES).ids()).containsExactly(0, 3, 9, 9, 4, 0);
        img.setRGB(2, 1, 0x123456);
        img.setRGB(1, 1, 0x123457);
        ImageIO.write(img, "png", f.toFile());
        assertThatThrownBy(() -> LabelMaps.read(f, Scenes.CLASSES)).isInstanceOf(Gan4jException.class)
                .hasMessage(f + ": colour #123457 at (x=1, y=1) is not in the palette builtin:scenes (2 pixels have"
                        + " colours it lacks); add the colour with its class id to the palette, or repaint those pixels"
                        + " (antialiased or JPEG-saved label images blend colours along edges)");
    }

    @Test
    void valuesAtOrAboveLabelNcAreOneLineErrorsNamingFilePixelAndFix() throws Exception {
        int[] ids = new int[20 * 50];
        ids[40 * 20 + 12] = 37;
        ids[45 * 20 + 3] = 36;
        Path f = grayPng(tmp.resolve("labels/0007.png"), 20, 50, ids);
        assertThatThrownBy(() -> LabelCoding.of(35).read(f)).isInstanceOf(Gan4jException.class)
                .hasMessage(f + ": label value 37 at (x=12, y=40) is >= --label-nc 35 (2 pixels are out of range);"
                        + " raise --label-nc to 38, or set those pixels to 255 and add --dontcare to ignore them");
        assertThatThrownBy(() -> new LabelCoding(35, true, null).read(f)).isInstanceOf(Gan4jException.class)
                .hasMessage(f + ": label value 37 at (x=12, y=40) is >= --label-nc 35 (2 pixels are out of range) and"
                        + " is not the don't-care value 255; raise --label-nc to 38, or set those pixels to 255 to"
                        + " ignore them");
        Path g = grayPng(tmp.resolve("dontcare.png"), 2, 1, 1, 255);
        assertThatThrownBy(() -> LabelCoding.of(35).read(g)).isInstanceOf(Gan4jException.class)
                .hasMessage(g + ": label value 255 at (x=1, y=0) is >= --label-nc 35; if 255 marks unlabelled pixels"
                        + " add --dontcare, else raise --label-nc to 256");
    }

    @Test
    void dontCareMapsTheFileValue255ToLabelNcAsSpadeDoes() throws Exception {
        Path f = grayPng(tmp.resolve("a.png"), 4, 1, 0, 255, 34, 255);
        LabelCoding coding = new LabelCoding(35, true, null);
        assertThat(coding.channels()).isEqualTo(36);
        assertThat(coding.read(f).ids()).containsExactly(0, 35, 34, 35);
        assertThat(LabelCoding.of(35).channels()).isEqualTo(35);
        assertThatThrownBy(() -> new LabelCoding(300, true, null)).isInstanceOf(Gan4jException.class)
                .hasMessageContaining("--dontcare marks value 255 as unlabelled, but --label-nc 300");
    }

    @Test
    void unreadableAndLossyFilesAreNamed() throws Exception {
        Path missing = tmp.resolve("nope.png");
        assertThatThrownBy(() -> LabelMaps.read(missing)).isInstanceOf(Gan4jException.class)
                .hasMessageStartingWith("Cannot read image " + missing + ": no such file");
        Path broken = tmp.resolve("broken.png");
        Files.writeString(broken, "not a png");
        assertThatThrownBy(() -> LabelMaps.read(broken)).hasMessageStartingWith("Cannot read image " + broken + ":")
                .hasMessageNotContaining("\n");
        Path jpeg = tmp.resolve("labels.jpg");
        BufferedImage img = new BufferedImage(8, 8, BufferedImage.TYPE_BYTE_GRAY);
        ImageIO.write(img, "jpg", jpeg.toFile());
        assertThatThrownBy(() -> LabelMaps.read(jpeg)).isInstanceOf(Gan4jException.class)
                .hasMessage("Cannot read label map " + jpeg + ": it is a JPEG, whose lossy compression changes ids"
                        + " along every edge; save label maps as PNG");
    }

    @Test
    void writtenLabelMapsReadBackExactly() {
        LabelMap m = new LabelMap(3, 2, new int[] {0, 5, 255, 17, 3, 9});
        Path gray = tmp.resolve("out/gray.png");
        LabelMaps.writePng(gray, m);
        assertThat(LabelMaps.read(gray)).isEqualTo(m);
        Path coded = tmp.resolve("out/coded.png");
        LabelMaps.writeColourPng(coded, m, Scenes.CLASSES);
        BufferedImage img = Images.read(coded);
        // Palette colours for known ids, SPADE's colour map for the others.
        assertThat(img.getRGB(1, 0) & 0xFFFFFF).isEqualTo(Scenes.CLASSES.rgb(5));
        assertThat(img.getRGB(2, 0) & 0xFFFFFF).isEqualTo(Palette.fallbackRgb(255));
        assertThat(img.getRGB(0, 1) & 0xFFFFFF).isEqualTo(Palette.fallbackRgb(17));
        assertThatThrownBy(() -> LabelMaps.writePng(tmp.resolve("big.png"), new LabelMap(1, 1, new int[] {300})))
                .isInstanceOf(Gan4jException.class).hasMessageContaining("id 300 at (x=0, y=0) is outside 0..255");
    }

    @Test
    void instanceMapsKeep16BitValuesAndColours() throws Exception {
        BufferedImage img = new BufferedImage(3, 1, BufferedImage.TYPE_USHORT_GRAY);
        img.getRaster().setSamples(0, 0, 3, 1, 0, new int[] {26001, 26002, 7});
        Path f = tmp.resolve("inst.png");
        ImageIO.write(img, "png", f.toFile());
        assertThat(LabelMaps.readInstances(f).ids()).containsExactly(26001, 26002, 7);
        BufferedImage rgb = new BufferedImage(2, 1, BufferedImage.TYPE_INT_RGB);
        rgb.setRGB(0, 0, 0x102030);
        rgb.setRGB(1, 0, 0x102031);
        Path g = tmp.resolve("inst-rgb.png");
        ImageIO.write(rgb, "png", g.toFile());
        assertThat(LabelMaps.readInstances(g).ids()).containsExactly(0x102030, 0x102031);
    }

    @Test
    void resizingAndDownsamplingNeverBlendIds() {
        LabelMap m = new LabelMap(4, 2, new int[] {1, 1, 2, 2, 3, 3, 4, 4});
        // Pixel centres: output (0, 0) samples source (1, 1), output (1, 0) source (3, 1), as PIL's NEAREST.
        assertThat(m.resized(2, 1).ids()).containsExactly(3, 4);
        assertThat(m.resized(8, 2).ids()).containsExactly(1, 1, 1, 1, 2, 2, 2, 2, 3, 3, 3, 3, 4, 4, 4, 4);
        // Majority of each 2x2 block; a tie goes to the id met first.
        LabelMap n = new LabelMap(4, 2, new int[] {5, 6, 7, 8, 6, 6, 8, 7});
        assertThat(n.downsampled(2).ids()).containsExactly(6, 7);
        assertThat(Pixels.rgb(LabelMaps.colourise(n, Scenes.CLASSES))).hasSize(8);
    }
}
