package org.gan4j.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.gan4j.Gan4jException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NanGuardTest {

    @TempDir
    Path tmp;

    @Test
    void namesTheLossTheStageAndTheCheckpoint() throws IOException {
        Path latest = Files.writeString(tmp.resolve("latest.pt"), "x");
        NanGuard guard = new NanGuard(tmp, latest);
        Map<String, Double> losses = new LinkedHashMap<>();
        losses.put("errD", 0.5);
        losses.put("errG", Double.NaN);
        assertThatThrownBy(() -> guard.check(losses, "scale 3/8", 412))
                .isInstanceOf(Gan4jException.class)
                .hasMessage("training diverged: errG is NaN at scale 3/8 iteration 412; the last good checkpoint is "
                        + latest + " (resume with --resume " + tmp + ", perhaps with a lower learning rate)")
                .satisfies(e -> assertThat(((Gan4jException) e).exitCode()).isEqualTo(Gan4jException.FAILED));
        assertThatThrownBy(() -> guard.check(Map.of("errD", Double.NEGATIVE_INFINITY), "s", 1))
                .hasMessageStartingWith("training diverged: errD is -Inf at s iteration 1;");
        assertThatCode(() -> guard.check(Map.of("errD", -1e30, "errG", 0.0), "s", 2)).doesNotThrowAnyException();
    }

    @Test
    void withoutACheckpointItSaysSo() {
        NanGuard guard = new NanGuard(tmp, tmp.resolve("latest.pt"));
        assertThatThrownBy(() -> guard.check(Map.of("loss", Double.POSITIVE_INFINITY), "stage 1/1", 0))
                .hasMessage("training diverged: loss is +Inf at stage 1/1 iteration 0; no checkpoint was written yet"
                        + " (start again, perhaps with a lower learning rate)");
    }
}
