package org.gan4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.gan4j.data.Landscape;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** gan4j singan train --arch consingan, then sample and resume on its run; ConSinGAN flags without the arch refused. */
class ConSinGANCliTest {

    @TempDir
    Path tmp;

    private Path tinyImage() throws Exception {
        Path png = tmp.resolve("tiny.png");
        ImageIO.write(Landscape.render(44, 36, 3), "png", png.toFile());
        return png;
    }

    @Test
    @Tag("slow")
    void trainsSamplesAtAnySizeAndResumes() throws Exception {
        Path run = tmp.resolve("run");
        Cli train = Cli.run("singan", "train", "--arch", "consingan", "--image", tinyImage().toString(), "--iters", "2",
                "--stages", "3", "--max-size", "64", "--seed", "4", "--samples", "1", "--out", run.toString());
        assertThat(train.code()).as(train.err()).isZero();
        assertThat(train.out()).contains("ConSinGAN: 3 stages");
        assertThat(run.resolve("model.pt")).isRegularFile();
        assertThat(run.resolve("checkpoints/latest.pt")).isRegularFile();
        assertThat(run.resolve("samples/final/sample-000.png")).isRegularFile();

        Path out = tmp.resolve("wide");
        Cli sample = Cli.run("singan", "sample", "--model", run.toString(), "--count", "2", "--scale-w", "2",
                "--seed", "1", "--out", out.toString());
        assertThat(sample.code()).as(sample.err()).isZero();
        BufferedImage img = ImageIO.read(out.resolve("sample-001.png").toFile());
        assertThat(img.getWidth()).isEqualTo(88);
        assertThat(img.getHeight()).isEqualTo(36);
        Cli close = Cli.run("singan", "sample", "--model", run.toString(), "--count", "1", "--start-scale", "1",
                "--seed", "1", "--out", tmp.resolve("close").toString());
        assertThat(close.code()).as(close.err()).isZero();
        assertThat(close.out()).contains("fresh noise from stage 1");
        Cli wideClose = Cli.run("singan", "sample", "--model", run.toString(), "--start-scale", "1", "--scale-w", "2",
                "--out", tmp.resolve("close2").toString());
        assertThat(wideClose.code()).isEqualTo(2);
        assertThat(wideClose.err().strip()).contains("drop --scale-w/--scale-h or --start-scale").doesNotContain("\n");

        Path gif = tmp.resolve("walk.gif");
        Cli anim = Cli.run("singan", "animate", "--model", run.toString(), "--frames", "3", "--seed", "2", "--out",
                gif.toString());
        assertThat(anim.code()).as(anim.err()).isZero();
        assertThat(anim.out()).contains("3 frames of 44x36").contains("ConSinGAN, start stage 1");
        assertThat(gif).isRegularFile();

        Cli rec = Cli.run("singan", "sample", "--model", run.resolve("model.pt").toString(), "--reconstruct",
                "--out", tmp.resolve("rec").toString());
        assertThat(rec.code()).as(rec.err()).isZero();

        Cli again = Cli.run("singan", "train", "--resume", run.toString(), "--samples", "0");
        assertThat(again.code()).as(again.err()).isZero();
        assertThat(again.out()).contains("Resuming");
        assertThat(org.gan4j.train.MetricsLog.read(run.resolve("metrics.csv")).rows()).hasSize(3 * 2);
    }

    @Test
    void aRelativeOutPutsTheModelIntoTheRun() throws Exception {
        Path rel = Path.of("target", "relative-out-" + ProcessHandle.current().pid()); // relative to the working directory
        try {
            Cli train = Cli.run("singan", "train", "--arch", "consingan", "--image", tinyImage().toString(), "--iters",
                    "1", "--stages", "2", "--max-size", "40", "--seed", "1", "--samples", "0", "--out", rel.toString());
            assertThat(train.code()).as(train.err()).isZero();
            assertThat(rel.resolve("model.pt")).isRegularFile();
            assertThat(rel.resolve(rel)).doesNotExist();
        } finally {
            try (java.util.stream.Stream<Path> files = java.nio.file.Files.walk(rel)) {
                for (Path p : files.sorted(java.util.Comparator.reverseOrder()).toList()) {
                    java.nio.file.Files.delete(p);
                }
            }
        }
    }

    @Test
    void badArchAndConSinGANFlagsWithoutItAreOneLine() throws Exception {
        Cli bad = Cli.run("singan", "train", "--arch", "gan", "--image", tinyImage().toString(), "--dry-run");
        assertThat(bad.code()).isEqualTo(2);
        assertThat(bad.err()).contains("--arch must be 'singan' or 'consingan'");
        Cli flags = Cli.run("singan", "train", "--stages", "4", "--image", tinyImage().toString(), "--dry-run");
        assertThat(flags.code()).isEqualTo(2);
        assertThat(flags.err()).contains("add --arch consingan");
        Cli dry = Cli.run("singan", "train", "--arch", "consingan", "--image", tinyImage().toString(), "--max-size",
                "64", "--stages", "3", "--dry-run");
        assertThat(dry.code()).as(dry.err()).isZero();
        assertThat(dry.out()).contains("stages: 3").contains("44x36");
    }

    @Test
    @Tag("slow")
    void harmonizationModeTrainsThenHarmonizesAfterFineTuning() throws Exception {
        Path run = tmp.resolve("harm");
        Cli train = Cli.run("singan", "train", "--arch", "consingan", "--mode", "harmonization", "--image",
                tinyImage().toString(), "--iters", "2", "--stages", "3", "--max-size", "64", "--seed", "4",
                "--samples", "0", "--out", run.toString());
        assertThat(train.code()).as(train.err()).isZero();
        Path naive = tmp.resolve("naive.png");
        BufferedImage collage = Landscape.render(44, 36, 5);
        ImageIO.write(collage, "png", naive.toFile());
        BufferedImage m = new BufferedImage(44, 36, BufferedImage.TYPE_INT_RGB);
        for (int y = 8; y < 20; y++) {
            for (int x = 10; x < 24; x++) {
                m.setRGB(x, y, 0xffffff);
            }
        }
        Path mask = tmp.resolve("naive_mask.png");
        ImageIO.write(m, "png", mask.toFile());
        Path out = tmp.resolve("harmonized.png");
        Path tuned = tmp.resolve("tuned.pt");
        Cli h = Cli.run("singan", "harmonize", "--model", run.toString(), "--image", naive.toString(), "--mask",
                mask.toString(), "--fine-tune", "2", "--save-tuned", tuned.toString(), "--seed", "1", "--out",
                out.toString());
        assertThat(h.code()).as(h.err()).isZero();
        assertThat(h.out()).contains("fine-tune | iter 2/2").contains("ConSinGAN harmonization, fine-tuned 2")
                .contains("Wrote the fine-tuned model");
        // the fine-tuned model harmonizes without tuning again, as the tuning left it: the same picture, same seed
        Path again = tmp.resolve("again.png");
        Cli h2 = Cli.run("singan", "harmonize", "--model", tuned.toString(), "--image", naive.toString(), "--mask",
                mask.toString(), "--seed", "1", "--out", again.toString());
        assertThat(h2.code()).as(h2.err()).isZero();
        assertThat(java.nio.file.Files.readAllBytes(again)).isEqualTo(java.nio.file.Files.readAllBytes(out));
        Cli noTune = Cli.run("singan", "harmonize", "--model", run.toString(), "--image", naive.toString(), "--mask",
                mask.toString(), "--save-tuned", tuned.toString(), "--out", again.toString());
        assertThat(noTune.code()).isEqualTo(2);
        assertThat(noTune.err().strip()).contains("add --fine-tune N").doesNotContain("\n");
        assertThat(ImageIO.read(out.toFile()).getWidth()).isEqualTo(44);
        assertThat(tmp.resolve("harmonized-mask.png")).isRegularFile();

        Cli scale = Cli.run("singan", "harmonize", "--model", run.toString(), "--image", naive.toString(), "--mask",
                mask.toString(), "--start-scale", "1", "--out", out.toString());
        assertThat(scale.code()).isEqualTo(2);
        assertThat(scale.err().strip()).contains("drop --start-scale").doesNotContain("\n");

        Path gen = tmp.resolve("gen");
        Cli g = Cli.run("singan", "train", "--arch", "consingan", "--image", tinyImage().toString(), "--iters", "1",
                "--stages", "2", "--max-size", "40", "--seed", "1", "--samples", "0", "--out", gen.toString());
        assertThat(g.code()).as(g.err()).isZero();
        Cli refused = Cli.run("singan", "edit", "--model", gen.toString(), "--image", naive.toString(), "--mask",
                mask.toString(), "--out", out.toString());
        assertThat(refused.code()).isEqualTo(2);
        assertThat(refused.err()).contains("trained in generation mode").contains("--mode harmonization");
        Cli badMode = Cli.run("singan", "train", "--arch", "consingan", "--mode", "painting", "--image",
                tinyImage().toString(), "--dry-run");
        assertThat(badMode.code()).isEqualTo(2);
        assertThat(badMode.err()).contains("(--mode) must be one of generation, retarget");
    }
}
