package org.gan4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.gan4j.torch.PtFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** stylegan2 export keeps what sampling and GANgealing's loss need, drops the training state, renders the same images. */
class ExportCliTest {

    @TempDir
    Path tmp;

    /** The top-level keys of a .pt file. */
    static java.util.List<String> keys(Path file) {
        return ((Map<?, ?>) PtFile.load(file)).keySet().stream().map(String::valueOf).toList();
    }

    @Test
    void stylegan2ExportDropsTrainingStateAndRendersTheSameImages() throws Exception {
        Path run = tmp.resolve("run");
        Cli t = Cli.run("stylegan2", "train", "--data", "builtin:landscapes", "--size", "16", "--preset", "fast",
                "--kimg", "0.016", "--batch", "8", "--seed", "4", "--samples", "4", "--threads", "1", "--out", run.toString());
        assertThat(t.code()).as(t.err()).isZero();
        assertThat(keys(run.resolve("checkpoints/latest.pt"))).contains("g", "g_optim", "d_optim");
        Path slim = tmp.resolve("slim.pt");
        Cli r = Cli.run("stylegan2", "export", "--model", run.toString(), "--out", slim.toString());
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).contains("g_ema, d, latent_avg, args");
        assertThat(keys(slim)).contains("g_ema", "d", "latent_avg", "args").doesNotContain("g", "g_optim", "d_optim");
        assertThat(Files.size(slim)).isLessThan(Files.size(run.resolve("checkpoints/latest.pt")) / 2);
        Path noD = tmp.resolve("g-only.pt");
        assertThat(Cli.run("stylegan2", "export", "--model", slim.toString(), "--no-d", "--out", noD.toString()).code()).isZero();
        assertThat(keys(noD)).doesNotContain("d");
        for (Path model : new Path[] {run, slim, noD}) {
            Path dir = tmp.resolve("img-" + model.getFileName());
            assertThat(Cli.run("stylegan2", "generate", "--model", model.toString(), "--count", "2", "--seed", "4",
                    "--out", dir.toString()).code()).isZero();
        }
        for (int i = 0; i < 2; i++) {
            String f = String.format("seed4-%04d.png", i);
            byte[] a = Files.readAllBytes(tmp.resolve("img-run").resolve(f));
            assertThat(Files.readAllBytes(tmp.resolve("img-slim.pt").resolve(f))).isEqualTo(a);
            assertThat(Files.readAllBytes(tmp.resolve("img-g-only.pt").resolve(f))).isEqualTo(a);
        }
        Cli noDisc = Cli.run("stylegan2", "export", "--model", noD.toString(), "--out", tmp.resolve("x.pt").toString());
        assertThat(noDisc.code()).isNotZero();
        assertThat(noDisc.err()).contains("has no discriminator d to keep; add --no-d");
        assertThat(noDisc.errLines()).isEqualTo(1);
        Cli missing = Cli.run("stylegan2", "export", "--model", tmp.resolve("none.pt").toString(), "--out",
                tmp.resolve("y.pt").toString());
        assertThat(missing.code()).isNotZero();
        assertThat(missing.errLines()).isEqualTo(1);
    }
}
