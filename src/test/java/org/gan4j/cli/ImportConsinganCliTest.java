package org.gan4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** gan4j import consingan on the official fixture run, then gan4j singan sample on the imported run. */
class ImportConsinganCliTest {

    @TempDir
    Path tmp;

    @Test
    void importsAnOfficialRunThatSingaSampleUses() throws Exception {
        Path official = Path.of(getClass().getResource("/parity/consingan/official-run").toURI());
        Path run = tmp.resolve("run");
        Cli imp = Cli.run("import", "consingan", official.toString(), "--out", run.toString());
        assertThat(imp.code()).as(imp.err()).isZero();
        assertThat(imp.out()).contains("Imported 3 of 3 stages");
        Cli sample = Cli.run("singan", "sample", "--model", run.toString(), "--count", "2", "--seed", "1",
                "--out", tmp.resolve("s").toString());
        assertThat(sample.code()).as(sample.err()).isZero();
        BufferedImage img = ImageIO.read(tmp.resolve("s/sample-001.png").toFile());
        assertThat(img.getWidth()).isEqualTo(30);
        assertThat(img.getHeight()).isEqualTo(24);
    }

    @Test
    void aForeignFolderIsOneLine() {
        Cli imp = Cli.run("import", "consingan", tmp.toString(), "--out", tmp.resolve("run").toString());
        assertThat(imp.code()).isNotZero();
        assertThat(imp.errLines()).isEqualTo(1);
        assertThat(imp.err()).contains("is not an official ConSinGAN run folder");
    }
}
