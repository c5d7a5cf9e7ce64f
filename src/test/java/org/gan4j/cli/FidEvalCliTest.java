package org.gan4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.bytedeco.pytorch.Tensor;
import org.gan4j.data.Scenes;
import org.gan4j.nn.FidWeights;
import org.gan4j.spade.SpadeConfig;
import org.gan4j.spade.SpadeGenerator;
import org.gan4j.spade.SpadeMethod;
import org.gan4j.spade.SpadeModel;
import org.gan4j.spade.SpadeNets;
import org.gan4j.spade.SpadeRun;
import org.gan4j.torch.PtFile;
import org.gan4j.torch.Scope;
import org.gan4j.torch.Seeds;
import org.gan4j.torch.StateDict;
import org.gan4j.train.RunDir;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** gan4j spade eval --inception: FID in the table and eval.json, the segmentation scores unchanged, its errors. */
class FidEvalCliTest {

    @TempDir
    Path tmp;

    /** A 32 px SPADE run on builtin:scenes with an untrained generator (ngf 4), as SpadeEvalCliTest makes it. */
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

    private Path segmenter() {
        Path pt = tmp.resolve("seg32.pt");
        Cli t = Cli.run("spade", "segmenter", "train", "--labels", "builtin:scenes", "--size", "32", "--widths", "4,8",
                "--iters", "2", "--batch", "2", "--pairs", "4", "--holdout", "4", "--threads", "1", "--out", pt.toString());
        assertThat(t.code()).as(t.err()).isZero();
        return pt;
    }

    private static List<String> scoreRows(String out) {
        return out.lines().filter(l -> l.startsWith("real photos") || l.startsWith("synthesized")
                || l.startsWith("shuffled label maps")).toList();
    }

    @Test
    void missingInceptionFileIsOneLineWithExitCode2() {
        Path missing = tmp.resolve("pt_inception-2015-12-05-6726825d.pth");
        Cli e = Cli.run("spade", "eval", "--model", tmp.resolve("run").toString(), "--segmenter",
                tmp.resolve("s.pt").toString(), "--inception", missing.toString());
        assertThat(e.code()).isEqualTo(2);
        assertThat(e.errLines()).isEqualTo(1);
        assertThat(e.err()).contains("--inception").contains(missing.toString()).contains("not found");
    }

    @Test
    void foreignInceptionFileIsOneLine() throws Exception {
        Path notes = tmp.resolve("notes.pth");
        Files.writeString(notes, "not weights");
        Cli e = Cli.run("spade", "eval", "--model", untrainedRun().toString(), "--segmenter", segmenter().toString(),
                "--count", "2", "--threads", "1", "--inception", notes.toString());
        assertThat(e.code()).isEqualTo(2);
        assertThat(e.errLines()).isEqualTo(1);
        assertThat(e.err()).contains("notes.pth");
    }

    @Tag("slow")
    @Test
    void fidIsInTheTableAndJsonAndTheScoresAreUnchanged() throws Exception {
        Path weights = tmp.resolve("inception.pth");
        try (Scope s = new Scope()) {
            Map<String, Tensor> w = FidWeights.stateDict();
            PtFile.save(weights, StateDict.of(w));
        }
        Path run = untrainedRun();
        Path seg = segmenter();
        Cli plain = Cli.run("spade", "eval", "--model", run.toString(), "--segmenter", seg.toString(), "--count", "4",
                "--threads", "1", "--out", tmp.resolve("plain").toString());
        assertThat(plain.code()).as(plain.err()).isZero();
        assertThat(plain.out()).contains("FID: not computed");
        Cli fid = Cli.run("spade", "eval", "--model", run.toString(), "--segmenter", seg.toString(), "--count", "4",
                "--threads", "1", "--inception", weights.toString(), "--out", tmp.resolve("fid").toString());
        assertThat(fid.code()).as(fid.err()).isZero();
        assertThat(fid.out()).doesNotContain("not computed").containsPattern("(?m)^FID +\\d+\\.\\d{3} ")
                .contains("4 real photos vs 4 synthesized images");
        assertThat(scoreRows(fid.out())).hasSize(3).containsExactlyElementsOf(scoreRows(plain.out()));
        String json = Files.readString(tmp.resolve("fid").resolve("eval.json"));
        assertThat(json).containsPattern("\"fid\" : \\d+\\.\\d+").contains("\"fidReal\" : 4")
                .contains("\"fidSynthesized\" : 4").contains("inception.pth");
        assertThat(Files.readString(tmp.resolve("plain").resolve("eval.json"))).contains("\"fid\" : null");
    }
}
