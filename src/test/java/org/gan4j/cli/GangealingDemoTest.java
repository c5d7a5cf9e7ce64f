package org.gan4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.gan4j.data.Faces;
import org.gan4j.data.Images;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** gan4j demo gangealing and the shipped builtin:faces models, in-process. */
@Tag("slow")
class GangealingDemoTest {

    @TempDir
    Path tmp;

    private static double pck(String out, String row) {
        Matcher m = Pattern.compile("\\n\\s+" + row + "\\s+([0-9.]+)%").matcher(out);
        assertThat(m.find()).as("a PCK row '" + row + "' in\n" + out).isTrue();
        return Double.parseDouble(m.group(1));
    }

    @Test
    void demoCongealsEditsAndScoresHeldOutFacesWithTheShippedModels() throws Exception {
        Path demo = tmp.resolve("demo");
        Cli d = Cli.run("demo", "gangealing", "--threads", "1", "--out", demo.toString());
        assertThat(d.code()).as(d.err()).isZero();
        for (String f : new String[] {"generator-samples.png", "congealed.png", "average.png", "edit.png", "edited.png",
            "clip-edited.gif", "correspondence.png"}) {
            assertThat(demo.resolve(f)).as(f).exists();
        }
        // the shipped transformer moves key points closer than no transform at all
        assertThat(pck(d.out(), "full")).isGreaterThan(pck(d.out(), "identity"));
        // the edit lands: the edited row differs from the input row, the input row is untouched
        BufferedImage edited = Images.read(demo.resolve("edited.png"));
        BufferedImage congealed = Images.read(demo.resolve("congealed.png"));
        int side = 64;
        int changed = 0;
        for (int y = 0; y < side; y++) {
            for (int x = 0; x < side; x++) {
                assertThat(edited.getRGB(x, y)).isEqualTo(congealed.getRGB(x, y));
                changed += edited.getRGB(x, y + side + 2) != edited.getRGB(x, y) ? 1 : 0;
            }
        }
        assertThat(changed).as("pixels the glasses changed in the first face").isGreaterThan(40);

        // builtin:faces names the shipped models wherever a model is expected
        Path faces = tmp.resolve("faces");
        Files.createDirectories(faces);
        for (int i = 0; i < 3; i++) {
            Images.writePng(faces.resolve("f" + i + ".png"), Faces.sample(200_000 + i, 64).image());
        }
        Cli c = Cli.run("gangealing", "congeal", "--model", "builtin:faces", "--images", faces.toString(), "--out",
                tmp.resolve("congealed").toString(), "--threads", "1");
        assertThat(c.code()).as(c.err()).isZero();
        Cli g = Cli.run("stylegan2", "generate", "--model", "builtin:faces", "--count", "2", "--seed", "1", "--out",
                tmp.resolve("samples").toString());
        assertThat(g.code()).as(g.err()).isZero();
        assertThat(g.out()).contains("Wrote 2 images (64x64");
    }

    @Test
    void demoCanTrainItsOwnCongealingModelFirst() {
        Path demo = tmp.resolve("demo-train");
        Cli d = Cli.run("demo", "gangealing", "--iters", "2", "--threads", "1", "--out", demo.toString());
        assertThat(d.code()).as(d.err()).isZero();
        assertThat(demo.resolve("congealing/gangealing.pt")).exists();
        assertThat(d.out()).contains("the congealing model trained above", "PCK-Transfer");
    }
}
