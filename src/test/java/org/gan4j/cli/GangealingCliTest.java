package org.gan4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import org.gan4j.data.Faces;
import org.gan4j.data.Images;
import org.gan4j.gangealing.KeypointSets;
import org.gan4j.stylegan2.Discriminator;
import org.gan4j.stylegan2.Generator;
import org.gan4j.stylegan2.Stylegan2Checkpoint;
import org.gan4j.stylegan2.Stylegan2Config;
import org.gan4j.torch.Scope;
import org.gan4j.torch.Seeds;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code gan4j gangealing ...} in-process on a tiny random generator: train and resume, then every application on
 * builtin:faces pictures (congeal, transfer, correspondence, propagate into a folder and a GIF, PCK), and one-line
 * errors for bad inputs.
 */
@Tag("slow")
class GangealingCliTest {

    @TempDir
    Path tmp;

    private Path generator() throws Exception {
        Stylegan2Config c = Stylegan2Config.fast(16).withStyleDim(16).withNMlp(2).withChannels(1, 8, 64).withSeed(3);
        Path f = tmp.resolve("g16.pt");
        try (Scope s = new Scope()) {
            Seeds.seed(3);
            Generator g = new Generator(c);
            new Stylegan2Checkpoint(c, g, new Discriminator(c), new Generator(c), null, null, null, Map.of()).save(f);
        }
        return f;
    }

    @Test
    @org.junit.jupiter.api.Tag("slow") // two JVMs, twice
    void nprocTwoTrainsOneRunAndResumesIt() throws Exception {
        Path run = tmp.resolve("c2");
        Cli r = Cli.run("gangealing", "train", "--model", generator().toString(), "--iters", "2", "--batch", "4",
                "--seed", "1", "--nproc", "2", "--out", run.toString());
        assertThat(r.code()).as(r.out() + r.err()).isEqualTo(0);
        assertThat(r.out()).contains("Starting 2 processes");
        assertThat(r.err()).contains("2 processes, 2 pairs each per batch");
        assertThat(run.resolve("gangealing.pt")).exists();
        assertThat(org.gan4j.train.MetricsLog.read(run.resolve("metrics.csv")).rows()).hasSize(2);
        Cli again = Cli.run("gangealing", "train", "--resume", run.toString(), "--nproc", "2");
        assertThat(again.code()).as(again.out() + again.err()).isEqualTo(0);
        assertThat(org.gan4j.train.MetricsLog.read(run.resolve("metrics.csv")).rows()).hasSize(2);
    }

    private Path faces(int n) throws Exception {
        Path dir = tmp.resolve("faces");
        Files.createDirectories(dir);
        for (int i = 0; i < n; i++) {
            Images.writePng(dir.resolve(String.format("f%02d.png", i)), Faces.sample(100_000 + i, 24).image());
        }
        return dir;
    }

    @Test
    void trainsResumesAndRunsEveryApplication() throws Exception {
        Path run = tmp.resolve("run");
        Cli r = Cli.run("gangealing", "train", "--model", generator().toString(), "--iters", "2", "--batch", "2",
                "--seed", "1", "--threads", "1", "--out", run.toString());
        assertThat(r.code()).as(r.err()).isEqualTo(0);
        assertThat(run.resolve("gangealing.pt")).exists();
        Cli again = Cli.run("gangealing", "train", "--resume", run.toString(), "--threads", "1");
        assertThat(again.code()).as(again.err()).isEqualTo(0);
        Cli mixed = Cli.run("gangealing", "train", "--resume", run.toString(), "--batch", "4");
        assertThat(mixed.code()).isEqualTo(2);
        assertThat(mixed.errLines()).isEqualTo(1);
        Cli shorter = Cli.run("gangealing", "train", "--resume", run.toString(), "--iters", "2");
        assertThat(shorter.code()).isEqualTo(2);
        assertThat(shorter.err()).contains("does not lengthen").contains("planned for 2 iterations");
        assertThat(shorter.errLines()).isEqualTo(1);
        // a finished run lengthened, as the official --ckpt with a larger --iter: two more steps, schedule kept
        Cli longer = Cli.run("gangealing", "train", "--resume", run.toString(), "--iters", "4", "--threads", "1");
        assertThat(longer.code()).as(longer.err()).isEqualTo(0);
        // this toy schedule (ψ over 1 step, periods of 1, 2, 4 steps) puts the last step, 0-based 3, at epoch 2, the
        // middle of the second cycle: 0.9·(1 + cos(π/2))/2 = 0.45 of the base rate; no cycle this short settles
        assertThat(longer.out()).contains("Lengthening " + run + " from 2 to 4 iterations; warning: its last step runs"
                + " at 0.45 of the base learning rate, in mid-cycle.");
        assertThat(org.gan4j.train.MetricsLog.read(run.resolve("metrics.csv")).rows()).hasSize(4);
        assertThat(Files.readString(run.resolve("config.json"))).contains("\"iters\" : 4", "\"annealPsi\" : 1");

        Path faces = faces(4);
        Path congealed = tmp.resolve("congealed");
        Cli c = Cli.run("gangealing", "congeal", "--model", run.toString(), "--images", faces.toString(), "--out",
                congealed.toString(), "--keep-fraction", "0.5", "--threads", "1");
        assertThat(c.code()).as(c.err()).isEqualTo(0);
        assertThat(congealed.resolve("average.png")).exists();
        assertThat(Files.readAllLines(congealed.resolve("scores.csv"))).hasSize(5);
        Cli twice = Cli.run("gangealing", "congeal", "--model", run.toString(), "--images", faces.toString(), "--out",
                tmp.resolve("congealed-iters2").toString(), "--iters", "2", "--threads", "1");
        assertThat(twice.code()).as(twice.err()).isEqualTo(0);
        assertThat(twice.out()).contains("2 similarity iterations;");
        try (var files = Files.list(congealed)) {
            assertThat(files.filter(p -> p.getFileName().toString().startsWith("f")).count()).isEqualTo(2);
        }

        // export: t_ema, ll and args alone, a fraction of the checkpoint, congealing to the same pixels
        Path small = tmp.resolve("small.pt");
        Cli x = Cli.run("gangealing", "export", "--model", run.toString(), "--out", small.toString());
        assertThat(x.code()).as(x.err()).isEqualTo(0);
        assertThat(ExportCliTest.keys(small))
                .containsExactly("t_ema", "ll", "args", "iter");
        assertThat(Files.size(small)).isLessThan(Files.size(run.resolve("checkpoints/latest.pt")) / 2);
        Path again2 = tmp.resolve("congealed-small");
        assertThat(Cli.run("gangealing", "congeal", "--model", small.toString(), "--images", faces.toString(), "--out",
                again2.toString(), "--keep-fraction", "0.5", "--threads", "1").code()).isEqualTo(0);
        assertThat(Files.readAllBytes(again2.resolve("average.png"))).isEqualTo(Files.readAllBytes(congealed.resolve("average.png")));

        Path a = faces.resolve("f00.png");
        Path b = faces.resolve("f01.png");
        Path pts = tmp.resolve("a.json");
        Files.writeString(pts, "{\"points\": [[5, 6], [12.5, 9]]}");
        Path out = tmp.resolve("b.json");
        Cli t = Cli.run("gangealing", "transfer", "--model", run.toString(), "--source", a.toString(), "--points",
                pts.toString(), "--target", b.toString(), "--out", out.toString(), "--picture", tmp.resolve("t.png").toString());
        assertThat(t.code()).as(t.err()).isEqualTo(0);
        assertThat(KeypointSets.readPoints(out)).hasDimensions(2, 2);
        assertThat(tmp.resolve("t.png")).exists();
        Cli corr = Cli.run("gangealing", "correspondence", "--model", run.toString(), "--source", a.toString(),
                "--target", b.toString(), "--out", tmp.resolve("corr.png").toString(), "--grid", "4");
        assertThat(corr.code()).as(corr.err()).isEqualTo(0);

        Path edit = tmp.resolve("edit.png");
        BufferedImage e = new BufferedImage(16, 16, BufferedImage.TYPE_INT_ARGB);
        Graphics2D g = e.createGraphics();
        g.setColor(new Color(255, 0, 0, 255));
        g.fillOval(4, 4, 5, 5);
        g.dispose();
        ImageIO.write(e, "png", edit.toFile());
        Path gif = tmp.resolve("edited.gif");
        Cli p = Cli.run("gangealing", "propagate", "--model", run.toString(), "--edit", edit.toString(), "--images",
                faces.toString(), "--out", gif.toString(), "--blend", "laplacian");
        assertThat(p.code()).as(p.err()).isEqualTo(0);
        Cli fromGif = Cli.run("gangealing", "propagate", "--model", run.toString(), "--edit", edit.toString(), "--images",
                gif.toString(), "--out", tmp.resolve("frames").toString());
        assertThat(fromGif.code()).as(fromGif.err()).isEqualTo(0);
        try (var files = Files.list(tmp.resolve("frames"))) {
            assertThat(files.count()).isEqualTo(4);
        }

        Cli pck = Cli.run("gangealing", "pck", "--model", run.toString(), "--data", "builtin:faces", "--pairs", "3",
                "--bootstrap", "0", "--iters", "2");
        assertThat(pck.code()).as(pck.err()).isEqualTo(0);
        assertThat(pck.out()).contains("GANgealing", "2 similarity iterations", "similarity only", "identity", "PCK@0.1",
                "Placement undone by the similarity STN", "true shift", "true similarity");

        // one-line errors
        Cli noModel = Cli.run("gangealing", "congeal", "--model", tmp.resolve("nothing").toString(), "--images",
                faces.toString(), "--out", congealed.toString());
        assertThat(noModel.code()).isEqualTo(2);
        assertThat(noModel.errLines()).isEqualTo(1);
        Path opaque = tmp.resolve("opaque.png");
        Images.writePng(opaque, Faces.sample(1, 16).image());
        Cli noAlpha = Cli.run("gangealing", "propagate", "--model", run.toString(), "--edit", opaque.toString(),
                "--images", faces.toString(), "--out", tmp.resolve("x").toString());
        assertThat(noAlpha.code()).isEqualTo(2);
        assertThat(noAlpha.err()).contains("alpha");
        assertThat(noAlpha.errLines()).isEqualTo(1);
        Files.writeString(pts, "{\"points\": [[5]]}");
        Cli badPoints = Cli.run("gangealing", "transfer", "--model", run.toString(), "--source", a.toString(), "--points",
                pts.toString(), "--target", b.toString(), "--out", out.toString());
        assertThat(badPoints.code()).isEqualTo(2);
        assertThat(badPoints.errLines()).isEqualTo(1);
        Cli notGangealing = Cli.run("gangealing", "congeal", "--model", tmp.resolve("g16.pt").toString(), "--images",
                faces.toString(), "--out", congealed.toString());
        assertThat(notGangealing.code()).isEqualTo(2);
        assertThat(notGangealing.err()).contains("t_ema");
    }

    @Test
    void clustersTrainTheirClassifierWhichThenPicksHeadsAndFlips() throws Exception {
        Path run = tmp.resolve("k2");
        Cli r = Cli.run("gangealing", "train", "--model", generator().toString(), "--heads", "2", "--flips", "--iters", "2",
                "--batch", "2", "--seed", "1", "--threads", "1", "--out", run.toString());
        assertThat(r.code()).as(r.err()).isEqualTo(0);
        Path cls = tmp.resolve("k2-classified");
        Cli c = Cli.run("gangealing", "classifier", "--model", run.toString(), "--iters", "3", "--batch", "2", "--seed", "2",
                "--threads", "1", "--out", cls.toString());
        assertThat(c.code()).as(c.err()).isEqualTo(0);
        assertThat(Files.readString(cls.resolve("metrics.csv"))).contains("cross_entropy", "acc1");
        Cli again = Cli.run("gangealing", "classifier", "--resume", cls.toString(), "--threads", "1");
        assertThat(again.code()).as(again.err()).isEqualTo(0);
        Path out = tmp.resolve("congealed");
        Cli congeal = Cli.run("gangealing", "congeal", "--model", cls.toString(), "--images", faces(3).toString(), "--out",
                out.toString());
        assertThat(congeal.code()).as(congeal.err()).isEqualTo(0);
        List<String> rows = Files.readAllLines(out.resolve("scores.csv"));
        assertThat(rows).hasSize(4);
        assertThat(rows.get(0)).isEqualTo("image,flow_tv,mirrored,head,kept");
        try (var files = Files.list(out)) {
            assertThat(files.filter(p -> p.getFileName().toString().startsWith("average-head")).count()).isPositive();
        }
        // an edit drawn on one cluster's average goes into every image through that cluster's head
        Path faces = tmp.resolve("faces");
        Path edit = tmp.resolve("edit-k.png");
        BufferedImage e = new BufferedImage(16, 16, BufferedImage.TYPE_INT_ARGB);
        Graphics2D g = e.createGraphics();
        g.setColor(new Color(0, 255, 0, 255));
        g.fillRect(5, 5, 4, 4);
        g.dispose();
        ImageIO.write(e, "png", edit.toFile());
        Cli noCluster = Cli.run("gangealing", "propagate", "--model", cls.toString(), "--edit", edit.toString(), "--images",
                faces.toString(), "--out", tmp.resolve("k-edited").toString());
        assertThat(noCluster.code()).isEqualTo(2);
        assertThat(noCluster.err()).contains("--cluster");
        assertThat(noCluster.errLines()).isEqualTo(1);
        Cli withCluster = Cli.run("gangealing", "propagate", "--model", cls.toString(), "--edit", edit.toString(),
                "--images", faces.toString(), "--cluster", "1", "--out", tmp.resolve("k-edited").toString());
        assertThat(withCluster.code()).as(withCluster.err()).isEqualTo(0);
        try (var files = Files.list(tmp.resolve("k-edited"))) {
            assertThat(files.count()).isEqualTo(3);
        }
        // points move within a cluster (or the one-line reason why not)
        Path pts = tmp.resolve("k.json");
        Files.writeString(pts, "{\"points\": [[5, 6], [12.5, 9]]}");
        Path a = faces.resolve("f00.png");
        Cli self = Cli.run("gangealing", "transfer", "--model", cls.toString(), "--source", a.toString(), "--points",
                pts.toString(), "--target", a.toString(), "--out", tmp.resolve("k-out.json").toString());
        assertThat(self.code()).as(self.err()).isEqualTo(0);
        assertThat(KeypointSets.readPoints(tmp.resolve("k-out.json"))).hasDimensions(2, 2);
        // a one-head run has nothing to classify
        Path one = tmp.resolve("k1");
        Cli.run("gangealing", "train", "--model", generator().toString(), "--iters", "1", "--batch", "2", "--seed", "1",
                "--out", one.toString());
        Cli nothing = Cli.run("gangealing", "classifier", "--model", one.toString(), "--out", tmp.resolve("x").toString());
        assertThat(nothing.code()).isEqualTo(2);
        assertThat(nothing.err()).contains("nothing to classify");
    }
}
