package org.gan4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import javax.imageio.ImageIO;
import org.bytedeco.pytorch.global.torch;
import org.gan4j.data.Landscape;
import org.gan4j.torch.OrderedDict;
import org.gan4j.torch.PtFile;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * gan4j singan train/sample from the command line: a whole tiny run, and every bad input as one line, exit 2;
 * and --help with an example for every command of the CLI.
 */
class SinganCliTest {

    @TempDir
    Path tmp;

    private Path tinyImage() throws Exception {
        Path png = tmp.resolve("tiny.png");
        ImageIO.write(Landscape.render(44, 36, 3), "png", png.toFile());
        return png;
    }

    @Test
    @Tag("slow")
    void trainsSamplesAtAnySizeReconstructsAndResumes() throws Exception {
        Path run = tmp.resolve("run");
        Cli train = Cli.run("singan", "train", "--image", tinyImage().toString(), "--iters", "3", "--seed", "4",
                "--samples", "2", "--out", run.toString());
        assertThat(train.code()).as(train.err()).isZero();
        assertThat(run.resolve("model.pt")).isRegularFile();
        assertThat(run.resolve("config.json")).isRegularFile();
        assertThat(run.resolve("metrics.csv")).isRegularFile();
        assertThat(run.resolve("loss.png")).isRegularFile();
        assertThat(run.resolve("checkpoints/latest.pt")).isRegularFile();
        assertThat(run.resolve("samples/final/sample-001.png")).isRegularFile();
        assertThat(train.out()).contains("4 scales");

        Path out = tmp.resolve("wide");
        Cli sample = Cli.run("singan", "sample", "--model", run.toString(), "--count", "3", "--scale-w", "1.5",
                "--scale-h", "0.75", "--seed", "1", "--out", out.toString());
        assertThat(sample.code()).as(sample.err()).isZero();
        java.util.Set<java.util.List<Integer>> distinct = new java.util.HashSet<>();
        for (int i = 0; i < 3; i++) {
            BufferedImage img = ImageIO.read(out.resolve(String.format("sample-%03d.png", i)).toFile());
            assertThat(img.getWidth()).isEqualTo((int) Math.rint(1.5 * 44));
            assertThat(img.getHeight()).isEqualTo((int) Math.rint(0.75 * 36));
            distinct.add(java.util.Arrays.stream(pixels(img)).boxed().toList());
        }
        assertThat(distinct).as("three different samples").hasSize(3);

        Cli rec = Cli.run("singan", "sample", "--model", run.resolve("model.pt").toString(), "--reconstruct",
                "--out", tmp.resolve("rec").toString());
        assertThat(rec.code()).as(rec.err()).isZero();
        BufferedImage r = ImageIO.read(tmp.resolve("rec/reconstruction.png").toFile());
        assertThat(r.getWidth()).isEqualTo(44);
        assertThat(r.getHeight()).isEqualTo(36);
        // The reconstruction (z_opt at every scale) is the model's, not a random sample: the same pixels.
        assertThat(pixels(r)).isEqualTo(pixels(org.gan4j.singan.SinGAN.reconstruct(org.gan4j.singan.SinGAN.load(run))));

        // A finished run resumes to "nothing left to do": no iteration is trained again.
        long rows = org.gan4j.train.MetricsLog.read(run.resolve("metrics.csv")).rows().size();
        assertThat(rows).isEqualTo(4 * 3);
        byte[] model = Files.readAllBytes(run.resolve("model.pt"));
        Cli again = Cli.run("singan", "train", "--resume", run.toString(), "--samples", "1");
        assertThat(again.code()).as(again.err()).isZero();
        assertThat(again.out()).contains("Resuming");
        assertThat(org.gan4j.train.MetricsLog.read(run.resolve("metrics.csv")).rows()).hasSize((int) rows);
        assertThat(Files.readAllBytes(run.resolve("model.pt"))).isEqualTo(model);
    }

    private static int[] pixels(BufferedImage img) {
        return img.getRGB(0, 0, img.getWidth(), img.getHeight(), null, 0, img.getWidth());
    }

    @Test
    void aMissingImageIsOneLine() {
        Cli c = Cli.run("singan", "train", "--image", tmp.resolve("nope.png").toString(), "--out", tmp.resolve("r").toString());
        assertThat(c.code()).isEqualTo(2);
        assertThat(c.errLines()).isEqualTo(1);
        assertThat(c.err()).contains("nope.png");
    }

    @Test
    void aTextFileNamedPngIsOneLine() throws Exception {
        Path fake = tmp.resolve("notes.png");
        Files.writeString(fake, "these are my notes, not a picture\n");
        Cli c = Cli.run("singan", "train", "--image", fake.toString(), "--out", tmp.resolve("r").toString());
        assertThat(c.code()).isEqualTo(2);
        assertThat(c.errLines()).isEqualTo(1);
        assertThat(c.err()).contains("notes.png");
    }

    @Test
    void aTruncatedPngIsOneLine() throws Exception {
        byte[] whole = Files.readAllBytes(tinyImage());
        Path cut = tmp.resolve("cut.png");
        Files.write(cut, java.util.Arrays.copyOf(whole, whole.length / 2));
        Cli c = Cli.run("singan", "train", "--image", cut.toString(), "--out", tmp.resolve("r").toString());
        assertThat(c.code()).isEqualTo(2);
        assertThat(c.errLines()).isEqualTo(1);
        assertThat(c.err()).contains("cut.png");
    }

    @Test
    void aOneByOneImageIsOneLine() throws Exception {
        Path one = tmp.resolve("one.png");
        ImageIO.write(new BufferedImage(1, 1, BufferedImage.TYPE_INT_RGB), "png", one.toFile());
        Cli c = Cli.run("singan", "train", "--image", one.toString(), "--out", tmp.resolve("r").toString());
        assertThat(c.code()).isEqualTo(2);
        assertThat(c.errLines()).isEqualTo(1);
        assertThat(c.err()).contains("1x1").contains("min size");
    }

    @Test
    void aCheckpointOfAnotherKindIsOneLine() throws Exception {
        Path other = tmp.resolve("stylegan.pt");
        OrderedDict g = new OrderedDict();
        g.put("style.1.weight", torch.zeros(4, 4));
        PtFile.save(other, new java.util.LinkedHashMap<Object, Object>(Map.of("g_ema", g)));
        Cli c = Cli.run("singan", "sample", "--model", other.toString(), "--count", "1", "--out", tmp.resolve("o").toString());
        assertThat(c.code()).isEqualTo(2);
        assertThat(c.errLines()).isEqualTo(1);
        assertThat(c.err()).contains("stylegan.pt").contains("not a gan4j SinGAN model");
    }

    @Test
    void aWrongFlagIsUsageWithExitCode2() {
        Cli c = Cli.run("singan", "train", "--imag", "x.png");
        assertThat(c.code()).isEqualTo(2);
        assertThat(c.err()).contains("--imag");
    }

    @Test
    void everyCommandHasHelpWithAnExample() {
        // Walks the whole command tree, so a command added later is covered without touching this test.
        java.util.List<String[]> commands = new java.util.ArrayList<>();
        collect(new picocli.CommandLine(new Main()), new java.util.ArrayList<>(), commands);
        assertThat(commands.size()).isGreaterThanOrEqualTo(15); // demo, singan x8, import singan, stylegan2 x6
        for (String[] cmd : commands) {
            Cli c = Cli.run(cmd);
            assertThat(c.code()).as(String.join(" ", cmd)).isZero();
            // the example shows this very command
            String self = ("gan4j " + String.join(" ", java.util.Arrays.copyOf(cmd, cmd.length - 1))).trim();
            assertThat(c.out()).as(String.join(" ", cmd)).containsIgnoringCase("example").contains(self);
        }
        Cli v = Cli.run("--version");
        assertThat(v.code()).isZero();
        assertThat(v.out()).startsWith("gan4j ");
    }

    private static void collect(picocli.CommandLine cl, java.util.List<String> path, java.util.List<String[]> out) {
        java.util.List<String> help = new java.util.ArrayList<>(path);
        help.add("--help");
        out.add(help.toArray(new String[0]));
        for (var e : cl.getSubcommands().entrySet()) {
            if (e.getValue().getCommandSpec().name().equals(e.getKey()) && !e.getKey().equals("help")) { // no aliases, no picocli help
                java.util.List<String> sub = new java.util.ArrayList<>(path);
                sub.add(e.getKey());
                collect(e.getValue(), sub, out);
            }
        }
    }

    @Test
    void aBadProgressSettingFailsBeforeAnyOutputIsWritten() throws Exception {
        Path image = tinyImage();
        String old = System.getProperty("gan4j.progress");
        try {
            System.setProperty("gan4j.progress", "fancy");
            Cli c = Cli.run("singan", "train", "--image", image.toString(), "--iters", "1", "--out",
                    tmp.resolve("never").toString());
            assertThat(c.code()).isEqualTo(2);
            assertThat(c.errLines()).isEqualTo(1);
            assertThat(c.err()).contains("GAN4J_PROGRESS").contains("fancy");
            assertThat(tmp.resolve("never")).doesNotExist();
        } finally {
            if (old == null) {
                System.clearProperty("gan4j.progress");
            } else {
                System.setProperty("gan4j.progress", old);
            }
        }
    }
}
