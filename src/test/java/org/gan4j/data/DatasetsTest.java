package org.gan4j.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;
import javax.imageio.ImageIO;
import org.bytedeco.pytorch.Tensor;
import org.gan4j.Gan4jException;
import org.gan4j.torch.ImageTensors;
import org.gan4j.torch.Scope;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Image folders (any sizes, centre-crop, one-line errors), the built-in landscapes, seeded batches. */
class DatasetsTest {

    @TempDir
    Path tmp;

    /** A w x h image: red margins left and right, green in the centred square. */
    private static BufferedImage framed(int w, int h) {
        BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        g.setColor(Color.RED);
        g.fillRect(0, 0, w, h);
        g.setColor(Color.GREEN);
        int s = Math.min(w, h);
        g.fillRect((w - s) / 2, (h - s) / 2, s, s);
        g.dispose();
        return img;
    }

    @Test
    void folderOfAnySizesAndFormatsIsCentreCroppedAndResized() throws Exception {
        Files.createDirectories(tmp.resolve("sub"));
        ImageIO.write(framed(60, 20), "png", tmp.resolve("wide.png").toFile());
        ImageIO.write(framed(17, 45), "bmp", tmp.resolve("sub/tall.bmp").toFile());
        ImageIO.write(framed(16, 16), "jpg", tmp.resolve("sub/square.JPG").toFile());
        Files.writeString(tmp.resolve("notes.txt"), "not an image");
        ImageFolder f = ImageFolder.open(tmp, 8);
        assertThat(f.size()).isEqualTo(3);
        assertThat(f.file(0).getFileName().toString()).isEqualTo("square.JPG"); // sorted paths: sub/ before wide.png
        for (int i = 0; i < 3; i++) {
            BufferedImage img = f.image(i);
            assertThat(img.getWidth()).isEqualTo(8);
            assertThat(img.getHeight()).isEqualTo(8);
            // Only the green centre survives the crop.
            for (int y = 0; y < 8; y++) {
                for (int x = 0; x < 8; x++) {
                    Color c = new Color(img.getRGB(x, y));
                    assertThat(c.getGreen()).as(f.file(i) + " at " + x + "," + y).isGreaterThan(200);
                    assertThat(c.getRed()).as(f.file(i) + " at " + x + "," + y).isLessThan(40);
                }
            }
        }
        assertThat(f.describe()).contains("3 images from").contains("8x8");
    }

    @Test
    void folderErrorsAreOneLine() throws Exception {
        assertThatThrownBy(() -> ImageFolder.open(tmp.resolve("none"), 8)).isInstanceOf(Gan4jException.class)
                .hasMessage("data folder not found: " + tmp.resolve("none") + " (give a folder of images, or builtin:landscapes)");
        Files.writeString(tmp.resolve("readme.txt"), "x");
        assertThatThrownBy(() -> ImageFolder.open(tmp, 8)).hasMessageStartingWith(tmp + " holds no images");
        ImageIO.write(framed(10, 10), "png", tmp.resolve("good.png").toFile());
        Files.writeString(tmp.resolve("a-broken.png"), "not really a png");
        Files.write(tmp.resolve("b-empty.jpg"), new byte[0]);
        assertThatThrownBy(() -> ImageFolder.open(tmp, 8)).isInstanceOf(Gan4jException.class)
                .hasMessageStartingWith("2 of 3 image files in " + tmp + " cannot be read; the first: ")
                .hasMessageContaining("a-broken.png").hasMessageNotContaining("\n");
        assertThatThrownBy(() -> ImageFolder.open(tmp.resolve("good.png"), 8)).hasMessageContaining("is a file");
    }

    @Test
    void builtinLandscapesVaryWithTheSeedAndRepeat() {
        ImageDataset d = Datasets.open("builtin:landscapes", 16);
        assertThat(d.size()).isEqualTo(ProceduralImages.DEFAULT_COUNT);
        assertThat(d.resolution()).isEqualTo(16);
        BufferedImage a = d.image(3);
        assertThat(a.getWidth()).isEqualTo(16);
        assertThat(ProceduralImages.landscape(16, 3).getRGB(5, 5)).isEqualTo(a.getRGB(5, 5));
        int differ = 0;
        BufferedImage b = d.image(4);
        for (int y = 0; y < 16; y++) {
            for (int x = 0; x < 16; x++) {
                differ += a.getRGB(x, y) != b.getRGB(x, y) ? 1 : 0;
            }
        }
        assertThat(differ).isGreaterThan(50);
        assertThatThrownBy(() -> Datasets.open("builtin:cats", 16)).isInstanceOf(Gan4jException.class)
                .hasMessage("unknown built-in dataset 'builtin:cats'; the built-in sets are builtin:landscapes and builtin:faces");
    }

    @Test
    void batchesFollowASeededOrderWithWholeEpochs() {
        ImageDataset d = ProceduralImages.named("landscapes", 8, 10);
        Batches b = new Batches(d, 4, 9, false);
        // 10 images, batch 4: two batches per epoch (drop_last), 8 distinct images in each epoch.
        for (long epoch = 0; epoch < 3; epoch++) {
            Set<Integer> seen = new HashSet<>();
            for (long i = 2 * epoch; i < 2 * epoch + 2; i++) {
                for (int k : b.indices(i)) {
                    seen.add(k);
                }
            }
            assertThat(seen).hasSize(8);
        }
        assertThat(new Batches(d, 4, 9, false).indices(5)).containsExactly(b.indices(5));
        assertThat(new Batches(d, 4, 10, false).indices(0)).isNotEqualTo(b.indices(0));
        try (Scope s = new Scope()) {
            Tensor x = b.batch(1);
            assertThat(x.shape()).containsExactly(4, 3, 8, 8);
            Tensor first = ImageTensors.fromImage(d.image(b.indices(1)[0]));
            assertThat(org.bytedeco.pytorch.global.torch.equal(x.narrow(0, 0, 1), first)).isTrue();
            // With flips, about half the images of a few batches are mirrored copies.
            Batches flipped = new Batches(d, 4, 9, true);
            int mirrored = 0;
            for (long i = 0; i < 6; i++) {
                Tensor y = flipped.batch(i);
                Tensor plain = b.batch(i);
                for (int k = 0; k < 4; k++) {
                    boolean same = org.bytedeco.pytorch.global.torch.equal(y.select(0, k), plain.select(0, k));
                    boolean flip = org.bytedeco.pytorch.global.torch.equal(y.select(0, k), plain.select(0, k).flip(2));
                    assertThat(same || flip).isTrue();
                    mirrored += same ? 0 : 1;
                }
            }
            assertThat(mirrored).isBetween(4, 20);
        }
        assertThatThrownBy(() -> new Batches(d, 16, 1, true)).hasMessage(
                "the training set has 10 images, fewer than one batch of 16; add images or lower --batch");
    }
}
