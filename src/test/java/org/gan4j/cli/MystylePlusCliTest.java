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

        // Editing and enhancement with attributes, after single-image tuning.
        Path photo = run.resolve("album").resolve("000_face_20000_00.png");
        Path edited = tmp.resolve("edit-set");
        Cli ed = Cli.run("mystyle", "edit", "--model", run.toString(), "--image", photo.toString(), "--steps", "2",
                "--tune", "2", "--set", "yaw=-0.5,expression=0.3", "--edits", "3", "--out", edited.toString());
        assertThat(ed.code()).as(ed.err()).isZero();
        assertThat(ed.out()).contains("yaw: coordinate").contains("expression: coordinate").contains("Tuned the generator")
                .contains("to yaw=-0.5,expression=0.3: 3 of 3 frames");
        assertThat(edited.resolve("edit.gif")).isRegularFile();
        Path enhanced = tmp.resolve("project-set");
        Cli en = Cli.run("mystyle", "project", "--model", run.toString(), "--image", photo.toString(), "--sr-factor", "4",
                "--steps", "2", "--set", "yaw=0.5", "--out", enhanced.toString());
        assertThat(en.code()).as(en.err()).isZero();
        assertThat(en.out()).contains("Attributes set (coordinate on each axis, reached / requested): yaw");
        Cli unknownEdit = Cli.run("mystyle", "edit", "--model", run.toString(), "--image", photo.toString(), "--set",
                "pitch=1", "--out", edited.toString());
        assertThat(unknownEdit.code()).isEqualTo(2);
        assertThat(unknownEdit.errLines()).isEqualTo(1);

        Path eval = tmp.resolve("eval");
        Cli e = Cli.run("mystyle", "control-eval", "--model", run.toString(), "--count", "2", "--values", "2",
                "--estimator-steps", "2", "--identity-steps", "2", "--projection-steps", "2", "--seed", "1", "--out",
                eval.toString());
        assertThat(e.code()).as(e.err()).isZero();
        assertThat(Files.readAllLines(eval.resolve("control.csv"))).hasSize(1 + 3);
        assertThat(eval.resolve("control-yaw-plus.png")).isRegularFile();
        assertThat(e.out()).contains("correlation of the estimate on G(anchor)");
        // The references (more pictures of the person, other people), then the model's P0 and controlled samples,
        // its projection / inpainting / SR of a held-out picture, and the projection's yaw edits (one per value).
        assertThat(Files.readAllLines(eval.resolve("identity.csv"))).hasSize(1 + 6)
                .anySatisfy(l -> assertThat(l).startsWith("MyStyle++, controlled samples,").endsWith(",12"))
                .anySatisfy(l -> assertThat(l).startsWith("MyStyle++, projection / inpainting / SR,").endsWith(",3"))
                .anySatisfy(l -> assertThat(l).startsWith("MyStyle++, yaw edits of the projection,").endsWith(",2"));
        assertThat(eval.resolve("applications-plus.png")).isRegularFile();

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
