package org.gan4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import org.gan4j.data.Images;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** gan4j demo mystyle with reduced settings, in-process. */
@Tag("slow")
class MystyleDemoTest {

    @TempDir
    Path tmp;

    /** Mean squared difference of tiles {@code (rowA, i)} and {@code (rowB, i)} of a grid of 64 px tiles (2 px gaps and border). */
    private static double rowDistance(BufferedImage grid, int rowA, int rowB, int columns) {
        int side = 64;
        int step = side + 2;
        double sum = 0;
        for (int i = 0; i < columns; i++) {
            for (int y = 0; y < side; y++) {
                for (int x = 0; x < side; x++) {
                    int a = grid.getRGB(2 + i * step + x, 2 + rowA * step + y);
                    int b = grid.getRGB(2 + i * step + x, 2 + rowB * step + y);
                    for (int sh = 0; sh <= 16; sh += 8) {
                        double d = ((a >> sh) & 255) - ((b >> sh) & 255);
                        sum += d * d;
                    }
                }
            }
        }
        return sum / (columns * side * side * 3.0);
    }

    @Test
    void demoPersonalisesTheShippedGeneratorAndWritesEveryPicture() throws Exception {
        Path demo = tmp.resolve("demo");
        StringWriter text = new StringWriter();
        int album = 4;
        int code;
        try (PrintWriter pw = new PrintWriter(text)) {
            code = MystyleDemo.run(pw, demo, new MystyleDemo.Settings(album, 15, 5, 10, 4, 10, 5), 1);
        }
        String out = text.toString();
        assertThat(code).as(out).isZero();
        for (String f : new String[] {"album.png", "reconstructions.png", "samples.png", "projection.png",
            "inpainting.png", "super-resolution.png", "edit-yaw.png", "edit-yaw.gif", "run/mystyle.pt",
            "run/anchors.npy"}) {
            assertThat(demo.resolve(f)).as(f).exists();
        }
        assertThat(out).contains("Album reconstruction loss", "base generator", "tuned", "Done in", "Identity similarity",
                "MyStyle, P0 samples");
        // rows: album, base G(anchor), tuned G(anchor); the tuned row is closer to the album than the base row
        BufferedImage rec = Images.read(demo.resolve("reconstructions.png"));
        assertThat(rec.getWidth()).isEqualTo(album * 66 + 2);
        double base = rowDistance(rec, 0, 1, album);
        double tuned = rowDistance(rec, 0, 2, album);
        assertThat(tuned).as("tuned vs base pixel MSE to the album").isLessThan(base);
        assertThat(Images.read(demo.resolve("edit-yaw.png")).getWidth()).isEqualTo(9 * 66 + 2);
    }

    @Test
    void theCliNamesTheDemo() {
        Cli d = Cli.run("demo", "nosuch");
        assertThat(d.code()).isNotZero();
        assertThat(d.err()).contains("mystyle");
    }
}
