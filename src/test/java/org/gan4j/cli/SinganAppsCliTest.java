package org.gan4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;
import org.bytedeco.pytorch.global.torch;
import org.gan4j.data.Landscape;
import org.gan4j.torch.OrderedDict;
import org.gan4j.torch.PtFile;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The SinGAN applications from the command line on a tiny model (a 96x48 landscape, 5 scales, 3 iterations
 * each): every verb end to end with its outputs checked, and every bad input as one line with exit code 2.
 */
@Tag("slow")
class SinganAppsCliTest {

    static final int W = 96;
    static final int H = 48;

    @TempDir
    static Path dir;

    static Path run;
    static Path image;

    @TempDir
    Path tmp;

    @BeforeAll
    static void train() throws Exception {
        image = dir.resolve("land.png");
        ImageIO.write(Landscape.render(W, H, 3), "png", image.toFile());
        run = dir.resolve("run");
        Cli c = Cli.run("singan", "train", "--image", image.toString(), "--iters", "3", "--seed", "4", "--samples", "0",
                "--out", run.toString());
        assertThat(c.code()).as(c.err()).isZero();
        assertThat(c.out()).contains("5 scales");
    }

    private static BufferedImage read(Path p) throws Exception {
        BufferedImage img = ImageIO.read(p.toFile());
        assertThat(img).as(p.toString()).isNotNull();
        return img;
    }

    /** A collage: the training image with a pasted 10x10 block near the top-left corner, and its mask. */
    private Path[] collage() throws Exception {
        BufferedImage img = read(image);
        BufferedImage mask = new BufferedImage(W, H, BufferedImage.TYPE_INT_RGB);
        for (int y = 2; y < 12; y++) {
            for (int x = 2; x < 12; x++) {
                img.setRGB(x, y, 0xD03020);
                mask.setRGB(x, y, 0xFFFFFF);
            }
        }
        Path i = tmp.resolve("collage.png");
        Path m = tmp.resolve("collage_mask.png");
        ImageIO.write(img, "png", i.toFile());
        ImageIO.write(mask, "png", m.toFile());
        return new Path[] {i, m};
    }

    /**
     * Pixels outside the dilated mask (0 in the written mask) equal the input up to 8-bit rounding, and most
     * exactly; returns how many there are.
     */
    private static int checkOutside(Path in, Path out, Path mask) throws Exception {
        BufferedImage a = read(in);
        BufferedImage b = read(out);
        BufferedImage m = read(mask);
        assertThat(b.getWidth()).isEqualTo(W);
        assertThat(b.getHeight()).isEqualTo(H);
        int outside = 0;
        int exact = 0;
        int changedInside = 0;
        for (int y = 0; y < H; y++) {
            for (int x = 0; x < W; x++) {
                int pa = a.getRGB(x, y);
                int pb = b.getRGB(x, y);
                if ((m.getRGB(x, y) & 0xFF) == 0) {
                    outside++;
                    exact += pa == pb ? 1 : 0;
                    for (int sh = 0; sh < 24; sh += 8) {
                        // the input goes through [-1, 1] floats and back to 8 bits: at most one level of rounding
                        assertThat(Math.abs((pa >> sh & 0xFF) - (pb >> sh & 0xFF))).as("pixel " + x + "," + y).isLessThanOrEqualTo(1);
                    }
                } else if (pa != pb) {
                    changedInside++;
                }
            }
        }
        assertThat(exact).isGreaterThan(outside * 95 / 100);
        assertThat(changedInside).as("pixels changed inside the mask").isGreaterThan(0);
        return outside;
    }

    /** The written soft mask is the input mask dilated with {@code radius} and blurred (8-bit, as written). */
    private static void checkMaskRadius(Path maskIn, Path maskOut, int radius) throws Exception {
        BufferedImage expected = org.gan4j.torch.ImageTensors.toImage(org.gan4j.singan.Masks.dilate(
                org.gan4j.torch.ImageTensors.fromImage(read(maskIn)), radius)
                .mul(new org.bytedeco.pytorch.Scalar(2.0)).sub(new org.bytedeco.pytorch.Scalar(1.0)));
        BufferedImage got = read(maskOut);
        for (int y = 0; y < H; y++) {
            for (int x = 0; x < W; x++) {
                // both are the same float mask rounded to 8 bits, once via the written file: one level at most
                assertThat(Math.abs((got.getRGB(x, y) & 0xFF) - (expected.getRGB(x, y) & 0xFF)))
                        .as("mask pixel " + x + "," + y).isLessThanOrEqualTo(1);
            }
        }
    }

    @Test
    void harmonizeCompositesOnlyInsideTheDilatedMask() throws Exception {
        Path[] c = collage();
        Path out = tmp.resolve("h/harmonized.png");
        Cli r = Cli.run("singan", "harmonize", "--model", run.toString(), "--image", c[0].toString(), "--mask",
                c[1].toString(), "--start-scale", "2", "--seed", "1", "--out", out.toString());
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(checkOutside(c[0], out, tmp.resolve("h/harmonized-mask.png"))).isGreaterThan(W * H / 3);
        checkMaskRadius(c[1], tmp.resolve("h/harmonized-mask.png"), org.gan4j.singan.Masks.HARMONIZATION_RADIUS);
    }

    @Test
    void editWritesTheCompositeAndTheRawOutput() throws Exception {
        Path[] c = collage();
        Path out = tmp.resolve("edited.png");
        Cli r = Cli.run("singan", "edit", "--model", run.resolve("model.pt").toString(), "--image", c[0].toString(),
                "--mask", c[1].toString(), "--start-scale", "1", "--seed", "1", "--out", out.toString());
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(checkOutside(c[0], out, tmp.resolve("edited-mask.png"))).isGreaterThan(0);
        checkMaskRadius(c[1], tmp.resolve("edited-mask.png"), org.gan4j.singan.Masks.EDITING_RADIUS);
        BufferedImage raw = read(tmp.resolve("edited-raw.png"));
        assertThat(raw.getWidth()).isEqualTo(W);
        // The raw output is generated everywhere: it differs from the input outside the mask too.
        BufferedImage in = read(c[0]);
        int differ = 0;
        for (int x = W - 10; x < W; x++) {
            differ += raw.getRGB(x, H - 1) != in.getRGB(x, H - 1) ? 1 : 0;
        }
        assertThat(differ).isGreaterThan(0);
    }

    @Test
    void superResolutionWithAModelIsExactlyFTimesTheInput() throws Exception {
        Path out = tmp.resolve("hr.png");
        Cli r = Cli.run("singan", "sr", "--model", run.toString(), "--factor", "2", "--seed", "1", "--out", out.toString());
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).contains("not super-resolution");
        BufferedImage hr = read(out);
        assertThat(hr.getWidth()).isEqualTo(2 * W);
        assertThat(hr.getHeight()).isEqualTo(2 * H);
    }

    @Test
    void superResolutionTrainsWithTheSrSettingsThenUpscales() throws Exception {
        Path lr = tmp.resolve("lr.png");
        ImageIO.write(Landscape.render(40, 30, 5), "png", lr.toFile());
        Path out = tmp.resolve("sr.png");
        Path srRun = tmp.resolve("srrun");
        Cli r = Cli.run("singan", "sr", "--image", lr.toString(), "--factor", "3", "--iters", "2", "--seed", "1",
                "--run", srRun.toString(), "--out", out.toString());
        assertThat(r.code()).as(r.err()).isZero();
        BufferedImage hr = read(out);
        assertThat(hr.getWidth()).isEqualTo(120);
        assertThat(hr.getHeight()).isEqualTo(90);
        String config = Files.readString(srRun.resolve("config.json"));
        assertThat(config).contains("\"mode\" : \"sr\"").contains("\"alpha\" : 100").contains("\"minSize\" : 18");
        assertThat(r.out()).contains("5 steps of x1.2457"); // k = round(log(1/3) / log(2^(-1/3))) = 5
    }

    @Test
    void paintWithAndWithoutQuantisation() throws Exception {
        BufferedImage clip = new BufferedImage(W, H, BufferedImage.TYPE_INT_RGB);
        int[] colours = {0x5D8FD8, 0xF0E8D8, 0x7D8CA0, 0x35603C, 0x2E5F90, 0x1D2A1D};
        for (int y = 0; y < H; y++) {
            for (int x = 0; x < W; x++) {
                clip.setRGB(x, y, colours[(y * colours.length / H + (x > W / 2 ? 1 : 0)) % colours.length]);
            }
        }
        Path paint = tmp.resolve("clip.png");
        ImageIO.write(clip, "png", paint.toFile());

        Path plain = tmp.resolve("painted.png");
        Cli a = Cli.run("singan", "paint", "--model", run.toString(), "--paint", paint.toString(), "--start-scale", "2",
                "--seed", "1", "--out", plain.toString());
        assertThat(a.code()).as(a.err()).isZero();
        assertThat(read(plain).getWidth()).isEqualTo(W);
        assertThat(read(plain).getHeight()).isEqualTo(H);
        // The painted image follows the clip art's bands, not the same bands upside down.
        BufferedImage painted = read(plain);
        double same = 0;
        double flipped = 0;
        for (int y = 0; y < H; y++) {
            for (int x = 0; x < W; x++) {
                same += sqDiff(painted.getRGB(x, y), clip.getRGB(x, y));
                flipped += sqDiff(painted.getRGB(x, y), clip.getRGB(x, H - 1 - y));
            }
        }
        assertThat(same).isLessThan(flipped / 2);

        Path quant = tmp.resolve("q/painted.png");
        Path tuneRun = tmp.resolve("tune");
        Cli b = Cli.run("singan", "paint", "--model", run.toString(), "--paint", paint.toString(), "--start-scale", "2",
                "--quantize", "--iters", "2", "--run", tuneRun.toString(), "--seed", "1", "--out", quant.toString());
        assertThat(b.code()).as(b.err()).isZero();
        assertThat(read(quant).getWidth()).isEqualTo(W);
        assertThat(read(quant).getHeight()).isEqualTo(H);
        assertThat(colours(read(tmp.resolve("q/painted-quant-paint.png")))).hasSize(5);
        assertThat(colours(read(tmp.resolve("q/painted-quant-real.png")))).hasSize(5);
        assertThat(tuneRun.resolve("model.pt")).isRegularFile();
        assertThat(tuneRun.resolve("metrics.csv")).isRegularFile();
        // The fine-tuned model is a SinGAN model like any other.
        Cli again = Cli.run("singan", "paint", "--model", tuneRun.toString(), "--paint", paint.toString(), "--start-scale",
                "2", "--seed", "1", "--out", tmp.resolve("again.png").toString());
        assertThat(again.code()).as(again.err()).isZero();
    }

    @Test
    void animateWritesALoopingGifOfTheRequestedFrames() throws Exception {
        Path gif = tmp.resolve("anim.gif");
        Path frames = tmp.resolve("frames");
        Cli r = Cli.run("singan", "animate", "--model", run.toString(), "--frames", "6", "--alpha", "0.1", "--beta", "0.9",
                "--start-scale", "1", "--fps", "5", "--frames-dir", frames.toString(), "--seed", "2", "--out", gif.toString());
        assertThat(r.code()).as(r.err()).isZero();
        try (ImageInputStream in = ImageIO.createImageInputStream(gif.toFile())) {
            ImageReader reader = ImageIO.getImageReaders(in).next();
            reader.setInput(in);
            assertThat(reader.getNumImages(true)).isEqualTo(6);
            assertThat(reader.read(0).getWidth()).isEqualTo(W);
            // Each GIF frame is its PNG frame up to the 256-colour palette: of all the frames, nearest its own.
            for (int i = 0; i < 6; i++) {
                BufferedImage g = reader.read(i);
                int nearest = -1;
                double best = Double.MAX_VALUE;
                for (int j = 0; j < 6; j++) {
                    BufferedImage pj = read(frames.resolve(String.format("frame-%03d.png", j)));
                    double d = 0;
                    for (int y = 0; y < H; y++) {
                        for (int x = 0; x < W; x++) {
                            d += sqDiff(g.getRGB(x, y), pj.getRGB(x, y));
                        }
                    }
                    if (d < best) {
                        best = d;
                        nearest = j;
                    }
                }
                assertThat(nearest).as("the PNG frame nearest GIF frame " + i).isEqualTo(i);
            }
        }
        assertThat(new String(Files.readAllBytes(gif), StandardCharsets.ISO_8859_1)).contains("NETSCAPE2.0");
        for (int i = 0; i + 1 < 6; i++) {
            BufferedImage a = read(frames.resolve(String.format("frame-%03d.png", i)));
            BufferedImage b = read(frames.resolve(String.format("frame-%03d.png", i + 1)));
            int differ = 0;
            for (int y = 0; y < H; y++) {
                for (int x = 0; x < W; x++) {
                    differ += a.getRGB(x, y) != b.getRGB(x, y) ? 1 : 0;
                }
            }
            assertThat(differ).as("frames " + i + " and " + (i + 1) + " differ").isGreaterThan(0);
        }
    }

    /** Squared difference of two RGB pixels, summed over the channels. */
    private static double sqDiff(int p, int q) {
        double d = 0;
        for (int sh = 0; sh < 24; sh += 8) {
            int e = (p >> sh & 0xFF) - (q >> sh & 0xFF);
            d += e * e;
        }
        return d;
    }

    private static Set<Integer> colours(BufferedImage img) {
        Set<Integer> s = new HashSet<>();
        for (int y = 0; y < img.getHeight(); y++) {
            for (int x = 0; x < img.getWidth(); x++) {
                s.add(img.getRGB(x, y));
            }
        }
        return s;
    }

    private static void oneLine(Cli c, String... contains) {
        assertThat(c.code()).as(c.out() + c.err()).isEqualTo(2);
        assertThat(c.errLines()).as(c.err()).isEqualTo(1);
        for (String s : contains) {
            assertThat(c.err()).contains(s);
        }
    }

    @Test
    void badInputsAreOneLineWithExitCode2() throws Exception {
        Path[] c = collage();
        Path smallMask = tmp.resolve("small_mask.png");
        ImageIO.write(new BufferedImage(20, 10, BufferedImage.TYPE_INT_RGB), "png", smallMask.toFile());
        Path out = tmp.resolve("o.png");
        String m = run.toString();

        oneLine(Cli.run("singan", "harmonize", "--model", m, "--image", c[0].toString(), "--mask", smallMask.toString(),
                "--start-scale", "1", "--out", out.toString()), "20x10", W + "x" + H);
        oneLine(Cli.run("singan", "edit", "--model", m, "--image", c[0].toString(), "--mask", c[1].toString(),
                "--start-scale", "9", "--out", out.toString()), "--start-scale 9", "between 1 and 4");
        oneLine(Cli.run("singan", "paint", "--model", m, "--paint", c[0].toString(), "--start-scale", "0",
                "--out", out.toString()), "--start-scale 0", "between 1 and 4");
        oneLine(Cli.run("singan", "animate", "--model", m, "--start-scale", "5", "--out", tmp.resolve("a.gif").toString()),
                "--start-scale 5", "0..4");
        Path black = tmp.resolve("black.png");
        ImageIO.write(new BufferedImage(W, H, BufferedImage.TYPE_INT_RGB), "png", black.toFile());
        oneLine(Cli.run("singan", "harmonize", "--model", m, "--image", c[0].toString(), "--mask", black.toString(),
                "--start-scale", "1", "--out", out.toString()), "black.png", "empty");

        // Paths that cannot be written: under a regular file, or a directory given as the file.
        Path file = tmp.resolve("a-file");
        Files.writeString(file, "x");
        oneLine(Cli.run("singan", "animate", "--model", m, "--frames", "2", "--out", file.resolve("anim.gif").toString()),
                "anim.gif", "cannot be written");
        oneLine(Cli.run("singan", "animate", "--model", m, "--frames", "2", "--out", tmp.toString()), "is a directory");
        oneLine(Cli.run("singan", "harmonize", "--model", m, "--image", c[0].toString(), "--mask", c[1].toString(),
                "--start-scale", "1", "--out", file.resolve("x.png").toString()), "x.png", "cannot be written");

        // Missing files and a file that is not a SinGAN model.
        oneLine(Cli.run("singan", "paint", "--model", m, "--paint", tmp.resolve("nope.png").toString(), "--start-scale",
                "1", "--out", out.toString()), "nope.png");
        oneLine(Cli.run("singan", "sr", "--image", tmp.resolve("missing.png").toString(), "--out", out.toString()),
                "missing.png");
        oneLine(Cli.run("singan", "animate", "--model", tmp.resolve("norun").toString(), "--out",
                tmp.resolve("a.gif").toString()), "norun");
        Path other = tmp.resolve("stylegan.pt");
        OrderedDict g = new OrderedDict();
        g.put("style.1.weight", torch.zeros(4, 4));
        PtFile.save(other, new java.util.LinkedHashMap<Object, Object>(Map.of("g_ema", g)));
        oneLine(Cli.run("singan", "edit", "--model", other.toString(), "--image", c[0].toString(), "--mask",
                c[1].toString(), "--start-scale", "1", "--out", out.toString()), "stylegan.pt", "not a gan4j SinGAN model");
        oneLine(Cli.run("singan", "sr", "--model", m, "--factor", "1", "--out", out.toString()), "--factor");
        // An output far too large for memory names the largest size that fits.
        oneLine(Cli.run("singan", "sr", "--model", m, "--factor", "60", "--out", out.toString()), "largest", "--factor");
    }
}
