package org.gan4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.gan4j.data.Landscape;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** gan4j singan train --images DIR: one run per image, resumable as a whole, with a summary table. */
class SinganFolderCliTest {

    @TempDir
    Path tmp;

    private Path twoImages() throws Exception {
        Path dir = tmp.resolve("images");
        Files.createDirectories(dir);
        ImageIO.write(Landscape.render(44, 36, 3), "png", dir.resolve("a.png").toFile());
        ImageIO.write(Landscape.render(40, 36, 5), "png", dir.resolve("b.png").toFile());
        Files.writeString(dir.resolve("notes.txt"), "not an image");
        return dir;
    }

    @Test
    @Tag("slow")
    void trainsEveryImageAndResumesOnlyTheUnfinishedOne() throws Exception {
        Path run = tmp.resolve("run");
        Cli first = Cli.run("singan", "train", "--arch", "consingan", "--images", twoImages().toString(), "--iters",
                "2", "--stages", "3", "--max-size", "64", "--seed", "4", "--samples", "1", "--out", run.toString());
        assertThat(first.code()).as(first.err()).isZero();
        assertThat(run.resolve("a/model.pt")).isRegularFile();
        assertThat(run.resolve("b/model.pt")).isRegularFile();
        assertThat(first.out()).containsPattern("(?m)^image\\s+time\\s+patch SWD\\s+floor$")
                .containsPattern("(?m)^a\\s+\\d+s\\s+\\d+\\.\\d\\s+\\d+\\.\\d$").containsPattern("(?m)^b\\s+\\d+s\\s+\\d+\\.\\d\\s+\\d+\\.\\d$");

        // as if killed after the first image: b's run and summary row are gone
        try (Stream<Path> s = Files.walk(run.resolve("b"))) {
            for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
        Path summary = run.resolve("summary.csv");
        List<String> rows = Files.readAllLines(summary);
        Files.write(summary, rows.subList(0, 2));
        FileTime aModel = Files.getLastModifiedTime(run.resolve("a/model.pt"));

        Cli again = Cli.run("singan", "train", "--resume", run.toString());
        assertThat(again.code()).as(again.err()).isZero();
        assertThat(again.out()).contains("a: done, skipped").contains("ConSinGAN: 3 stages")
                .containsPattern("(?m)^a\\s+").containsPattern("(?m)^b\\s+");
        assertThat(Files.getLastModifiedTime(run.resolve("a/model.pt"))).isEqualTo(aModel);
        assertThat(run.resolve("b/model.pt")).isRegularFile();
        assertThat(Files.readAllLines(summary)).hasSize(3);

        Cli done = Cli.run("singan", "train", "--resume", run.toString());
        assertThat(done.out()).contains("a: done, skipped").contains("b: done, skipped")
                .doesNotContain("ConSinGAN: 3 stages");

        // as if killed after b's last checkpoint but before its summary row: b resumes from its checkpoint
        Files.write(summary, Files.readAllLines(summary).subList(0, 2));
        Cli late = Cli.run("singan", "train", "--resume", run.toString());
        assertThat(late.code()).as(late.err()).isZero();
        assertThat(late.out()).contains("Resuming " + run.resolve("b")).doesNotContain("ConSinGAN: 3 stages");
        assertThat(Files.readAllLines(summary)).hasSize(3);
    }

    @Test
    @Tag("slow")
    void trainsAFolderWithSinGANToo() throws Exception {
        Path dir = tmp.resolve("one");
        Files.createDirectories(dir);
        ImageIO.write(Landscape.render(44, 36, 3), "png", dir.resolve("lake.png").toFile());
        Path run = tmp.resolve("run");
        Cli c = Cli.run("singan", "train", "--images", dir.toString(), "--iters", "2", "--max-size", "40",
                "--seed", "1", "--samples", "0", "--out", run.toString());
        assertThat(c.code()).as(c.err()).isZero();
        assertThat(c.out()).contains("SinGAN: ").containsPattern("(?m)^lake\\s+\\d+s\\s+\\d+\\.\\d\\s+\\d+\\.\\d$");
        assertThat(run.resolve("lake/model.pt")).isRegularFile();
    }

    @Test
    void badFolderUseIsOneLine() throws Exception {
        Cli empty = Cli.run("singan", "train", "--images", tmp.toString(), "--out", tmp.resolve("r").toString());
        assertThat(empty.code()).isNotZero();
        assertThat(empty.errLines()).isEqualTo(1);
        assertThat(empty.err()).contains("holds no PNG, JPEG, BMP or GIF image");
        Cli both = Cli.run("singan", "train", "--images", twoImages().toString(), "--image", "x.png", "--out", "r");
        assertThat(both.err()).contains("--images trains a folder; drop --image");
        Cli dry = Cli.run("singan", "train", "--images", twoImages().toString(), "--arch", "consingan", "--dry-run");
        assertThat(dry.code()).as(dry.err()).isZero();
        assertThat(dry.out()).contains("2 images: a.png b.png");
    }
}
