package org.gan4j.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.gan4j.Gan4jException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Palette JSON files and the fallback colours. */
class PaletteTest {

    @TempDir
    Path tmp;

    @Test
    void readsClassesFromJson() throws Exception {
        Path f = tmp.resolve("p.json");
        Files.writeString(f, "{\"classes\":[{\"id\":0,\"name\":\"sky\",\"color\":\"#87ceeb\"},"
                + "{\"id\":255,\"name\":\"void\",\"color\":\"#000000\"},{\"id\":3,\"color\":\"FF0000\"}]}");
        Palette p = Palette.read(f);
        assertThat(p.classes()).hasSize(3);
        assertThat(p.idOf(0x87CEEB)).isEqualTo(0);
        assertThat(p.idOf(0x000000)).isEqualTo(255);
        assertThat(p.idOf(0xFF0000)).isEqualTo(3);
        assertThat(p.idOf(0x123456)).isEqualTo(-1);
        assertThat(p.name(3)).isEqualTo("class 3");
        assertThat(p.name(0)).isEqualTo("sky");
        assertThat(p.rgb(0)).isEqualTo(0x87CEEB);
        assertThat(p.source()).isEqualTo(f.toString());
    }

    @Test
    void writtenPalettesReadBack() {
        Path f = tmp.resolve("sub/scenes.json");
        Scenes.CLASSES.write(f);
        Palette back = Palette.read(f);
        assertThat(back.classes()).isEqualTo(Scenes.CLASSES.classes());
    }

    @Test
    void badFilesAreOneLineErrors() throws Exception {
        Path f = tmp.resolve("p.json");
        assertThatThrownBy(() -> Palette.read(f)).isInstanceOf(Gan4jException.class)
                .hasMessageStartingWith("palette file " + f + " not found");
        Files.writeString(f, "{\"classes\": [ {\"id\": 0, \"color\": \"#000000\"}, ]");
        assertThatThrownBy(() -> Palette.read(f)).isInstanceOf(Gan4jException.class)
                .hasMessageStartingWith(f + ": not valid JSON (").hasMessageContaining("at line 1, column")
                .hasMessageNotContaining("\n");
        Files.writeString(f, "{\"labels\": []}");
        assertThatThrownBy(() -> Palette.read(f)).hasMessageStartingWith(f + ": expected {\"classes\":[");
        Files.writeString(f, "{\"classes\": [{\"id\": 1, \"color\": \"#12345\"}]}");
        assertThatThrownBy(() -> Palette.read(f))
                .hasMessage(f + ": classes[0]: colour \"#12345\" is not of the form #rrggbb");
        Files.writeString(f, "{\"classes\": [{\"id\": \"a\", \"color\": \"#123456\"}]}");
        assertThatThrownBy(() -> Palette.read(f))
                .hasMessage(f + ": classes[0] needs an integer \"id\" from 0 to 65535, got \"a\"");
        Files.writeString(f, "{\"classes\": [{\"id\": 1, \"color\": \"#123456\"}, {\"id\": 2, \"color\": \"#123456\"}]}");
        assertThatThrownBy(() -> Palette.read(f))
                .hasMessage(f + ": colour #123456 is given to ids 1 and 2; a colour must name one class");
        Files.writeString(f, "{\"classes\": [{\"id\": 1, \"color\": \"#123456\"}, {\"id\": 1, \"color\": \"#654321\"}]}");
        assertThatThrownBy(() -> Palette.read(f)).hasMessage(f + ": class id 1 appears twice; give each id one entry");
    }

    @Test
    void fallbackColoursAreSpadesLabelColourMap() {
        // util.labelcolormap(N)[i] for N != 35: the bits of i + 1 spread over R, G, B from the top bit down.
        assertThat(Palette.fallbackRgb(0)).isEqualTo(0x800000);
        assertThat(Palette.fallbackRgb(1)).isEqualTo(0x008000);
        assertThat(Palette.fallbackRgb(2)).isEqualTo(0x808000);
        assertThat(Palette.fallbackRgb(3)).isEqualTo(0x000080);
        assertThat(Palette.fallbackRgb(6)).isEqualTo(0x808080);
        assertThat(Palette.fallbackRgb(7)).isEqualTo(0x400000);
        assertThat(Palette.hex(0x87CEEB)).isEqualTo("#87ceeb");
    }
}
