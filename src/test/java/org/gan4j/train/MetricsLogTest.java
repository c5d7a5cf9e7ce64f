package org.gan4j.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.gan4j.Gan4jException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MetricsLogTest {

    @TempDir
    Path tmp;

    private static Map<String, Double> losses(Object... kv) {
        Map<String, Double> m = new LinkedHashMap<>();
        for (int k = 0; k < kv.length; k += 2) {
            m.put((String) kv[k], ((Number) kv[k + 1]).doubleValue());
        }
        return m;
    }

    @Test
    void writesAHeaderInFirstSeenOrderAndFlushesEachRow() throws IOException {
        Path csv = tmp.resolve("metrics.csv");
        MetricsLog log = MetricsLog.open(csv, 0, 0);
        log.append(0, 0, 0.5, losses("errD", 1.5, "errG", -0.25));
        // Flushed: readable before close.
        assertThat(Files.readAllLines(csv)).containsExactly("stage,iter,seconds,errD,errG", "0,0,0.500,1.5,-0.25");
        log.append(0, 1, 1.0, losses("errG", 2, "errD", 3));
        log.close();
        assertThat(Files.readAllLines(csv)).containsExactly("stage,iter,seconds,errD,errG", "0,0,0.500,1.5,-0.25",
                "0,1,1.000,3.0,2.0");
    }

    @Test
    void aLateLossAddsAColumnAndOldRowsGetEmptyCells() throws IOException {
        Path csv = tmp.resolve("metrics.csv");
        try (MetricsLog log = MetricsLog.open(csv, 0, 0)) {
            log.append(0, 0, 0, losses("errD", 1));
            log.append(1, 0, 1, losses("errD", 2, "rec", 0.5));
            log.append(1, 1, 2, losses("rec", 0.25));
            assertThat(log.columns()).containsExactly("errD", "rec");
        }
        assertThat(Files.readAllLines(csv)).containsExactly("stage,iter,seconds,errD,rec", "0,0,0.000,1.0,",
                "1,0,1.000,2.0,0.5", "1,1,2.000,,0.25");
        MetricsLog.Table t = MetricsLog.read(csv);
        assertThat(t.rows().get(0).values()[1]).isNaN();
        assertThat(t.rows().get(2).values()).containsExactly(Double.NaN, 0.25);
    }

    @Test
    void openingAtAResumePositionDropsLaterRowsAndContinuesTheClock() throws IOException {
        Path csv = tmp.resolve("metrics.csv");
        try (MetricsLog log = MetricsLog.open(csv, 0, 0)) {
            for (int s = 0; s < 2; s++) {
                for (int i = 0; i < 5; i++) {
                    log.append(s, i, s * 5 + i, losses("loss", s * 5 + i));
                }
            }
        }
        try (MetricsLog log = MetricsLog.open(csv, 1, 2)) {
            assertThat(log.elapsedSeconds()).isEqualTo(6.0);
            log.append(1, 2, 6.5, losses("loss", -1));
        }
        List<MetricsLog.Row> rows = MetricsLog.read(csv).rows();
        assertThat(rows).extracting(r -> r.stage() + "/" + r.iter())
                .containsExactly("0/0", "0/1", "0/2", "0/3", "0/4", "1/0", "1/1", "1/2");
        assertThat(rows.get(7).values()).containsExactly(-1.0);
        // Starting afresh in the same file empties it.
        try (MetricsLog log = MetricsLog.open(csv, 0, 0)) {
            assertThat(log.elapsedSeconds()).isZero();
            log.append(0, 0, 0, losses("other", 1));
        }
        assertThat(Files.readAllLines(csv)).containsExactly("stage,iter,seconds,other", "0,0,0.000,1.0");
    }

    @Test
    void aHalfWrittenLastLineFromAKillIsDiscarded() throws IOException {
        Path csv = tmp.resolve("metrics.csv");
        Files.writeString(csv, "stage,iter,seconds,loss\n0,0,0.100,1.0\n0,1,0.200,0.5\n0,2,0.3");
        assertThat(MetricsLog.read(csv).rows()).hasSize(2);
        try (MetricsLog log = MetricsLog.open(csv, 0, 2)) {
            log.append(0, 2, 0.3, losses("loss", 0.25));
        }
        assertThat(Files.readAllLines(csv)).containsExactly("stage,iter,seconds,loss", "0,0,0.100,1.0",
                "0,1,0.200,0.5", "0,2,0.300,0.25");
    }

    @Test
    void refusesForeignFilesAndBadNames() throws IOException {
        Path csv = Files.writeString(tmp.resolve("metrics.csv"), "epoch,loss\n1,2\n");
        assertThatThrownBy(() -> MetricsLog.read(csv)).isInstanceOf(Gan4jException.class)
                .hasMessage(csv + " is not a gan4j metrics file (its header should start with stage,iter,seconds)");
        Path bad = Files.writeString(tmp.resolve("bad.csv"), "stage,iter,seconds,loss\n0,0,x,1\n0,1,0.1,1\n");
        assertThatThrownBy(() -> MetricsLog.read(bad)).isInstanceOf(Gan4jException.class)
                .hasMessage(bad + " line 2 is malformed: 0,0,x,1");
        try (MetricsLog log = MetricsLog.open(tmp.resolve("m.csv"), 0, 0)) {
            assertThatThrownBy(() -> log.append(0, 0, 0, losses("a,b", 1))).isInstanceOf(IllegalArgumentException.class);
        }
    }
}
