package org.gan4j.cocosnet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.gan4j.Gan4jException;
import org.gan4j.data.Scenes;
import org.gan4j.train.RunDir;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The input kind on the command line and in config.json, old runs included, and the run checks it implies. */
class InputKindTest {

    @TempDir
    Path tmp;

    @Test
    void parsesTheCommandLineWordsAndNamesTheChoicesOtherwise() {
        assertThat(InputKind.parse("labels")).isEqualTo(InputKind.LABELS);
        assertThat(InputKind.parse("edges")).isEqualTo(InputKind.EDGES);
        assertThatThrownBy(() -> InputKind.parse("pose")).isInstanceOf(Gan4jException.class)
                .hasMessage("--input pose: expected labels or edges");
    }

    @Test
    void aConfigWrittenBeforeEdgeMapsReadsAsLabels() throws Exception {
        RunDir run = RunDir.create(CocosMethod.NAME, tmp.resolve("old"));
        run.writeConfig(CocosRun.onScenes(CocosConfig.fast(Scenes.LABEL_NC, 64), 2));
        Path json = run.configJson();
        String text = Files.readString(json);
        assertThat(text).contains("\"input\" : \"LABELS\",");
        Files.writeString(json, text.replace("\"input\" : \"LABELS\",", ""));
        CocosRun back = RunDir.open(run.dir(), CocosMethod.NAME).readConfig(CocosRun.class);
        assertThat(back.config().input()).isEqualTo(InputKind.LABELS);
        assertThat(back.config()).isEqualTo(CocosConfig.fast(Scenes.LABEL_NC, 64));
    }

    @Test
    void anEdgesRunRoundTripsAndTakesNoLabelSettings() {
        CocosConfig c = CocosConfig.fast(Scenes.LABEL_NC, 64).forEdges();
        RunDir run = RunDir.create(CocosMethod.NAME, tmp.resolve("edges"));
        CocosRun spec = CocosRun.onScenes(c, 2);
        run.writeConfig(spec);
        assertThat(RunDir.open(run.dir(), CocosMethod.NAME).readConfig(CocosRun.class)).isEqualTo(spec);
        assertThat(spec.labelNc()).isZero();
        assertThatThrownBy(() -> new CocosRun(c, null, "photos", null, 3, false, 0, 2)).isInstanceOf(Gan4jException.class)
                .hasMessageContaining("drop --label-nc");
        assertThatThrownBy(() -> c.withNets(CocosNets.celebahqEdge(3), 32)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("an edges model takes 2 input channels, not 3");
    }
}
