package org.gan4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.global.torch;
import org.gan4j.data.Images;
import org.gan4j.data.Npy;
import org.gan4j.stylegan2.Generator;
import org.gan4j.stylegan2.NoiseMode;
import org.gan4j.stylegan2.Stylegan2Checkpoint;
import org.gan4j.torch.ImageTensors;
import org.gan4j.torch.NoGrad;
import org.gan4j.torch.Scope;
import org.gan4j.torch.Seeds;
import org.gan4j.train.MetricsLog;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code gan4j mystyle personalize --nproc 2}: the two processes invert the album together and tune with the global
 * batch 2; rank 0 writes the run. Resumed as a run killed while inverting (only config.json and album/ left), the
 * job inverts again together, to the same anchors, and tunes to the end.
 */
class MystyleDataParallelCliTest {

    @Test
    @Tag("slow") // two JVMs, twice
    void nprocTwoPersonalisesOneRunAndResumesIt(@TempDir Path tmp) throws Exception {
        Path model = tmp.resolve("g16.pt");
        Path album = tmp.resolve("album");
        try (Scope s = new Scope(); NoGrad ng = new NoGrad()) {
            Seeds.seed(3);
            Generator g = new Generator(MystyleCliTest.G);
            Stylegan2Checkpoint.of(g, null).save(model);
            Tensor w = g.getLatent(torch.randn(4, 16));
            List<BufferedImage> pics = ImageTensors.toImages(g.synthesize(w.unsqueeze(1).repeat(1, g.nLatent(), 1),
                    NoiseMode.CONST));
            for (int i = 0; i < pics.size(); i++) {
                Images.writePng(album.resolve("p" + i + ".png"), pics.get(i));
            }
        }
        Path run = tmp.resolve("run");
        Cli r = Cli.run("mystyle", "personalize", "--model", model.toString(), "--album", album.toString(),
                "--inversion-steps", "3", "--steps", "2", "--batch", "2", "--seed", "1", "--nproc", "2", "--out",
                run.toString());
        assertThat(r.code()).as(r.out() + r.err()).isZero();
        assertThat(r.out()).contains("Starting 2 processes").contains("2 tuning steps of batch 2").contains("Model: ");
        // Rank 1 prints nothing of its own (Gloo's C++ code notes its connection on stdout).
        assertThat(r.out().lines().filter(l -> l.startsWith("[rank 1]") && !l.startsWith("[rank 1] [Gloo]"))).isEmpty();
        assertThat(r.err()).contains("2 processes, 1 pictures each per batch of 2")
                .contains("anchors: 2 processes invert the album's 4 pictures, 2 on this one");
        assertThat(run.resolve("mystyle.pt")).isRegularFile();
        assertThat(Npy.read(run.resolve("anchors.npy")).shape()).containsExactly(4, 16);
        assertThat(MetricsLog.read(run.resolve("metrics.csv")).rows()).hasSize(2);
        byte[] anchors = Files.readAllBytes(run.resolve("anchors.npy"));

        for (String f : List.of("anchors.npy", "mystyle.pt", "metrics.csv", "checkpoints/latest.pt")) {
            Files.delete(run.resolve(f));
        }
        Cli again = Cli.run("mystyle", "personalize", "--resume", run.toString(), "--nproc", "2");
        assertThat(again.code()).as(again.out() + again.err()).isZero();
        assertThat(again.out()).contains("Resuming");
        assertThat(again.err()).contains("anchors: 2 processes invert the album's 4 pictures, 2 on this one");
        assertThat(Files.readAllBytes(run.resolve("anchors.npy"))).as("the same anchors").isEqualTo(anchors);
        assertThat(run.resolve("mystyle.pt")).isRegularFile();
        assertThat(MetricsLog.read(run.resolve("metrics.csv")).rows()).hasSize(2);
    }
}
