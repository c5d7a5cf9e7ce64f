package org.gan4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.gan4j.data.Npy;
import org.gan4j.stylegan2.Discriminator;
import org.gan4j.stylegan2.Generator;
import org.gan4j.stylegan2.Stylegan2Checkpoint;
import org.gan4j.stylegan2.Stylegan2Config;
import org.gan4j.torch.Scope;
import org.gan4j.torch.Seeds;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code gan4j orojar ...} and {@code gan4j sefa} in-process on tiny networks: train, resume, traverse, SeFa, errors. */
class OrojarCliTest {

    @TempDir
    Path tmp;

    @Test
    @org.junit.jupiter.api.Tag("slow") // two JVMs, twice
    void nprocTwoTrainsOneRunAndResumesIt() throws Exception {
        Path run = tmp.resolve("oj2");
        Cli r = Cli.run("orojar", "train", "--reg", "orojar", "--width", "2", "--batch", "4", "--iters", "2", "--seed", "1",
                "--nproc", "2", "--out", run.toString());
        assertThat(r.code()).as(r.out() + r.err()).isEqualTo(0);
        assertThat(r.out()).contains("Starting 2 processes", "Generator: ");
        assertThat(r.err()).contains("2 processes, 2 images each per batch");
        assertThat(run.resolve("latest_net_G.pth")).exists();
        assertThat(org.gan4j.train.MetricsLog.read(run.resolve("metrics.csv")).rows()).hasSize(2);
        Cli again = Cli.run("orojar", "train", "--resume", run.toString(), "--nproc", "2");
        assertThat(again.code()).as(again.out() + again.err()).isEqualTo(0);
        assertThat(org.gan4j.train.MetricsLog.read(run.resolve("metrics.csv")).rows()).hasSize(2);

        Cli odd = Cli.run("orojar", "train", "--width", "2", "--batch", "3", "--iters", "2", "--nproc", "2", "--out",
                tmp.resolve("odd").toString());
        assertThat(odd.code()).isNotZero();
        assertThat(odd.err()).contains("--batch 3 does not split evenly over 2 processes");
    }

    @Test
    void trainResumeTraverseAndSefa() throws Exception {
        Path run = tmp.resolve("oj");
        Cli r = Cli.run("orojar", "train", "--reg", "orojar", "--width", "2", "--batch", "2", "--iters", "2", "--seed", "1",
                "--threads", "1", "--out", run.toString());
        assertThat(r.code()).as(r.err()).isEqualTo(0);
        assertThat(run.resolve("latest_net_G.pth")).exists();
        Cli again = Cli.run("orojar", "train", "--resume", run.toString(), "--threads", "1");
        assertThat(again.code()).as(again.err()).isEqualTo(0);

        Path grid = tmp.resolve("t.png");
        Cli t = Cli.run("orojar", "traverse", "--model", run.toString(), "--steps", "5", "--dims", "0,2", "--gif",
                "--seed", "4", "--out", grid.toString());
        assertThat(t.code()).as(t.err()).isEqualTo(0);
        assertThat(grid).exists();
        assertThat(tmp.resolve("t-z0-dim2.gif")).exists();

        Path vpJson = tmp.resolve("vp.json");
        Cli vp = Cli.run("orojar", "vp", "--model", run.toString(), "--pairs", "200", "--runs", "2", "--epochs", "2",
                "--seed", "1", "--out", vpJson.toString());
        assertThat(vp.code()).as(vp.err()).isEqualTo(0);
        assertThat(vp.out()).contains("VP = ");
        assertThat(Files.readString(vpJson)).contains("\"vp\"", "\"runs\"");
        Cli ppl = Cli.run("orojar", "ppl", "--model", run.toString(), "--samples", "200", "--seed", "1");
        assertThat(ppl.code()).as(ppl.err()).isEqualTo(0);
        assertThat(ppl.out()).contains("PPL", "pixel MSE");
        Cli noVgg = Cli.run("orojar", "ppl", "--model", run.toString(), "--vgg16", tmp.resolve("vgg.pth").toString());
        assertThat(noVgg.code()).isEqualTo(2);
        assertThat(noVgg.errLines()).isEqualTo(1);

        Path sefa = tmp.resolve("sefa");
        Cli s = Cli.run("sefa", "--model", run.resolve("latest_net_G.pth").toString(), "--count", "4", "--out", sefa.toString());
        assertThat(s.code()).as(s.err()).isEqualTo(0);
        assertThat(Npy.read(sefa.resolve("directions.npy")).shape()).containsExactly(4, 6);
        assertThat(Npy.read(sefa.resolve("eigenvalues.npy")).shape()).containsExactly(4);
        assertThat(sefa.resolve("traversal.png")).exists();

        // StyleGAN2, from a checkpoint with only g_ema
        Stylegan2Config c = Stylegan2Config.fast(8).withStyleDim(8).withNMlp(1).withChannels(1, 8, 16).withSeed(3);
        Path ck = tmp.resolve("g8.pt");
        try (Scope sc = new Scope()) {
            Seeds.seed(3);
            new Stylegan2Checkpoint(c, null, null, new Generator(c), null, null, null, Map.of()).save(ck);
        }
        Path sefa2 = tmp.resolve("sefa2");
        Cli s2 = Cli.run("sefa", "--model", ck.toString(), "--layers", "0-1", "--count", "3", "--steps", "3", "--out",
                sefa2.toString());
        assertThat(s2.code()).as(s2.err()).isEqualTo(0);
        assertThat(Npy.read(sefa2.resolve("directions.npy")).shape()).containsExactly(3, 8);
        // the shipped faces generator by its name
        Path sefa3 = tmp.resolve("sefa3");
        Cli s3 = Cli.run("sefa", "--model", "builtin:faces", "--count", "2", "--samples", "1", "--steps", "3", "--out",
                sefa3.toString());
        assertThat(s3.code()).as(s3.err()).isEqualTo(0);
        assertThat(Npy.read(sefa3.resolve("directions.npy")).shape()).containsExactly(2, 128); // its style dim
        // directions traversed: the dSprites GAN's SeFa directions, and the StyleGAN2's (a StyleGAN2 needs them)
        Cli td = Cli.run("orojar", "traverse", "--model", run.toString(), "--directions",
                sefa.resolve("directions.npy").toString(), "--dims", "1,3", "--steps", "3", "--gif", "--out",
                tmp.resolve("td.png").toString());
        assertThat(td.code()).as(td.err()).isEqualTo(0);
        assertThat(tmp.resolve("td-z0-dir3.gif")).exists();
        Cli ts = Cli.run("orojar", "traverse", "--model", ck.toString(), "--directions",
                sefa2.resolve("directions.npy").toString(), "--steps", "3", "--out", tmp.resolve("ts.png").toString());
        assertThat(ts.code()).as(ts.err()).isEqualTo(0);
        Cli noDirs = Cli.run("orojar", "traverse", "--model", ck.toString(), "--out", tmp.resolve("tn.png").toString());
        assertThat(noDirs.code()).isEqualTo(2);
        assertThat(noDirs.err()).contains("--directions");
        Cli wrongDim = Cli.run("orojar", "traverse", "--model", run.toString(), "--directions",
                sefa2.resolve("directions.npy").toString(), "--out", tmp.resolve("tw.png").toString());
        assertThat(wrongDim.code()).isEqualTo(2);
        assertThat(wrongDim.errLines()).isEqualTo(1);

        Path disc = tmp.resolve("disc");
        Cli dc = Cli.run("orojar", "discover", "--model", ck.toString(), "--count", "3", "--iters", "3", "--batch", "2",
                "--steps", "3", "--seed", "2", "--out", disc.toString());
        assertThat(dc.code()).as(dc.err()).isEqualTo(0);
        assertThat(Npy.read(disc.resolve("directions.npy")).shape()).containsExactly(3, 8);
        Cli dc2 = Cli.run("orojar", "discover", "--model", run.toString(), "--count", "7", "--out", disc.toString());
        assertThat(dc2.code()).isEqualTo(2); // 7 directions in a 6-dimensional z
        assertThat(dc2.errLines()).isEqualTo(1);

        Path demo = tmp.resolve("demo");
        Cli dm = Cli.run("demo", "orojar", "--iters", "2", "--threads", "1", "--out", demo.toString());
        assertThat(dm.code()).as(dm.err()).isEqualTo(0);
        assertThat(demo.resolve("traversal.png")).exists();
        assertThat(demo.resolve("sefa.png")).exists();

        // one-line errors
        Cli badReg = Cli.run("orojar", "train", "--reg", "jacobian", "--out", tmp.resolve("x").toString());
        assertThat(badReg.code()).isEqualTo(2);
        assertThat(badReg.errLines()).isEqualTo(1);
        Cli badData = Cli.run("orojar", "train", "--data", tmp.resolve("none.npz").toString(), "--out", tmp.resolve("y").toString());
        assertThat(badData.code()).isEqualTo(2);
        assertThat(badData.err()).contains("none.npz");
        assertThat(Files.exists(tmp.resolve("y"))).isFalse();
        Cli badDims = Cli.run("orojar", "traverse", "--model", run.toString(), "--dims", "9", "--out", grid.toString());
        assertThat(badDims.code()).isEqualTo(2);
        assertThat(badDims.errLines()).isEqualTo(1);
        Cli badLayers = Cli.run("sefa", "--model", ck.toString(), "--layers", "0-40", "--out", sefa2.toString());
        assertThat(badLayers.code()).isEqualTo(2);
        assertThat(badLayers.errLines()).isEqualTo(1);
    }
}
