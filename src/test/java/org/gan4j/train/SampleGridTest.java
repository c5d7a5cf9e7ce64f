package org.gan4j.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.awt.Color;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SampleGridTest {

    @TempDir
    Path tmp;

    private static BufferedImage solid(int w, int h, Color c) {
        BufferedImage im = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                im.setRGB(x, y, c.getRGB());
            }
        }
        return im;
    }

    @Test
    void tilesDifferentSizesIntoColumnsAndRowsWithGaps() {
        List<BufferedImage> images = List.of(solid(8, 8, Color.RED), solid(10, 6, Color.GREEN),
                solid(12, 12, Color.BLUE), solid(5, 5, Color.WHITE));
        BufferedImage grid = SampleGrid.tile(images, 2, 3);
        // Columns as wide as their widest image (12, 10), rows as tall as their tallest (8, 12).
        assertThat(grid.getWidth()).isEqualTo(3 + 12 + 3 + 10 + 3);
        assertThat(grid.getHeight()).isEqualTo(3 + 8 + 3 + 12 + 3);
        int bg = SampleGrid.BACKGROUND.getRGB();
        assertThat(grid.getRGB(0, 0)).isEqualTo(bg);
        assertThat(grid.getRGB(3, 3)).isEqualTo(Color.RED.getRGB());
        assertThat(grid.getRGB(3 + 7, 3 + 7)).isEqualTo(Color.RED.getRGB());
        assertThat(grid.getRGB(3 + 8, 3)).isEqualTo(bg); // inside the cell, right of the narrower image
        assertThat(grid.getRGB(3 + 12 + 3, 3)).isEqualTo(Color.GREEN.getRGB());
        assertThat(grid.getRGB(3 + 12 + 3, 3 + 6)).isEqualTo(bg);
        assertThat(grid.getRGB(3, 3 + 8 + 3)).isEqualTo(Color.BLUE.getRGB());
        assertThat(grid.getRGB(3 + 12 + 3 + 4, 3 + 8 + 3 + 4)).isEqualTo(Color.WHITE.getRGB());
        assertThat(grid.getRGB(3 + 12 + 3 + 5, 3 + 8 + 3 + 5)).isEqualTo(bg);
    }

    @Test
    void defaultLayoutIsAboutSquareAndWritesAPng() throws IOException {
        List<BufferedImage> five = List.of(solid(4, 4, Color.RED), solid(4, 4, Color.RED), solid(4, 4, Color.RED),
                solid(4, 4, Color.RED), solid(4, 4, Color.RED));
        Path png = SampleGrid.write(tmp, "stage00-iter0000100", five);
        assertThat(png).isEqualTo(tmp.resolve("stage00-iter0000100.png"));
        BufferedImage read = ImageIO.read(png.toFile());
        int g = SampleGrid.DEFAULT_GAP;
        assertThat(read.getWidth()).isEqualTo(g + 3 * (4 + g)); // ceil(sqrt(5)) = 3 columns
        assertThat(read.getHeight()).isEqualTo(g + 2 * (4 + g));
        assertThatThrownBy(() -> SampleGrid.write(tmp, "../x", five)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> SampleGrid.tile(List.of())).isInstanceOf(IllegalArgumentException.class);
    }
}
