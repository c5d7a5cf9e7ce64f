package org.gan4j.stylegan2;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.gan4j.Gan4jException;
import org.junit.jupiter.api.Test;

/** The config: rosinality's channel table and latent counts, presets, JSON round trip, validation. */
class Stylegan2ConfigTest {

    @Test
    void paperChannelTableIsRosinalitys() {
        int[] res = {4, 8, 16, 32, 64, 128, 256, 512, 1024};
        int[] f = {512, 512, 512, 512, 512, 256, 128, 64, 32}; // channel_multiplier 2
        int[] e = {512, 512, 512, 512, 256, 128, 64, 32, 16}; // channel_multiplier 1
        Stylegan2Config c = Stylegan2Config.paper(1024);
        for (int i = 0; i < res.length; i++) {
            assertThat(c.channels(res[i])).as("F at " + res[i]).isEqualTo(f[i]);
            assertThat(c.withChannels(1, 512, 16384).channels(res[i])).as("E at " + res[i]).isEqualTo(e[i]);
        }
        assertThat(c.nLatent()).isEqualTo(18);
        assertThat(c.numLayers()).isEqualTo(17);
        assertThat(Stylegan2Config.paper(256).nLatent()).isEqualTo(14);
    }

    @Test
    void presetsAndJsonRoundTrip() throws Exception {
        Stylegan2Config fast = Stylegan2Config.preset("fast", 64);
        assertThat(fast.channels(4)).isEqualTo(64);
        assertThat(fast.channels(64)).isEqualTo(32);
        assertThat(fast.styleDim()).isEqualTo(128);
        assertThat(fast.r1()).isCloseTo(0.0002 * 64 * 64 / 8, org.assertj.core.api.Assertions.within(1e-12));
        ObjectMapper json = new ObjectMapper();
        String text = json.writeValueAsString(fast);
        assertThat(text).doesNotContain("nLatent").contains("\"channelBase\"");
        assertThat(json.readValue(text, Stylegan2Config.class)).isEqualTo(fast);
    }

    @Test
    void badValuesAreOneLineErrors() {
        assertThatThrownBy(() -> Stylegan2Config.paper(48)).isInstanceOf(Gan4jException.class)
                .hasMessage("StyleGAN2 size must be a power of two from 8 to 1024, got 48");
        assertThatThrownBy(() -> Stylegan2Config.paper(4)).isInstanceOf(Gan4jException.class);
        assertThatThrownBy(() -> Stylegan2Config.preset("huge", 64)).hasMessageContaining("'paper' or 'fast'");
    }
}
