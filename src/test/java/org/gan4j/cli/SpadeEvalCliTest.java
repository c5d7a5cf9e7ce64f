package org.gan4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import org.gan4j.data.Images;
import org.gan4j.data.Scenes;
import org.gan4j.metrics.Segmenter;
import org.gan4j.spade.SpadeConfig;
import org.gan4j.spade.SpadeGenerator;
import org.gan4j.spade.SpadeMethod;
import org.gan4j.spade.SpadeModel;
import org.gan4j.spade.SpadeNets;
import org.gan4j.spade.SpadeRun;
import org.gan4j.torch.PtFile;
import org.gan4j.torch.Seeds;
import org.gan4j.torch.StateDict;
import org.gan4j.train.RunDir;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** gan4j spade segmenter train and gan4j spade eval, in-process, with tiny settings. */
class SpadeEvalCliTest {

    @TempDir
    Path tmp;

    /** A 32 px SPADE run on builtin:scenes with an untrained generator (ngf 4), as a finished run holds it. */
    private Path untrainedRun() {
        SpadeConfig c = SpadeConfig.fast(Scenes.LABEL_NC, 32);
        SpadeNets n = c.nets().withWidths(4, 4);
        c = c.withNets(n);
        RunDir run = RunDir.create(SpadeMethod.NAME, tmp.resolve("run"));
        run.writeConfig(SpadeRun.onScenes(c, 2));
        Seeds.seed(4);
        try (SpadeGenerator g = new SpadeGenerator(n)) {
            PtFile.save(run.path(SpadeModel.NET_G), StateDict.of(g.stateDict()));
        }
        return run.dir();
    }

    @Test
    void segmenterTrainThenEvalWriteTheirFilesAndTheTable() throws Exception {
        Path pt = tmp.resolve("seg").resolve("seg32.pt");
        Cli t = Cli.run("spade", "segmenter", "train", "--labels", "builtin:scenes", "--size", "32", "--widths", "4,8",
                "--iters", "3", "--batch", "2", "--pairs", "4", "--holdout", "4", "--threads", "1", "--out", pt.toString());
        assertThat(t.code()).as(t.err()).isZero();
        assertThat(t.out()).contains("training on pairs 0..3, holding out 10000..10003")
                .contains("Held-out real pairs 10000..10003: mIoU").contains("Wrote " + pt);
        assertThat(Files.readString(tmp.resolve("seg").resolve("seg32.json"))).contains("\"size\" : 32")
                .contains("\"heldOut\"").contains("\"pixelAccuracy\"");
        try (Segmenter s = Segmenter.load(pt)) {
            assertThat(s.settings().labelNc()).isEqualTo(Scenes.LABEL_NC);
        }

        Path run = untrainedRun();
        Path out = tmp.resolve("eval");
        Cli e = Cli.run("spade", "eval", "--model", run.toString(), "--segmenter", pt.toString(), "--count", "4",
                "--examples", "2", "--threads", "1", "--out", out.toString());
        assertThat(e.code()).as(e.err()).isZero();
        assertThat(e.out()).contains("pairs 10000..10003").contains("real photos").contains("synthesized")
                .contains("shuffled label maps").contains("FID: not computed");
        String json = Files.readString(out.resolve("eval.json"));
        assertThat(json).contains("\"pairs\" : 4").contains("\"firstPair\" : 10000").contains("\"shuffled\"")
                .contains("\"meanIou\"").contains("\"fid\" : null");
        BufferedImage strip = Images.read(out.resolve("example_10001.png"));
        assertThat(strip.getWidth()).isEqualTo(5 * 32 + 4 * 2);
        assertThat(out.resolve("example_10002.png")).doesNotExist();
    }

    @Test
    void badFlagsAreOneLineWithExitCode2() {
        Cli size = Cli.run("spade", "segmenter", "train", "--labels", "builtin:scenes", "--size", "60", "--out",
                tmp.resolve("s.pt").toString());
        assertThat(size.code()).isEqualTo(2);
        assertThat(size.errLines()).isEqualTo(1);
        assertThat(size.err()).contains("--size 60").contains("multiple of 8");
        assertThat(tmp.resolve("s.pt")).doesNotExist();

        Cli scenes = Cli.run("spade", "segmenter", "train", "--labels", "builtin:scenes", "--label-nc", "5");
        assertThat(scenes.code()).isEqualTo(2);
        assertThat(scenes.errLines()).isEqualTo(1);
        assertThat(scenes.err()).contains("drop --images/--label-nc");

        Cli json = Cli.run("spade", "segmenter", "train", "--labels", "builtin:scenes", "--out", tmp.resolve("s.json").toString());
        assertThat(json.code()).isEqualTo(2);
        assertThat(json.errLines()).isEqualTo(1);
        assertThat(json.err()).contains("must end in .pt");

        Cli unknown = Cli.run("spade", "segmenter", "train", "--labels", "builtin:scenes", "--iterz", "3");
        assertThat(unknown.code()).isEqualTo(2);
        assertThat(unknown.err()).contains("--iterz");

        Cli noModel = Cli.run("spade", "eval", "--model", tmp.resolve("nowhere").toString(), "--segmenter",
                tmp.resolve("s.pt").toString());
        assertThat(noModel.code()).isEqualTo(2);
        assertThat(noModel.errLines()).isEqualTo(1);
        assertThat(noModel.err()).contains("nowhere");

        Cli noSegmenter = Cli.run("spade", "eval", "--model", untrainedRun().toString(), "--segmenter",
                tmp.resolve("s.pt").toString());
        assertThat(noSegmenter.code()).isEqualTo(2);
        assertThat(noSegmenter.errLines()).isEqualTo(1);
        assertThat(noSegmenter.err()).contains("s.pt").contains("spade segmenter train");
    }
}
