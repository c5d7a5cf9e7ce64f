package org.gan4j.singan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.InputStream;
import org.gan4j.Gan4jException;
import org.junit.jupiter.api.Test;

/** The pyramid plan against the official code's own numbers (parity/singan/pyramid.json, see its README). */
class PyramidTest {

    @Test
    void matchesTheOfficialPlanForManyImageSizes() throws Exception {
        JsonNode cases;
        try (InputStream in = getClass().getResourceAsStream("/parity/singan/pyramid.json")) {
            cases = new ObjectMapper().readTree(in);
        }
        int checked = 0;
        for (JsonNode c : cases) {
            SinGANConfig cfg = SinGANConfig.paper().withMaxSize(c.get("max_size").asInt());
            if (c.get("mode").asText().equals("sr")) {
                cfg = cfg.forSuperResolution(4).withScaleFactor(0.75);
            }
            cfg = cfg.withMinSize(c.get("min_size").asInt());
            Pyramid p = Pyramid.plan(c.get("h").asInt(), c.get("w").asInt(), cfg);
            String what = c.toString();
            assertThat(p.stopScale()).as(what).isEqualTo(c.get("stop_scale").asInt());
            assertThat(p.scale1()).as(what).isEqualTo(c.get("scale1").asDouble());
            assertThat(p.scaleFactor()).as(what).isCloseTo(c.get("scale_factor").asDouble(), org.assertj.core.data.Offset.offset(1e-12));
            for (int i = 0; i <= p.stopScale(); i++) {
                assertThat(p.heights()[i]).as(what + " height " + i).isEqualTo(c.get("heights").get(i).asInt());
                assertThat(p.widths()[i]).as(what + " width " + i).isEqualTo(c.get("widths").get(i).asInt());
            }
            checked++;
        }
        assertThat(checked).isEqualTo(40);
    }

    @Test
    void channelsDoubleEveryFourScalesUpTo128() {
        SinGANConfig c = SinGANConfig.paper();
        assertThat(new int[] {c.channelsAt(0), c.channelsAt(3), c.channelsAt(4), c.channelsAt(7), c.channelsAt(8),
                c.channelsAt(12), c.channelsAt(20)}).containsExactly(32, 32, 64, 64, 128, 128, 128);
    }

    @Test
    void tooSmallAnImageIsACleanError() {
        assertThatThrownBy(() -> Pyramid.plan(1, 1, SinGANConfig.paper()))
                .isInstanceOf(Gan4jException.class)
                .hasMessageContaining("1x1")
                .hasMessageContaining("min size of 25");
        assertThatThrownBy(() -> Pyramid.plan(25, 300, SinGANConfig.paper())).isInstanceOf(Gan4jException.class);
    }

    @Test
    void superResolutionStepsAreTheOfficialOnes() {
        assertThat(SuperResolutionSteps.steps(4)).isEqualTo(6);
        assertThat(SuperResolutionSteps.stepScale(4)).isCloseTo(Math.pow(4, 1 / 6.0), org.assertj.core.data.Offset.offset(1e-12));
        assertThat(SuperResolutionSteps.steps(2)).isEqualTo(3);
        assertThatThrownBy(() -> SuperResolutionSteps.steps(1)).isInstanceOf(Gan4jException.class);
    }
}
