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
 * {@code gan4j spade ...} in-process: a tiny run on paired folders trains, resumes and synthesizes at the label map's
 * own size; each bad label map gets one line naming the file, the value and the flag, before anything is written.
 */
class SpadeCliTest {

    @TempDir
    Path tmp;

    /** Four builtin:scenes pairs written as folders of 8-bit id PNGs and photos. */
    private Path[] folders(int n, int size) throws Exception {
        Path labels = Files.createDirectories(tmp.resolve("labels"));
        Path images = Files.createDirectories(tmp.resolve("images"));
        for (int i = 0; i < n; i++) {
            ScenePair p = Scenes.pair(i, size, size);
            LabelMaps.writePng(labels.resolve(String.format("%04d.png", i)), p.labels());
            Images.writePng(images.resolve(String.format("%04d.png", i)), p.image());
        }
        return new Path[] {labels, images};
    }

    private static String[] tiny(Path labels, Path images, Path out, String... more) {
        String[] base = {"spade", "train", "--labels", labels.toString(), "--images", images.toString(), "--label-nc", "10",
                "--size", "32", "--ngf", "2", "--ndf", "4", "--batch", "2", "--vgg", "none", "--seed", "1",
                "--threads", "1", "--out", out.toString()};
        String[] all = new String[base.length + more.length];
        System.arraycopy(base, 0, all, 0, base.length);
        System.arraycopy(more, 0, all, base.length, more.length);
        return all;
    }

    @Test
    void badLabelMapsAreOneLineErrorsBeforeTheRunExists() throws Exception {
        Path[] f = folders(3, 32);
        // a value >= --label-nc
        LabelMap bad = Scenes.pair(1, 32, 32).labels();
        bad.ids()[5 * 32 + 7] = 37;
        LabelMaps.writePng(f[0].resolve("0001.png"), bad);
        Path out = tmp.resolve("run");
        Cli r = Cli.run(tiny(f[0], f[1], out, "--iters", "1"));
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.errLines()).isEqualTo(1);
        assertThat(r.err()).contains("0001.png").contains("label value 37").contains("(x=7, y=5)").contains("--label-nc");
        assertThat(out).doesNotExist();

        // a label map without its photo
        LabelMaps.writePng(f[0].resolve("0001.png"), Scenes.pair(1, 32, 32).labels());
        LabelMaps.writePng(f[0].resolve("0099.png"), Scenes.pair(9, 32, 32).labels());
        r = Cli.run(tiny(f[0], f[1], out, "--iters", "1"));
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.errLines()).isEqualTo(1);
        assertThat(r.err()).contains("0099.png");
        Files.delete(f[0].resolve("0099.png"));

        // the value 255 (don't care) without --dontcare
        LabelMap dc = Scenes.pair(2, 32, 32).labels();
        dc.ids()[0] = 255;
        LabelMaps.writePng(f[0].resolve("0002.png"), dc);
        r = Cli.run(tiny(f[0], f[1], out, "--iters", "1"));
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.errLines()).isEqualTo(1);
        assertThat(r.err()).contains("0002.png").contains("255").contains("--dontcare");
        assertThat(out).doesNotExist();

        // builtin:scenes with a label count of its own, and a missing --label-nc
        r = Cli.run("spade", "train", "--labels", f[0].toString(), "--images", f[1].toString(), "--out", out.toString());
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains("--label-nc");
    }

    @Test
    @Tag("slow") // two JVMs, twice
    void nprocTwoTrainsOneRunAndResumesIt() throws Exception {
        Path run = tmp.resolve("dp");
        Cli r = Cli.run("spade", "train", "--labels", "builtin:scenes", "--size", "32", "--ngf", "2", "--ndf", "4",
                "--batch", "4", "--vgg", "none", "--iters", "2", "--seed", "1", "--nproc", "2", "--out", run.toString());
        assertThat(r.code()).as(r.out() + r.err()).isEqualTo(0);
        assertThat(r.out()).contains("Starting 2 processes");
        assertThat(r.err()).contains("2 processes, 2 pairs each per batch");
        assertThat(run.resolve("latest_net_G.pth")).exists();
        assertThat(run.resolve("palette.json")).exists();
        assertThat(org.gan4j.train.MetricsLog.read(run.resolve("metrics.csv")).rows()).hasSize(2);
        Cli again = Cli.run("spade", "train", "--resume", run.toString(), "--nproc", "2");
        assertThat(again.code()).as(again.out() + again.err()).isEqualTo(0);
        assertThat(org.gan4j.train.MetricsLog.read(run.resolve("metrics.csv")).rows()).hasSize(2);
    }

    @Test
    @Tag("slow")
    void trainsResumesAndSynthesizesAtTheLabelMapsSize() throws Exception {
        Path[] f = folders(4, 32);
        Path run = tmp.resolve("run");
        Cli r = Cli.run(tiny(f[0], f[1], run, "--iters", "3"));
        assertThat(r.code()).as(r.err()).isEqualTo(0);
        assertThat(run.resolve("latest_net_G.pth")).exists();
        assertThat(run.resolve("latest_net_D.pth")).exists();
        assertThat(run.resolve("palette.json")).exists();

        Cli again = Cli.run("spade", "train", "--resume", run.toString(), "--threads", "1");
        assertThat(again.code()).as(again.err()).isEqualTo(0);

        // a 48x80 label map (not the trained 32x32, not a multiple of 32): the photo has its size
        LabelMap map = Scenes.pair(7, 80, 48).labels();
        Path mapFile = tmp.resolve("map.png");
        LabelMaps.writePng(mapFile, map);
        Path out = tmp.resolve("out");
        Cli s = Cli.run("spade", "synthesize", "--model", run.toString(), "--labels", mapFile.toString(), "--out",
                out.toString(), "--threads", "1");
        assertThat(s.code()).as(s.err()).isEqualTo(0);
        assertThat(Images.read(out.resolve("synth_000.png")).getWidth()).isEqualTo(80);
        assertThat(Images.read(out.resolve("synth_000.png")).getHeight()).isEqualTo(48);
        assertThat(out.resolve("labels_color.png")).exists();

        Cli style = Cli.run("spade", "synthesize", "--model", run.toString(), "--labels", mapFile.toString(), "--style",
                f[1].resolve("0000.png").toString(), "--out", out.toString());
        assertThat(style.code()).isEqualTo(2);
        assertThat(style.errLines()).isEqualTo(1);
        assertThat(style.err()).contains("without the style encoder");
    }
}
