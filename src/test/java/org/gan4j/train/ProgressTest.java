package org.gan4j.train;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ProgressTest {

    private static Map<String, Double> losses(double d, double g) {
        Map<String, Double> m = new LinkedHashMap<>();
        m.put("errD", d);
        m.put("errG", g);
        return m;
    }

    @Test
    void plainLinesCarryStageIterationRateEtaAndLosses() throws InterruptedException {
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        try (Progress p = new Progress(Progress.Mode.PLAIN, new PrintStream(buf, true, StandardCharsets.UTF_8), Duration.ZERO)) {
            p.start(20, 0);
            p.beginStage("scale 1/2 (25x33)", 10, 0);
            for (int i = 1; i <= 10; i++) {
                Thread.sleep(2);
                p.update(i, losses(0.123456, -1.23456e-5));
            }
            p.endStage();
            p.log("checkpoint written");
        }
        String[] lines = buf.toString(StandardCharsets.UTF_8).split("\n");
        assertThat(lines).hasSize(11);
        assertThat(lines[2]).matches("scale 1/2 \\(25x33\\) \\| iter 3/10 \\| [0-9.]+ it/s \\| ETA \\d+s \\| total ETA ~\\d+s"
                + " \\| errD 0\\.1235 errG -1\\.235e-05");
        assertThat(lines[10]).isEqualTo("checkpoint written");
    }

    @Test
    void plainLinesAreSpacedButEveryStageShowsItsStartAndEnd() {
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        Progress p = new Progress(Progress.Mode.PLAIN, new PrintStream(buf, true, StandardCharsets.UTF_8), Duration.ofHours(1));
        p.start(300, 100);
        p.beginStage("stage 2/3", 100, 0); // resumed: stage 1 was done before
        for (int i = 1; i <= 100; i++) {
            p.update(i, Map.of("loss", 1.0 / i));
        }
        p.close();
        String[] lines = buf.toString(StandardCharsets.UTF_8).split("\n");
        assertThat(lines).hasSize(2);
        assertThat(lines[0]).startsWith("stage 2/3 | iter 1/100 | ");
        assertThat(lines[1]).startsWith("stage 2/3 | iter 100/100 | ").endsWith("| loss 0.01");
    }

    @Test
    void theTotalEtaWeighsTheLaterStagesByTheirCost() {
        try (Progress p = new Progress(Progress.Mode.OFF, new PrintStream(new ByteArrayOutputStream()), Duration.ZERO)) {
            p.start(10 * 1 + 10 * 4, 0); // a cheap stage, then one whose iterations cost 4 times as much
            p.beginStage("cheap", 10, 0, 1);
            long t0 = System.nanoTime();
            p.update(5, Map.of());
            // 5 cheap iterations in 10 s: 2 s per unit; left: 5 x 1 + 10 x 4 = 45 units = 90 s.
            String line = p.line(Map.of(), t0 + 10_000_000_000L);
            assertThat(line).contains("| ETA 10s").contains("| total ETA ~1m30s");
        }
    }

    @Test
    void offPrintsNothing() {
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        try (Progress p = new Progress(Progress.Mode.OFF, new PrintStream(buf), Duration.ZERO)) {
            p.start(10, 0);
            p.beginStage("s", 10, 0);
            p.update(1, losses(1, 2));
            p.log("hello");
        }
        assertThat(buf.size()).isZero();
    }

    @Test
    void theModeFollowsThePropertyAndNeverDrawsABarWithoutAConsole() {
        String old = System.getProperty(Progress.PROPERTY);
        try {
            System.setProperty(Progress.PROPERTY, "off");
            assertThat(Progress.modeFromEnvironment()).isEqualTo(Progress.Mode.OFF);
            System.setProperty(Progress.PROPERTY, "PLAIN");
            assertThat(Progress.modeFromEnvironment()).isEqualTo(Progress.Mode.PLAIN);
            System.clearProperty(Progress.PROPERTY);
            if (System.console() == null && System.getenv("GAN4J_PROGRESS") == null) {
                assertThat(Progress.modeFromEnvironment()).isEqualTo(Progress.Mode.PLAIN); // surefire: no console
            }
        } finally {
            if (old == null) {
                System.clearProperty(Progress.PROPERTY);
            } else {
                System.setProperty(Progress.PROPERTY, old);
            }
        }
    }

    @Test
    void numbersAreShortAndReadable() {
        assertThat(Progress.number(0.123456)).isEqualTo("0.1235");
        assertThat(Progress.number(1234.56)).isEqualTo("1235");
        assertThat(Progress.number(2.0)).isEqualTo("2");
        assertThat(Progress.number(0)).isEqualTo("0");
        assertThat(Progress.number(-3.2e-7)).isEqualTo("-3.200e-07");
        assertThat(Progress.number(Double.NaN)).isEqualTo("NaN");
        assertThat(Progress.duration(3725)).isEqualTo("1h02m");
        assertThat(Progress.duration(308)).isEqualTo("5m08s");
        assertThat(Progress.duration(12.4)).isEqualTo("12s");
        assertThat(Progress.rate(6.123)).isEqualTo("6.12 it/s");
        assertThat(Progress.rate(0.25)).isEqualTo("4.00 s/it");
    }
}
