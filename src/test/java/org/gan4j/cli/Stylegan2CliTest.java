package org.gan4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;
import org.bytedeco.pytorch.Tensor;
import org.gan4j.data.Images;
import org.gan4j.data.Npy;
import org.gan4j.stylegan2.NoiseMode;
import org.gan4j.stylegan2.Styles;
import org.gan4j.torch.ImageTensors;
import org.gan4j.torch.PtFile;
import org.gan4j.torch.Tensors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** gan4j stylegan2 generate / mix / interpolate, in-process, on the official parity checkpoints. */
class Stylegan2CliTest {

    @TempDir
    Path tmp;

    private static Path fixture(String name) throws URISyntaxException {
        return Path.of(Stylegan2CliTest.class.getResource("/parity/stylegan2/" + name).toURI());
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> io(String model) throws URISyntaxException {
        return (Map<String, Object>) PtFile.load(fixture(model + "_io.pt"));
    }

    private static int maxPixelDiff(BufferedImage a, BufferedImage b) {
        int d = 0;
        for (int y = 0; y < a.getHeight(); y++) {
            for (int x = 0; x < a.getWidth(); x++) {
                int p = a.getRGB(x, y);
                int q = b.getRGB(x, y);
                for (int sh = 0; sh <= 16; sh += 8) {
                    d = Math.max(d, Math.abs(((p >> sh) & 255) - ((q >> sh) & 255)));
                }
            }
        }
        return d;
    }

    @Test
    void generateRendersLatentsLikeTheOfficialCode() throws Exception {
        Map<String, Object> io = io("g32");
        Tensor z = (Tensor) io.get("z");
        Path npy = tmp.resolve("z.npy");
        Npy.write(npy, Tensors.floats(z), z.shape());
        Cli r = Cli.run("stylegan2", "generate", "--model", fixture("g32.pt").toString(), "--latents", npy.toString(),
                "--out", tmp.resolve("z").toString());
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).contains("Wrote 4 images (32x32, latents from");
        List<BufferedImage> official = ImageTensors.toImages((Tensor) io.get("img_const"));
        for (int i = 0; i < 4; i++) {
            BufferedImage ours = Images.read(tmp.resolve("z").resolve(String.format("latent-%04d.png", i)));
            // float32 differences (<= 1e-5 of the output, OfficialParityTest) can cross one 8-bit rounding boundary
            assertThat(maxPixelDiff(ours, official.get(i))).as("image " + i).isLessThanOrEqualTo(1);
        }
        // the same images from W with --w-space, and the truncated ones toward latent_avg
        Tensor w = (Tensor) io.get("w");
        Path wNpy = tmp.resolve("w.npy");
        Npy.write(wNpy, Tensors.floats(w), w.shape());
        assertThat(Cli.run("stylegan2", "generate", "--model", fixture("g32.pt").toString(), "--latents", wNpy.toString(),
                "--w-space", "--truncation", "0.7", "--out", tmp.resolve("w").toString()).code()).isZero();
        List<BufferedImage> trunc = ImageTensors.toImages((Tensor) io.get("img_trunc"));
        for (int i = 0; i < 4; i++) {
            BufferedImage ours = Images.read(tmp.resolve("w").resolve(String.format("latent-%04d.png", i)));
            assertThat(maxPixelDiff(ours, trunc.get(i))).as("truncated image " + i).isLessThanOrEqualTo(1);
        }
    }

    @Test
    void generateIsRepeatableUnderASeedAndReadsLegacyOfficialFiles() throws Exception {
        String model = fixture("g64.pt").toString(); // legacy format, no args
        for (String dir : List.of("a", "b")) {
            Cli r = Cli.run("stylegan2", "generate", "--model", model, "--count", "3", "--seed", "5", "--truncation",
                    "0.5", "--noise-mode", "random", "--batch", "2", "--out", tmp.resolve(dir).toString(), "--grid",
                    tmp.resolve(dir + ".png").toString());
            assertThat(r.code()).as(r.err()).isZero();
            assertThat(r.out()).contains("Wrote 3 images (64x64, seed 5, truncation 0.5 toward latent_avg, noise random)");
        }
        for (int i = 0; i < 3; i++) {
            String f = String.format("seed5-%04d.png", i);
            assertThat(Files.readAllBytes(tmp.resolve("a").resolve(f))).isEqualTo(Files.readAllBytes(tmp.resolve("b").resolve(f)));
            BufferedImage next = Images.read(tmp.resolve("a").resolve(String.format("seed5-%04d.png", (i + 1) % 3)));
            assertThat(maxPixelDiff(Images.read(tmp.resolve("a").resolve(f)), next)).as("image " + i + " and next").isGreaterThan(8);
        }
        assertThat(Images.read(tmp.resolve("a.png")).getWidth()).isEqualTo(2 * 64 + 3 * 2); // 3 images: 2 columns
    }

    @Test
    void mixWritesTheGridWithABlankCorner() throws Exception {
        Path out = tmp.resolve("mix.png");
        Cli r = Cli.run("stylegan2", "mix", "--model", fixture("g32.pt").toString(), "--rows", "2", "--cols", "3",
                "--cutoff", "4", "--seed", "1", "--out", out.toString());
        assertThat(r.code()).as(r.err()).isZero();
        BufferedImage grid = Images.read(out);
        assertThat(grid.getWidth()).isEqualTo(4 * 32 + 5 * 2);
        assertThat(grid.getHeight()).isEqualTo(3 * 32 + 4 * 2);
        assertThat(r.out()).contains("2x3 style-mixing grid (cutoff 4 of 8 layers, seed 1, no truncation)");

        // The cells, from the same seeded draws (rows first, then columns) through the library: the column sources
        // along the top, the row sources down the left, and in (r, c) the coarse styles [0, 4) of row source r with
        // the fine styles of column source c.
        org.gan4j.stylegan2.Generator g = org.gan4j.stylegan2.Stylegan2Checkpoint.loadForSampling(fixture("g32.pt")).gEma();
        try (org.gan4j.torch.Scope s = new org.gan4j.torch.Scope(); org.gan4j.torch.NoGrad ng = new org.gan4j.torch.NoGrad()) {
            org.gan4j.torch.Seeds.seed(1);
            Tensor wRows = g.latents(Styles.z(org.bytedeco.pytorch.global.torch.randn(2, g.styleDim()))).select(1, 0);
            Tensor wCols = g.latents(Styles.z(org.bytedeco.pytorch.global.torch.randn(3, g.styleDim()))).select(1, 0);
            for (int row = 0; row <= 2; row++) {
                for (int col = 0; col <= 3; col++) {
                    BufferedImage cell = grid.getSubimage(2 + col * 34, 2 + row * 34, 32, 32);
                    if (row == 0 && col == 0) {
                        for (int y = 0; y < 32; y++) {
                            for (int x = 0; x < 32; x++) {
                                assertThat(cell.getRGB(x, y)).as("blank corner").isEqualTo(grid.getRGB(0, 0));
                            }
                        }
                        continue;
                    }
                    Styles st = row == 0 ? Styles.w(wCols.narrow(0, col - 1, 1))
                            : col == 0 ? Styles.w(wRows.narrow(0, row - 1, 1))
                            : Styles.w(wRows.narrow(0, row - 1, 1), wCols.narrow(0, col - 1, 1)).mix(4);
                    BufferedImage want = ImageTensors.toImage(g.forward(st, NoiseMode.CONST));
                    assertThat(maxPixelDiff(cell, want)).as("cell " + row + "," + col).isLessThanOrEqualTo(1);
                }
            }
            // A mixed cell is neither of its sources.
            BufferedImage mixed = grid.getSubimage(2 + 34, 2 + 34, 32, 32);
            assertThat(maxPixelDiff(mixed, grid.getSubimage(2, 2 + 34, 32, 32))).isGreaterThan(8);
            assertThat(maxPixelDiff(mixed, grid.getSubimage(2 + 34, 2, 32, 32))).isGreaterThan(8);
        }
    }

    @Test
    void mixAndInterpolateTruncateTheirLatents() throws Exception {
        // At ψ = 0 every w is the truncation centre, so every cell of the grid and every frame of the walk is the
        // same image; without truncation they differ (the tests above).
        Path grid = tmp.resolve("mix0.png");
        Cli mix = Cli.run("stylegan2", "mix", "--model", fixture("g32.pt").toString(), "--rows", "2", "--cols", "2",
                "--truncation", "0", "--seed", "1", "--out", grid.toString());
        assertThat(mix.code()).as(mix.err()).isZero();
        BufferedImage g = Images.read(grid);
        BufferedImage first = g.getSubimage(2 + 34, 2, 32, 32);
        for (int[] rc : new int[][] {{0, 2}, {1, 0}, {1, 1}, {2, 2}}) {
            assertThat(maxPixelDiff(g.getSubimage(2 + rc[1] * 34, 2 + rc[0] * 34, 32, 32), first)).as("cell " + java.util.Arrays.toString(rc))
                    .isLessThanOrEqualTo(1);
        }
        Path gif = tmp.resolve("walk0.gif");
        Cli walk = Cli.run("stylegan2", "interpolate", "--model", fixture("g32.pt").toString(), "--frames", "4",
                "--points", "3", "--truncation", "0", "--seed", "2", "--out", gif.toString());
        assertThat(walk.code()).as(walk.err()).isZero();
        try (ImageInputStream in = ImageIO.createImageInputStream(gif.toFile())) {
            ImageReader reader = ImageIO.getImageReaders(in).next();
            reader.setInput(in);
            for (int i = 1; i < 4; i++) {
                assertThat(maxPixelDiff(reader.read(i), reader.read(0))).as("frame " + i).isLessThanOrEqualTo(1);
            }
        }
    }

    @Test
    void interpolateWritesALoopingGif() throws Exception {
        Path out = tmp.resolve("walk.gif");
        Cli r = Cli.run("stylegan2", "interpolate", "--model", fixture("g32.pt").toString(), "--frames", "6",
                "--points", "3", "--seed", "2", "--out", out.toString());
        assertThat(r.code()).as(r.err()).isZero();
        try (ImageInputStream in = ImageIO.createImageInputStream(out.toFile())) {
            ImageReader reader = ImageIO.getImageReaders(in).next();
            reader.setInput(in);
            assertThat(reader.getNumImages(true)).isEqualTo(6);
            assertThat(reader.read(0).getWidth()).isEqualTo(32);
            // The walk moves: every frame differs from the next (and the last from the first).
            for (int i = 0; i < 6; i++) {
                assertThat(maxPixelDiff(reader.read(i), reader.read((i + 1) % 6))).as("frames " + i + " and next")
                        .isGreaterThan(8);
            }
            String meta = new String(Files.readAllBytes(out), java.nio.charset.StandardCharsets.ISO_8859_1);
            assertThat(meta).contains("NETSCAPE2.0");
        }
    }

    @Test
    void evalScoresSamplesAgainstTheRealSetWithItsFloor() throws Exception {
        Path json = tmp.resolve("eval.json");
        Cli r = Cli.run("stylegan2", "eval", "--model", fixture("g32.pt").toString(), "--data", "builtin:landscapes",
                "--samples", "40", "--seed", "3", "--out", json.toString());
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).contains("40 samples against 40 real images", "patch SWD x1e3 (mean)", "level 32 px",
                "FID, KID: not computed");
        Map<?, ?> j = new com.fasterxml.jackson.databind.ObjectMapper().readValue(json.toFile(), Map.class);
        double swd = ((Number) j.get("swd")).doubleValue();
        double floor = ((Number) j.get("swdFloor")).doubleValue();
        // random weights draw nothing like a landscape: far above two real sets' distance
        assertThat(floor).isPositive();
        assertThat(swd).isGreaterThan(2 * floor);
        assertThat((java.util.List<?>) j.get("swdPerLevel")).hasSize(2);
        Cli again = Cli.run("stylegan2", "eval", "--model", fixture("g32.pt").toString(), "--data", "builtin:landscapes",
                "--samples", "40", "--seed", "3");
        assertThat(again.out()).contains(String.format(java.util.Locale.ROOT, "%9.2f %9.2f", swd, floor));
        Cli missing = Cli.run("stylegan2", "eval", "--model", fixture("g32.pt").toString(), "--data",
                tmp.resolve("nowhere").toString());
        assertThat(missing.code()).isNotZero();
        assertThat(missing.errLines()).isEqualTo(1);
    }

    @Test
    void badInputsAreOneLineErrors() throws Exception {
        String model = fixture("g32.pt").toString();
        Cli cutoff = Cli.run("stylegan2", "mix", "--model", model, "--cutoff", "8", "--out", tmp.resolve("m.png").toString());
        assertThat(cutoff.code()).isEqualTo(2);
        assertThat(cutoff.err().trim()).isEqualTo("gan4j: --cutoff must be between 1 and 7 for this 32 px model (it has 8 style layers), got 8");

        Path npy = tmp.resolve("bad.npy");
        Npy.write(npy, new float[12], 2, 6);
        Cli shape = Cli.run("stylegan2", "generate", "--model", model, "--latents", npy.toString(), "--out", tmp.toString());
        assertThat(shape.err().trim()).isEqualTo("gan4j: " + npy + ": expected latents of shape [N, 64] for this model (style dim 64), got [2, 6]");

        Path notNpy = Files.writeString(tmp.resolve("x.npy"), "hello world");
        assertThat(Cli.run("stylegan2", "generate", "--model", model, "--latents", notNpy.toString(), "--out",
                tmp.toString()).err()).contains("is not a NumPy .npy file");

        Cli missing = Cli.run("stylegan2", "generate", "--model", tmp.resolve("none.pt").toString(), "--out", tmp.toString());
        assertThat(missing.err().trim()).isEqualTo("gan4j: checkpoint not found: " + tmp.resolve("none.pt"));

        Path singan = tmp.resolve("model.pt");
        PtFile.save(singan, Map.of("gan4j", "singan-model"));
        Cli wrong = Cli.run("stylegan2", "interpolate", "--model", singan.toString(), "--out", tmp.resolve("w.gif").toString());
        assertThat(wrong.errLines()).isEqualTo(1);
        assertThat(wrong.err()).contains("is not a StyleGAN2 checkpoint (it is a gan4j 'singan-model' file)");

        Cli noise = Cli.run("stylegan2", "generate", "--model", model, "--noise-mode", "loud", "--out", tmp.toString());
        assertThat(noise.err().trim()).isEqualTo("gan4j: --noise-mode must be const, random or none, got 'loud'");
        for (Cli c : List.of(cutoff, shape, missing, noise)) {
            assertThat(c.errLines()).isEqualTo(1);
        }
    }
}
