package org.gan4j.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.gan4j.Gan4jException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RunDirTest {

    /** Shaped like a method's Config: nested records, paths, lists and primitives. */
    record Schedule(int scales, double scaleFactor) {}

    record Config(Path image, long seed, float lr, List<Integer> iterations, Schedule schedule, String preset) {}

    @TempDir
    Path tmp;

    @Test
    void createsAStampedDirectoryWithItsLayout() {
        RunDir run = RunDir.create("singan", null, tmp.resolve("runs"));
        assertThat(run.dir().getParent()).isEqualTo(tmp.resolve("runs"));
        assertThat(run.dir().getFileName().toString()).matches("singan-\\d{8}-\\d{6}");
        assertThat(run.checkpoints()).isDirectory();
        assertThat(run.samples()).isDirectory();
        assertThat(run.path("samples", "x.png")).isEqualTo(run.dir().resolve("samples/x.png"));
        RunInfo info = RunDir.open(run.dir()).info();
        assertThat(info.method()).isEqualTo("singan");
        assertThat(info.state()).isEqualTo(RunInfo.CREATED);
        assertThat(info.gan4j()).isNotBlank();
        // Two runs started in the same second do not share a directory.
        RunDir second = RunDir.create("singan", null, tmp.resolve("runs"));
        assertThat(second.dir()).isNotEqualTo(run.dir());
    }

    @Test
    void configRoundTripsAsReadableJson() throws IOException {
        RunDir run = RunDir.create("singan", tmp.resolve("out"));
        Config c = new Config(Path.of("data/balloons.png"), 42, 5e-4f, List.of(2000, 2000),
                new Schedule(8, 0.75), "fast");
        run.writeConfig(c);
        String json = Files.readString(run.configJson());
        assertThat(json).contains("\"image\" : \"data/balloons.png\"").contains("\n  \"seed\" : 42");
        assertThat(run.readConfig(Config.class)).isEqualTo(c);
        assertThat(RunDir.toJson(c)).isEqualTo(json);
        try (var s = Files.list(run.dir())) {
            assertThat(s.map(p -> p.getFileName().toString()).filter(n -> n.startsWith("."))).isEmpty();
        }
    }

    @Test
    void aConfigThatDoesNotFitNamesTheFile() throws IOException {
        RunDir run = RunDir.create("singan", tmp.resolve("out"));
        assertThatThrownBy(() -> run.readConfig(Config.class)).isInstanceOf(Gan4jException.class)
                .hasMessageContaining("has no config.json");
        Files.writeString(run.configJson(), "{\"seed\": \"many\"}");
        assertThatThrownBy(() -> run.readConfig(Config.class)).isInstanceOf(Gan4jException.class)
                .hasMessageStartingWith(run.configJson() + " does not fit Config: ")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
    }

    @Test
    void openRefusesWhatIsNotARun() throws IOException {
        Path plain = Files.createDirectories(tmp.resolve("photos"));
        assertThatThrownBy(() -> RunDir.open(plain)).isInstanceOf(Gan4jException.class)
                .hasMessage(plain + " is not a gan4j run directory (no run.json); pass a directory made by"
                        + " 'gan4j <method> train'");
        assertThatThrownBy(() -> RunDir.open(tmp.resolve("missing"))).isInstanceOf(Gan4jException.class)
                .hasMessage(tmp.resolve("missing") + " is not a gan4j run directory (no such directory)");
        Path file = Files.writeString(tmp.resolve("notes.txt"), "x");
        assertThatThrownBy(() -> RunDir.open(file)).isInstanceOf(Gan4jException.class)
                .hasMessage(file + " is not a gan4j run directory (a file, not a directory)");
        Files.writeString(plain.resolve("run.json"), "not json");
        assertThatThrownBy(() -> RunDir.open(plain)).isInstanceOf(Gan4jException.class)
                .hasMessageStartingWith(plain.resolve("run.json") + " is not a valid gan4j run file: ");
        RunDir run = RunDir.create("singan", tmp.resolve("s"));
        assertThatThrownBy(() -> RunDir.open(run.dir(), "stylegan2")).isInstanceOf(Gan4jException.class)
                .hasMessage(run.dir() + " is a singan run, not a stylegan2 run; use 'gan4j singan' with it, or pick"
                        + " a stylegan2 run");
        assertThat(RunDir.open(run.dir(), "singan").method()).isEqualTo("singan");
    }

    @Test
    void outMustBeEmptyOrARunOfTheSameMethod() throws IOException {
        Path foreign = Files.createDirectories(tmp.resolve("foreign"));
        Files.writeString(foreign.resolve("thesis.tex"), "precious");
        assertThatThrownBy(() -> RunDir.create("singan", foreign)).isInstanceOf(Gan4jException.class)
                .hasMessage("--out " + foreign + " is not empty and is not a gan4j run; choose another --out, or"
                        + " --resume " + foreign + " to continue a run there");
        assertThat(Files.readString(foreign.resolve("thesis.tex"))).isEqualTo("precious");

        RunDir other = RunDir.create("stylegan2", tmp.resolve("other"));
        assertThatThrownBy(() -> RunDir.create("singan", other.dir())).isInstanceOf(Gan4jException.class)
                .hasMessageContaining("is not empty and holds a stylegan2 run");

        Path empty = Files.createDirectories(tmp.resolve("empty"));
        assertThat(RunDir.create("singan", empty).dir()).isEqualTo(empty);
        RunDir same = RunDir.create("singan", tmp.resolve("same"));
        same.markFinished();
        assertThat(RunDir.create("singan", same.dir()).info().state()).isEqualTo(RunInfo.CREATED);

        Path file = Files.writeString(tmp.resolve("file"), "x");
        assertThatThrownBy(() -> RunDir.create("singan", file)).isInstanceOf(Gan4jException.class)
                .hasMessage("--out " + file + " is a file, not a directory; choose a directory");
    }

    @Test
    void stateChangesAreRecorded() {
        RunDir run = RunDir.create("singan", tmp.resolve("r"));
        run.markRunning();
        assertThat(RunDir.open(run.dir()).info().state()).isEqualTo(RunInfo.RUNNING);
        run.markFailed("training diverged: errD is NaN");
        RunInfo failed = RunDir.open(run.dir()).info();
        assertThat(failed.state()).isEqualTo(RunInfo.FAILED);
        assertThat(failed.error()).isEqualTo("training diverged: errD is NaN");
        assertThat(failed.created()).isEqualTo(run.info().created());
        run.markFinished();
        assertThat(RunDir.open(run.dir()).info().error()).isNull();
    }
}
