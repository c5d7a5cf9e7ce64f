package org.gan4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.gan4j.data.Images;
import org.gan4j.data.LabelMap;
import org.gan4j.data.LabelMaps;
import org.gan4j.data.ScenePair;
import org.gan4j.data.Scenes;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code gan4j cocosnet ...} in-process: a tiny run on paired folders trains and resumes; translate takes the user's
 * exemplar and draws the warp; eval scores held-out scenes; bad inputs are one line each.
 */
@Tag("slow")
class CocosCliTest {

    @TempDir
    Path tmp;

    private Path[] folders(int n, int size) {
        Path labels = tmp.resolve("labels");
        Path images = tmp.resolve("images");
        try {
            Files.createDirectories(labels);
            Files.createDirectories(images);
        } catch (java.io.IOException e) {
            throw new RuntimeException(e);
        }
        for (int i = 0; i < n; i++) {
            ScenePair p = Scenes.pair(i, size, size);
            LabelMaps.writePng(labels.resolve(String.format("%04d.png", i)), p.labels());
            Images.writePng(images.resolve(String.format("%04d.png", i)), p.image());
        }
        return new Path[] {labels, images};
    }

    @Test
    @org.junit.jupiter.api.Tag("slow") // two JVMs, twice
    void nprocTwoTrainsOneRunAndResumesIt() throws Exception {
        Path[] f = folders(4, 64);
        Path run = tmp.resolve("dp");
        Cli r = Cli.run("cocosnet", "train", "--labels", f[0].toString(), "--images", f[1].toString(), "--label-nc", "10",
                "--ngf", "4", "--ndf", "4", "--ngf-corr", "8", "--batch", "4", "--iters", "2", "--seed", "1", "--nproc", "2",
                "--out", run.toString());
        assertThat(r.code()).as(r.out() + r.err()).isEqualTo(0);
        assertThat(r.out()).contains("Starting 2 processes");
        assertThat(r.err()).contains("2 processes, 2 pairs each per batch");
        assertThat(run.resolve("latest_net_G.pth")).exists();
        assertThat(org.gan4j.train.MetricsLog.read(run.resolve("metrics.csv")).rows()).hasSize(2);
        Cli again = Cli.run("cocosnet", "train", "--resume", run.toString(), "--nproc", "2");
        assertThat(again.code()).as(again.out() + again.err()).isEqualTo(0);
        assertThat(org.gan4j.train.MetricsLog.read(run.resolve("metrics.csv")).rows()).hasSize(2);
    }

    @Test
    void trainsResumesTranslatesWithTheUsersExemplarAndEvaluates() throws Exception {
        Path[] f = folders(4, 64);
        Path run = tmp.resolve("run");
        Cli r = Cli.run("cocosnet", "train", "--labels", f[0].toString(), "--images", f[1].toString(), "--label-nc", "10",
                "--ngf", "4", "--ndf", "4", "--ngf-corr", "8", "--batch", "2", "--iters", "2", "--seed", "1", "--threads", "1",
                "--out", run.toString());
        assertThat(r.code()).as(r.err()).isEqualTo(0);
        for (String file : new String[] {"latest_net_Corr.pth", "latest_net_G.pth", "latest_net_D.pth", "palette.json"}) {
            assertThat(run.resolve(file)).exists();
        }
        Cli again = Cli.run("cocosnet", "train", "--resume", run.toString(), "--threads", "1");
        assertThat(again.code()).as(again.err()).isEqualTo(0);
        Cli mixed = Cli.run("cocosnet", "train", "--resume", run.toString(), "--iters", "9");
        assertThat(mixed.code()).isEqualTo(2);
        assertThat(mixed.errLines()).isEqualTo(1);

        // the user's exemplar: another scene, its own label map, at 96 px (not the trained 64)
        ScenePair ex = Scenes.pair(77, 96, 96);
        Path exFile = tmp.resolve("exemplar.png");
        Path exLabels = tmp.resolve("exemplar-labels.png");
        Images.writePng(exFile, ex.image());
        LabelMaps.writePng(exLabels, ex.labels());
        Path out = tmp.resolve("out/translated.png");
        Cli t = Cli.run("cocosnet", "translate", "--model", run.toString(), "--input", f[0].resolve("0001.png").toString(),
                "--exemplar", exFile.toString(), "--exemplar-labels", exLabels.toString(), "--size", "96", "--out",
                out.toString(), "--show-warp", "--threads", "1");
        assertThat(t.code()).as(t.err()).isEqualTo(0);
        assertThat(Images.read(out).getWidth()).isEqualTo(96);
        assertThat(Images.read(tmp.resolve("out/translated-warp.png")).getWidth()).isEqualTo(96);
        assertThat(Images.read(tmp.resolve("out/translated-corr.png")).getWidth()).isEqualTo(2 * 96 + 8);

        // one-line errors: no exemplar labels for a mask-mixing model, an unreadable exemplar, a bad size, a bad id
        Cli noLabels = Cli.run("cocosnet", "translate", "--model", run.toString(), "--input", f[0].resolve("0001.png").toString(),
                "--exemplar", exFile.toString(), "--out", out.toString());
        assertThat(noLabels.code()).isEqualTo(2);
        assertThat(noLabels.errLines()).isEqualTo(1);
        assertThat(noLabels.err()).contains("--exemplar-labels");
        Path junk = tmp.resolve("junk.png");
        Files.writeString(junk, "not an image");
        Cli badImage = Cli.run("cocosnet", "translate", "--model", run.toString(), "--input", f[0].resolve("0001.png").toString(),
                "--exemplar", junk.toString(), "--exemplar-labels", exLabels.toString(), "--out", out.toString());
        assertThat(badImage.code()).isEqualTo(2);
        assertThat(badImage.errLines()).isEqualTo(1);
        assertThat(badImage.err()).contains("junk.png");
        Cli badSize = Cli.run("cocosnet", "translate", "--model", run.toString(), "--input", f[0].resolve("0001.png").toString(),
                "--exemplar", exFile.toString(), "--exemplar-labels", exLabels.toString(), "--size", "48", "--out", out.toString());
        assertThat(badSize.code()).isEqualTo(2);
        assertThat(badSize.err()).contains("48").contains("multiples of 32");
        LabelMap bad = Scenes.pair(3, 64, 64).labels();
        bad.ids()[2 * 64 + 5] = 12;
        Path badMap = tmp.resolve("bad.png");
        LabelMaps.writePng(badMap, bad);
        Cli badId = Cli.run("cocosnet", "translate", "--model", run.toString(), "--input", badMap.toString(),
                "--exemplar", exFile.toString(), "--exemplar-labels", exLabels.toString(), "--out", out.toString());
        assertThat(badId.code()).isEqualTo(2);
        assertThat(badId.errLines()).isEqualTo(1);
        assertThat(badId.err()).contains("bad.png").contains("12");

        // the evaluation on three held-out scenes, without a segmenter
        Path eval = tmp.resolve("eval");
        Cli e = Cli.run("cocosnet", "eval", "--model", run.toString(), "--count", "3", "--examples", "2", "--out",
                eval.toString(), "--threads", "1");
        assertThat(e.code()).as(e.err()).isEqualTo(0);
        assertThat(e.out()).contains("style relevance").contains("correspondence (pseudo pairs)");
        assertThat(eval.resolve("eval.json")).exists();
        assertThat(eval.resolve("examples.png")).exists();
        assertThat(eval.resolve("exemplars.png")).exists();
    }

    @Test
    void newRunsCheckTheirInputsBeforeWriting() {
        Path out = tmp.resolve("run");
        Cli r = Cli.run("cocosnet", "train", "--labels", Scenes.NAME, "--size", "48", "--out", out.toString());
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains("--size 48");
        r = Cli.run("cocosnet", "train", "--labels", tmp.resolve("nowhere").toString(), "--images", tmp.toString(),
                "--label-nc", "3", "--out", out.toString());
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.errLines()).isEqualTo(1);
        assertThat(out).doesNotExist();
        r = Cli.run("cocosnet", "train", "--data", Scenes.NAME, "--dry-run");
        assertThat(r.code()).as(r.err()).isEqualTo(0);
        assertThat(r.out()).contains("\"ngfCorr\" : 32").contains("\"iters\" : 600");
    }
}
