package org.gan4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A StyleGAN2-ADA .pkl is a --model like any checkpoint; export turns it into a rosinality checkpoint that renders the same. */
class AdaPickleCliTest {

    @TempDir
    Path tmp;

    @Test
    void generateFromThePickleAndFromItsExport() throws Exception {
        Path pkl = Path.of(AdaPickleCliTest.class.getResource("/parity/stylegan2-ada/tiny-ada.pkl").toURI());
        Path pt = tmp.resolve("tiny.pt");
        Cli e = Cli.run("stylegan2", "export", "--model", pkl.toString(), "--out", pt.toString(), "--threads", "1");
        assertThat(e.code()).as(e.err()).isZero();
        assertThat(e.out()).contains("g_ema, latent_avg, args");
        assertThat(ExportCliTest.keys(pt)).contains("g_ema", "latent_avg", "args", "conv_clamp").doesNotContain("d");
        for (Path model : new Path[] {pkl, pt}) {
            Cli g = Cli.run("stylegan2", "generate", "--model", model.toString(), "--count", "2", "--seed", "3",
                    "--truncation", "0.7", "--threads", "1", "--out", tmp.resolve("img-" + model.getFileName()).toString());
            assertThat(g.code()).as(g.err()).isZero();
        }
        for (int i = 0; i < 2; i++) {
            String f = String.format("seed3-%04d.png", i);
            assertThat(Files.readAllBytes(tmp.resolve("img-tiny.pt").resolve(f)))
                    .isEqualTo(Files.readAllBytes(tmp.resolve("img-tiny-ada.pkl").resolve(f)));
        }
        Cli bad = Cli.run("stylegan2", "generate", "--model",
                Path.of(AdaPickleCliTest.class.getResource("/parity/stylegan2-ada/conditional.pkl").toURI()).toString(),
                "--count", "1", "--out", tmp.resolve("x").toString());
        assertThat(bad.code()).isNotZero();
        assertThat(bad.errLines()).isEqualTo(1);
        assertThat(bad.err()).contains("conditional generator");
    }
}
