package org.gan4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.gan4j.data.Images;
import org.gan4j.data.Npy;
import org.gan4j.data.ProceduralImages;
import org.gan4j.torch.Engine;
import org.gan4j.train.MetricsLog;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** gan4j stylegan2 train and project end to end, in-process, with their one-line errors. */
class Stylegan2TrainProjectCliTest {

    @TempDir
    Path tmp;

    private final int threadsBefore = Engine.threads();

    /** {@code --threads} sets the JVM-wide budget; the suite shares one JVM, so later tests must see the default. */
    @AfterEach
    void restoreThreads() {
        Engine.setThreads(threadsBefore);
    }

    @Test
    @Tag("slow")
    void trainThenGenerateThenProjectThenReproduceTheProjection() throws Exception {
        Path run = tmp.resolve("run");
        Cli t = Cli.run("stylegan2", "train", "--data", "builtin:landscapes", "--size", "16", "--preset", "fast",
                "--kimg", "0.024", "--batch", "8", "--seed", "4", "--samples", "4", "--threads", "1", "--out", run.toString());
        assertThat(t.code()).as(t.err()).isZero();
        assertThat(t.out()).contains("StyleGAN2 16x16, preset fast: 3 iterations of batch 8").contains("Checkpoint: ");
        for (String f : List.of("config.json", "run.json", "metrics.csv", "loss.png", "checkpoints/latest.pt")) {
            assertThat(run.resolve(f)).as(f).isRegularFile();
        }
        assertThat(MetricsLog.read(run.resolve("metrics.csv")).rows()).hasSize(3);
        assertThat(Files.list(run.resolve("samples")).count()).isEqualTo(1);
        // A finished run resumes to completion at once.
        byte[] checkpoint = Files.readAllBytes(run.resolve("checkpoints/latest.pt"));
        Cli again = Cli.run("stylegan2", "train", "--resume", run.toString(), "--threads", "1");
        assertThat(again.code()).as(again.err()).isZero();
        assertThat(again.out()).contains("Resuming");
        assertThat(MetricsLog.read(run.resolve("metrics.csv")).rows()).as("no iteration trained again").hasSize(3);
        assertThat(Files.readAllBytes(run.resolve("checkpoints/latest.pt"))).isEqualTo(checkpoint);

        // generate from the run directory (its latest checkpoint)
        Cli g = Cli.run("stylegan2", "generate", "--model", run.toString(), "--count", "2", "--seed", "1",
                "--out", tmp.resolve("gen").toString());
        assertThat(g.code()).as(g.err()).isZero();
        assertThat(g.out()).contains("Wrote 2 images (16x16");

        // project a landscape of another size (a note says how it was fitted), then render the result again
        Path photo = tmp.resolve("photo.png");
        Images.writePng(photo, org.gan4j.data.Landscape.render(40, 24, 77));
        Path proj = tmp.resolve("proj");
        Cli p = Cli.run("stylegan2", "project", "--model", run.toString(), "--image", photo.toString(), "--steps", "30",
                "--wplus", "--out", proj.toString());
        assertThat(p.code()).as(p.err()).isZero();
        assertThat(p.out()).contains("Note: " + photo + " is 40x24; centre-cropped to 24x24 and resized to 16x16")
                .contains("into W+ (30 steps");
        assertThat(Npy.read(proj.resolve("projected_w.npy")).shape()).containsExactly(1, 6, 128);
        assertThat(Images.read(proj.resolve("comparison.png")).getWidth()).isEqualTo(2 * 128 + 3 * 2);
        Cli r = Cli.run("stylegan2", "generate", "--model", run.toString(), "--latents", proj.resolve("projected_w.npy").toString(),
                "--w-space", "--noises", proj.resolve("noises.pt").toString(), "--out", tmp.resolve("again").toString());
        assertThat(r.code()).as(r.err()).isZero();
        BufferedImage a = Images.read(proj.resolve("reconstruction.png"));
        BufferedImage b = Images.read(tmp.resolve("again").resolve("latent-0000.png"));
        for (int y = 0; y < 16; y++) {
            for (int x = 0; x < 16; x++) {
                assertThat(b.getRGB(x, y)).isEqualTo(a.getRGB(x, y));
            }
        }
    }

    @Test
    void badTrainingAndProjectionInputsAreOneLineErrors() throws Exception {
        Cli size = Cli.run("stylegan2", "train", "--data", "builtin:landscapes", "--size", "48", "--out", tmp.resolve("a").toString());
        assertThat(size.code()).isEqualTo(2);
        assertThat(size.err().trim()).isEqualTo("gan4j: StyleGAN2 size must be a power of two from 8 to 1024, got 48");

        Cli data = Cli.run("stylegan2", "train", "--data", tmp.resolve("nowhere").toString(), "--size", "16",
                "--out", tmp.resolve("b").toString());
        assertThat(data.err().trim()).isEqualTo("gan4j: data folder not found: " + tmp.resolve("nowhere")
                + " (give a folder of images, or builtin:landscapes)");
        assertThat(tmp.resolve("b")).doesNotExist(); // nothing written before the data is checked

        Cli batch = Cli.run("stylegan2", "train", "--data", "builtin:landscapes", "--batch", "6", "--out", tmp.resolve("c").toString());
        assertThat(batch.err()).contains("--batch must be 1 to 4 or a multiple of 4");

        Cli noData = Cli.run("stylegan2", "train", "--size", "16");
        assertThat(noData.err()).contains("give the training images with --data");

        // projection: a model and an image are needed; the VGG file must exist and be torchvision's vgg16
        Path model = tmp.resolve("g.pt");
        org.gan4j.torch.Seeds.seed(1);
        org.gan4j.stylegan2.Stylegan2Checkpoint.of(new org.gan4j.stylegan2.Generator(
                org.gan4j.stylegan2.Stylegan2Config.fast(16)), null).save(model);
        Path img = tmp.resolve("x.png");
        Images.writePng(img, ProceduralImages.landscape(16, 1));
        Cli vgg = Cli.run("stylegan2", "project", "--model", model.toString(), "--image", img.toString(), "--vgg",
                tmp.resolve("vgg16.pth").toString(), "--out", tmp.resolve("p").toString());
        assertThat(vgg.err().trim()).isEqualTo("gan4j: VGG16 weights not found: " + tmp.resolve("vgg16.pth")
                + " (a torchvision vgg16 state dict, e.g. vgg16-397923af.pth)");
        Cli keys = Cli.run("stylegan2", "project", "--model", model.toString(), "--image", img.toString(), "--vgg",
                model.toString(), "--out", tmp.resolve("p").toString());
        assertThat(keys.err()).contains(model + " is not a torchvision VGG16 state dict");
        Cli missingImage = Cli.run("stylegan2", "project", "--model", model.toString(), "--image",
                tmp.resolve("none.png").toString(), "--out", tmp.resolve("p").toString());
        assertThat(missingImage.code()).isEqualTo(2);
        for (Cli c : List.of(size, data, batch, noData, vgg, keys, missingImage)) {
            assertThat(c.errLines()).as(c.err()).isEqualTo(1);
        }
    }
}
