package org.gan4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** MyStyle++ from the command line: personalize --plus, sample --set, control-eval, and their one-line errors. */
class MystylePlusCliTest {

    @TempDir
    Path tmp;

    @Test
    @Tag("slow") // the shipped 64 px generator, 4 inversions, an estimator
    void personalizePlusSampleWithSetAndControlEval() throws Exception {
        Path run = tmp.resolve("plus");
        Cli p = Cli.run("mystyle", "personalize", "--model", "builtin:faces", "--album", "builtin:faces:20000",
                "--album-size", "4", "--inversion-steps", "2", "--steps", "2", "--plus", "--seed", "1", "--threads", "1",
                "--out", run.toString());
        assertThat(p.code()).as(p.err()).isZero();
        assertThat(p.out()).contains("MyStyle++");
        assertThat(Files.readAllLines(run.resolve("attributes.csv")).get(0)).isEqualTo("image,yaw,expression,eye_opening");
        assertThat(org.gan4j.train.MetricsLog.read(run.resolve("metrics.csv")).rows()).hasSize(2);

        Path set = tmp.resolve("set");
        Cli s = Cli.run("mystyle", "sample", "--model", run.toString(), "--count", "2", "--set", "yaw=0.5", "--seed", "2",
                "--out", set.toString());
        assertThat(s.code()).as(s.err()).isZero();
        assertThat(s.out()).contains("with yaw=0.5");
        assertThat(set.resolve("grid.png")).isRegularFile();

        Cli unknown = Cli.run("mystyle", "sample", "--model", run.toString(), "--set", "pitch=1", "--out", set.toString());
        assertThat(unknown.code()).isEqualTo(2);
        assertThat(unknown.err()).contains("this model controls yaw, expression, eye_opening");
        Cli malformed = Cli.run("mystyle", "sample", "--model", run.toString(), "--set", "yaw", "--out", set.toString());
        assertThat(malformed.code()).isEqualTo(2);
        assertThat(malformed.err()).contains("name=value");

        Path eval = tmp.resolve("eval");
        Cli e = Cli.run("mystyle", "control-eval", "--model", run.toString(), "--count", "2", "--values", "2",
                "--estimator-steps", "2", "--seed", "1", "--out", eval.toString());
        assertThat(e.code()).as(e.err()).isZero();
        assertThat(Files.readAllLines(eval.resolve("control.csv"))).hasSize(1 + 3);
        assertThat(eval.resolve("control-yaw-plus.png")).isRegularFile();
        assertThat(e.out()).contains("correlation of the estimate on G(anchor)");

        Cli noAttributes = Cli.run("mystyle", "personalize", "--model", "builtin:faces", "--album", tmp.toString(),
                "--plus", "--out", tmp.resolve("x").toString());
        assertThat(noAttributes.code()).isEqualTo(2);
        assertThat(noAttributes.err()).contains("needs its attributes: --attributes FILE.csv");
        Cli withoutPlus = Cli.run("mystyle", "personalize", "--model", "builtin:faces", "--album", "builtin:faces:1",
                "--levels", "4", "--out", tmp.resolve("y").toString());
        assertThat(withoutPlus.code()).isEqualTo(2);
        assertThat(withoutPlus.err()).contains("add --plus");
    }
}
