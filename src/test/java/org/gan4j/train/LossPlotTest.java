package org.gan4j.train;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LossPlotTest {

    @TempDir
    Path tmp;

    @Test
    void drawsAPngFromMetricsHeadless() throws IOException {
        Path csv = tmp.resolve("metrics.csv");
        try (MetricsLog log = MetricsLog.open(csv, 0, 0)) {
            for (int s = 0; s < 3; s++) {
                for (int i = 0; i < 4000; i++) {
                    // A WGAN-like critic loss (negative) and a falling reconstruction loss, with one NaN.
                    double rec = i == 10 && s == 0 ? Double.NaN : 1.0 / (1 + i + 4000 * s);
                    log.append(s, i, i, Map.of("errD", -1.0 - Math.sin(i), "rec", rec));
                }
            }
        }
        Path png = tmp.resolve("loss.png");
        assertThat(LossPlot.render(csv, png, false)).isTrue();
        assertThat(isPng(png)).isTrue();
        BufferedImage im = ImageIO.read(png.toFile());
        assertThat(im.getWidth()).isEqualTo(900);
        assertThat(im.getHeight()).isEqualTo(500);
        assertThat(java.awt.GraphicsEnvironment.isHeadless()).isTrue();
        // Log scale with negative values plots magnitudes instead of failing.
        assertThat(LossPlot.render(csv, tmp.resolve("log.png"), true)).isTrue();
        assertThat(isPng(tmp.resolve("log.png"))).isTrue();
    }

    @Test
    void nothingToDrawBeforeTheFirstRow() throws IOException {
        Path csv = tmp.resolve("metrics.csv");
        assertThat(LossPlot.render(csv, tmp.resolve("loss.png"), false)).isFalse();
        MetricsLog.open(csv, 0, 0).append(0, 0, 0, Map.of());
        assertThat(LossPlot.render(csv, tmp.resolve("loss.png"), false)).isFalse();
        assertThat(Files.exists(tmp.resolve("loss.png"))).isFalse();
    }

    @Test
    void globalIterationsChainTheStages() {
        List<MetricsLog.Row> rows = new ArrayList<>();
        // Stage 0 logged every 10 iterations up to its last (29), stage 1 from 0.
        for (long i : new long[] {9, 19, 29}) {
            rows.add(new MetricsLog.Row(0, i, 0, new double[0]));
        }
        for (long i : new long[] {0, 5}) {
            rows.add(new MetricsLog.Row(1, i, 0, new double[0]));
        }
        rows.add(new MetricsLog.Row(2, 0, 0, new double[0]));
        assertThat(LossPlot.globalIterations(rows)).containsExactly(9, 19, 29, 30, 35, 36);
    }

    /** A PNG signature and an image that ImageIO can decode. */
    static boolean isPng(Path p) throws IOException {
        byte[] head = new byte[8];
        try (var in = Files.newInputStream(p)) {
            if (in.read(head) != 8) {
                return false;
            }
        }
        return head[0] == (byte) 0x89 && head[1] == 'P' && head[2] == 'N' && head[3] == 'G'
                && ImageIO.read(p.toFile()) != null;
    }
}
