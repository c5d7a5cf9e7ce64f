package org.gan4j.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.awt.Transparency;
import java.awt.color.ColorSpace;
import java.awt.image.BufferedImage;
import java.awt.image.ColorModel;
import java.awt.image.ComponentColorModel;
import java.awt.image.DataBuffer;
import java.awt.image.IndexColorModel;
import java.awt.image.Raster;
import java.awt.image.WritableRaster;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.zip.CRC32;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageInputStream;
import javax.imageio.stream.ImageOutputStream;
import org.gan4j.Gan4jException;
import org.gan4j.torch.Pixels;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ImagesTest {

    @TempDir
    Path dir;

    // ---- formats that decode ------------------------------------------------------------------------------

    @Test
    void gray8PngIsReplicatedToRgb() throws IOException {
        BufferedImage g = new BufferedImage(3, 2, BufferedImage.TYPE_BYTE_GRAY);
        g.getRaster().setSamples(0, 0, 3, 2, 0, new int[] {0, 1, 127, 128, 200, 255});
        BufferedImage r = Images.read(write(g, "png", "gray8.png"));
        assertThat(r.getType()).isEqualTo(BufferedImage.TYPE_INT_RGB);
        assertThat(Pixels.rgb(r)).containsExactly(0x000000, 0x010101, 0x7F7F7F, 0x808080, 0xC8C8C8, 0xFFFFFF);
    }

    @Test
    void gray16PngIsScaledTo8Bits() throws IOException {
        BufferedImage g = new BufferedImage(4, 1, BufferedImage.TYPE_USHORT_GRAY);
        g.getRaster().setSamples(0, 0, 4, 1, 0, new int[] {0, 257 * 200, 32768, 65535});
        Path p = write(g, "png", "gray16.png");
        assertThat(decodedByImageIO(p).getColorModel().getComponentSize(0)).isEqualTo(16);
        assertThat(Pixels.rgb(Images.read(p))).containsExactly(0x000000, 0xC8C8C8, 0x808080, 0xFFFFFF);
    }

    @Test
    void grayAlphaPngKeepsGrayAndDropsAlpha() throws IOException {
        ColorModel cm = new ComponentColorModel(ColorSpace.getInstance(ColorSpace.CS_GRAY), true, false,
                Transparency.TRANSLUCENT, DataBuffer.TYPE_BYTE);
        WritableRaster wr = cm.createCompatibleWritableRaster(2, 1);
        wr.setPixels(0, 0, 2, 1, new int[] {90, 0, 180, 128});
        Path p = write(new BufferedImage(cm, wr, false, null), "png", "gray-alpha.png");
        assertThat(decodedByImageIO(p).getRaster().getNumBands()).isEqualTo(2);
        assertThat(Pixels.rgb(Images.read(p))).containsExactly(0x5A5A5A, 0xB4B4B4);
    }

    @Test
    void rgb16PngIsScaledTo8Bits() throws IOException {
        ColorModel cm = new ComponentColorModel(ColorSpace.getInstance(ColorSpace.CS_sRGB), false, false,
                Transparency.OPAQUE, DataBuffer.TYPE_USHORT);
        WritableRaster wr = cm.createCompatibleWritableRaster(2, 1);
        wr.setPixels(0, 0, 2, 1, new int[] {65535, 32768, 257, 0, 257 * 100, 65534});
        Path p = write(new BufferedImage(cm, wr, false, null), "png", "rgb16.png");
        assertThat(decodedByImageIO(p).getColorModel().getComponentSize()).containsExactly(16, 16, 16);
        assertThat(Pixels.rgb(Images.read(p))).containsExactly(0xFF8001, 0x0064FF);
    }

    @Test
    void palettePngsWithAndWithoutTransparency() throws IOException {
        byte[] r = {(byte) 255, 0, 10, 1};
        byte[] g = {0, (byte) 255, 20, 2};
        byte[] b = {0, 0, 30, 3};
        byte[] a = {(byte) 255, 0, (byte) 128, (byte) 255};
        for (boolean transparent : new boolean[] {true, false}) {
            IndexColorModel icm = transparent ? new IndexColorModel(8, 4, r, g, b, a) : new IndexColorModel(8, 4, r, g, b);
            BufferedImage img = new BufferedImage(4, 1, BufferedImage.TYPE_BYTE_INDEXED, icm);
            img.getRaster().setSamples(0, 0, 4, 1, 0, new int[] {0, 1, 2, 3});
            Path p = write(img, "png", "palette-" + transparent + ".png");
            ColorModel decoded = decodedByImageIO(p).getColorModel();
            assertThat(decoded).isInstanceOf(IndexColorModel.class);
            assertThat(decoded.hasAlpha()).isEqualTo(transparent);
            assertThat(Pixels.rgb(Images.read(p))).as("transparent=%s", transparent)
                    .containsExactly(0xFF0000, 0x00FF00, 0x0A141E, 0x010203);
        }
    }

    @Test
    void argbPngDropsAlphaWithoutCompositing() throws IOException {
        BufferedImage img = new BufferedImage(3, 1, BufferedImage.TYPE_INT_ARGB);
        img.setRGB(0, 0, 0x00FF8040);
        img.setRGB(1, 0, 0x7F102030);
        img.setRGB(2, 0, 0xFFABCDEF);
        assertThat(Pixels.rgb(Images.read(write(img, "png", "argb.png")))).containsExactly(0xFF8040, 0x102030, 0xABCDEF);
    }

    @Test
    void bmpIsExact() throws IOException {
        BufferedImage img = pattern(7, 5);
        assertThat(Pixels.rgb(Images.read(write(img, "bmp", "x.bmp")))).containsExactly(Pixels.rgb(img));
    }

    @Test
    void tiffIsExact() throws IOException {
        BufferedImage img = pattern(6, 9);
        assertThat(Pixels.rgb(Images.read(write(img, "tiff", "x.tif")))).containsExactly(Pixels.rgb(img));
    }

    @Test
    void jpegColourAndGrayDecodeClose() throws IOException {
        BufferedImage img = new BufferedImage(32, 16, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < 16; y++) {
            for (int x = 0; x < 32; x++) {
                img.setRGB(x, y, x < 16 ? 0xC83C14 : 0x1E64DC); // two flat 16x16 blocks
            }
        }
        BufferedImage r = Images.read(writeJpeg(img, "x.jpg"));
        assertThat(r.getWidth()).isEqualTo(32);
        assertThat(r.getHeight()).isEqualTo(16);
        assertClose(r.getRGB(8, 8), 0xC83C14, 4);
        assertClose(r.getRGB(24, 8), 0x1E64DC, 4);
        BufferedImage g = new BufferedImage(16, 16, BufferedImage.TYPE_BYTE_GRAY);
        Arrays.fill(((java.awt.image.DataBufferByte) g.getRaster().getDataBuffer()).getData(), (byte) 77);
        int px = Images.read(writeJpeg(g, "gray.jpg")).getRGB(8, 8) & 0xFFFFFF;
        assertThat(px >> 16).isEqualTo(px >> 8 & 0xFF).isEqualTo(px & 0xFF);
        assertClose(px, 0x4D4D4D, 2);
    }

    @Test
    void gifGivesTheFirstFrame() throws IOException {
        byte[] r = {(byte) 255, 0, 0};
        byte[] g = {0, (byte) 255, 0};
        byte[] b = {0, 0, (byte) 255};
        IndexColorModel icm = new IndexColorModel(2, 3, r, g, b);
        // At least 5 rows: the JDK's GIF reader mis-decodes interlaced GIFs only 2 to 4 pixels tall.
        int w = 6;
        int h = 5;
        int[] index = new int[w * h];
        int[] want = new int[w * h];
        for (int i = 0; i < index.length; i++) {
            index[i] = i * 7 % 3;
            want[i] = new int[] {0xFF0000, 0x00FF00, 0x0000FF}[index[i]];
        }
        BufferedImage first = new BufferedImage(w, h, BufferedImage.TYPE_BYTE_INDEXED, icm);
        first.getRaster().setSamples(0, 0, w, h, 0, index);
        BufferedImage second = new BufferedImage(w, h, BufferedImage.TYPE_BYTE_INDEXED, icm);
        Path p = dir.resolve("anim.gif");
        ImageWriter writer = ImageIO.getImageWritersByFormatName("gif").next();
        try (ImageOutputStream out = ImageIO.createImageOutputStream(p.toFile())) {
            writer.setOutput(out);
            writer.prepareWriteSequence(null);
            writer.writeToSequence(new IIOImage(first, null, null), null);
            writer.writeToSequence(new IIOImage(second, null, null), null);
            writer.endWriteSequence();
        } finally {
            writer.dispose();
        }
        try (ImageInputStream in = ImageIO.createImageInputStream(p.toFile())) {
            ImageReader reader = ImageIO.getImageReaders(in).next();
            reader.setInput(in);
            assertThat(reader.getNumImages(true)).isEqualTo(2);
            reader.dispose();
        }
        assertThat(Pixels.rgb(Images.read(p))).containsExactly(want);
    }

    // ---- inputs that must fail with one line naming the file ----------------------------------------------

    @Test
    void missingFile() {
        assertFails(dir.resolve("nope.png"), "no such file");
    }

    @Test
    void directory() {
        assertFails(dir, "it is a directory");
    }

    @Test
    void textFileNamedPng() throws IOException {
        Path p = Files.writeString(dir.resolve("notes.png"), "this is not an image\n");
        assertFails(p, "text file");
    }

    @Test
    void emptyFile() throws IOException {
        assertFails(Files.write(dir.resolve("empty.png"), new byte[0]), "empty");
    }

    @Test
    void truncatedPng() throws IOException {
        byte[] png = Files.readAllBytes(write(pattern(64, 48), "png", "whole.png"));
        assertFails(Files.write(dir.resolve("half.png"), Arrays.copyOf(png, png.length / 2)), "truncated");
        // all pixel data there but the end marker missing: still a cut file
        assertFails(Files.write(dir.resolve("no-iend.png"), Arrays.copyOf(png, png.length - 12)), "IEND");
        assertFails(Files.write(dir.resolve("header-only.png"), Arrays.copyOf(png, 5)), "truncated");
    }

    @Test
    void truncatedJpegIsNotAHalfGreyImage() throws IOException {
        byte[] jpg = Files.readAllBytes(writeJpeg(pattern(64, 48), "whole.jpg"));
        assertThat(ImageIO.read(new java.io.ByteArrayInputStream(Arrays.copyOf(jpg, jpg.length * 2 / 3))))
                .as("ImageIO alone returns the half-decoded image").isNotNull();
        assertFails(Files.write(dir.resolve("cut.jpg"), Arrays.copyOf(jpg, jpg.length * 2 / 3)), "truncated");
        assertFails(Files.write(dir.resolve("no-eoi.jpg"), Arrays.copyOf(jpg, jpg.length - 2)), "truncated");
    }

    @Test
    void unsupportedFormats() throws IOException {
        byte[] webp = "RIFF\0\0\0\0WEBPVP8 ".getBytes(StandardCharsets.ISO_8859_1);
        assertFails(Files.write(dir.resolve("photo.webp"), webp), "WebP");
        byte[] heic = "\0\0\0\u0018ftypheic\0\0\0\0".getBytes(StandardCharsets.ISO_8859_1);
        assertFails(Files.write(dir.resolve("photo.heic"), heic), "HEIC");
        byte[] junk = {1, 2, 3, (byte) 0xF0, 0, 7, (byte) 0x99, 4, 5};
        assertFails(Files.write(dir.resolve("data.png"), junk), "unrecognised format");
    }

    @Test
    void cmykJpegIsRefused() throws IOException {
        WritableRaster cmyk = Raster.createInterleavedRaster(DataBuffer.TYPE_BYTE, 8, 8, 4, null);
        Path p = dir.resolve("cmyk.jpg");
        ImageWriter w = ImageIO.getImageWritersByFormatName("jpeg").next();
        try (ImageOutputStream out = ImageIO.createImageOutputStream(p.toFile())) {
            w.setOutput(out);
            w.write(null, new IIOImage(cmyk, null, null), null);
        } finally {
            w.dispose();
        }
        assertFails(p, "CMYK");
    }

    @Test
    void absurdSizesAreRefusedBeforeDecoding() throws IOException {
        assertFails(Files.write(dir.resolve("huge.png"), pngHeaderOnly(20_000, 20_000)), "400.0 megapixels");
    }

    // ---- writing ------------------------------------------------------------------------------------------

    @Test
    void writePngCreatesDirectoriesAndRoundTrips() throws IOException {
        BufferedImage img = pattern(9, 4);
        Path p = dir.resolve("a/b/c/out.png");
        Images.writePng(p, img);
        assertThat(Pixels.rgb(Images.read(p))).containsExactly(Pixels.rgb(img));
        Images.writePng(p, pattern(2, 2)); // replaces
        assertThat(Images.read(p).getWidth()).isEqualTo(2);
        try (var files = Files.list(p.getParent())) {
            assertThat(files).containsExactly(p);
        }
    }

    @Test
    void writePngFailsWithOneLineNamingThePath() throws IOException {
        Path blocker = Files.writeString(dir.resolve("file"), "x");
        Path under = blocker.resolve("out.png");
        assertThatThrownBy(() -> Images.writePng(under, pattern(2, 2))).isInstanceOf(Gan4jException.class)
                .hasMessageContaining(under.toString()).hasMessageNotContaining("\n");
        assertThatThrownBy(() -> Images.writePng(dir, pattern(2, 2))).isInstanceOf(Gan4jException.class)
                .hasMessageContaining(dir.toString()).hasMessageContaining("directory");
    }

    // ---- helpers ------------------------------------------------------------------------------------------

    private static void assertFails(Path p, String why) {
        assertThatThrownBy(() -> Images.read(p)).isInstanceOf(Gan4jException.class)
                .hasMessageStartingWith("Cannot read image " + p + ": ").hasMessageContaining(why)
                .hasMessageNotContaining("\n");
    }

    private Path write(BufferedImage img, String format, String name) throws IOException {
        Path p = dir.resolve(name);
        assertThat(ImageIO.write(img, format, p.toFile())).as("ImageIO wrote %s", name).isTrue();
        return p;
    }

    private Path writeJpeg(BufferedImage img, String name) throws IOException {
        Path p = dir.resolve(name);
        ImageWriter w = ImageIO.getImageWritersByFormatName("jpeg").next();
        ImageWriteParam param = w.getDefaultWriteParam();
        param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
        param.setCompressionQuality(0.95f);
        try (ImageOutputStream out = ImageIO.createImageOutputStream(p.toFile())) {
            w.setOutput(out);
            w.write(null, new IIOImage(img, null, null), param);
        } finally {
            w.dispose();
        }
        return p;
    }

    private static BufferedImage decodedByImageIO(Path p) throws IOException {
        return ImageIO.read(p.toFile());
    }

    private static BufferedImage pattern(int w, int h) {
        BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                img.setRGB(x, y, (x * 37 % 256) << 16 | (y * 59 % 256) << 8 | ((x + y) * 23 % 256));
            }
        }
        return img;
    }

    private static void assertClose(int rgb, int want, int tolerance) {
        for (int shift = 0; shift <= 16; shift += 8) {
            assertThat(Math.abs((rgb >> shift & 0xFF) - (want >> shift & 0xFF)))
                    .as("channel at bit %d of %06x vs %06x", shift, rgb & 0xFFFFFF, want).isLessThanOrEqualTo(tolerance);
        }
    }

    /** A PNG signature, an IHDR claiming {@code w x h} RGB, and IEND: enough for a reader to report the size. */
    private static byte[] pngHeaderOnly(int w, int h) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'});
        chunk(out, "IHDR", ByteBuffer.allocate(13).putInt(w).putInt(h).put((byte) 8).put((byte) 2).array());
        chunk(out, "IEND", new byte[0]);
        return out.toByteArray();
    }

    private static void chunk(ByteArrayOutputStream out, String type, byte[] data) throws IOException {
        byte[] t = type.getBytes(StandardCharsets.US_ASCII);
        CRC32 crc = new CRC32();
        crc.update(t);
        crc.update(data);
        out.write(ByteBuffer.allocate(4).putInt(data.length).array());
        out.write(t);
        out.write(data);
        out.write(ByteBuffer.allocate(4).putInt((int) crc.getValue()).array());
    }
}
