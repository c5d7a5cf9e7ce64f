package org.gan4j.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.gan4j.torch.IOConsumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CheckpointerTest {

    @TempDir
    Path tmp;

    private List<String> names(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.map(p -> p.getFileName().toString()).sorted().collect(Collectors.toList());
        }
    }

    private static IOConsumer<Path> text(String s) {
        return p -> Files.writeString(p, s);
    }

    @Test
    void writeReplacesTheTargetAndLeavesNothingElse() throws IOException {
        Checkpointer c = new Checkpointer(tmp.resolve("checkpoints"));
        assertThat(c.saveLatest(text("one"))).isEqualTo(tmp.resolve("checkpoints/latest.pt"));
        c.saveLatest(text("two"));
        assertThat(Files.readString(c.latest())).isEqualTo("two");
        assertThat(names(c.dir())).containsExactly("latest.pt");
    }

    @Test
    void aWriterThatFailsHalfWayLeavesTheOldFileAndNoTemp() throws IOException {
        Checkpointer c = new Checkpointer(tmp);
        c.saveLatest(text("good"));
        assertThatThrownBy(() -> c.saveLatest(p -> {
            try (OutputStream out = Files.newOutputStream(p)) {
                out.write("half a checkp".getBytes(StandardCharsets.UTF_8));
                throw new IOException("disk full");
            }
        })).isInstanceOf(IOException.class).hasMessage("disk full");
        assertThatThrownBy(() -> c.saveLatest(p -> {
            Files.writeString(p, "partial");
            throw new IllegalStateException("native crash");
        })).isInstanceOf(IllegalStateException.class);
        assertThat(Files.readString(c.latest())).isEqualTo("good");
        assertThat(names(tmp)).containsExactly("latest.pt");
    }

    @Test
    void anEmptyResultNeverReplacesAGoodFile() throws IOException {
        Checkpointer c = new Checkpointer(tmp);
        c.saveLatest(text("good"));
        assertThatThrownBy(() -> c.saveLatest(p -> Files.createFile(p)))
                .isInstanceOf(IOException.class).hasMessageContaining("produced no data");
        assertThatThrownBy(() -> c.saveLatest(p -> { }))
                .isInstanceOf(IOException.class).hasMessageContaining("produced no data");
        assertThat(Files.readString(c.latest())).isEqualTo("good");
        assertThat(names(tmp)).containsExactly("latest.pt");
    }

    @Test
    void milestonesAreCopiesOfLatest() throws IOException {
        Checkpointer c = new Checkpointer(tmp);
        assertThatThrownBy(() -> c.keepMilestone("stage00")).isInstanceOf(IOException.class)
                .hasMessageContaining("no checkpoint to keep");
        c.saveLatest(text("scale 0"));
        Path m = c.keepMilestone("stage00");
        c.saveLatest(text("scale 1"));
        assertThat(m).isEqualTo(tmp.resolve("stage00.pt"));
        assertThat(Files.readString(m)).isEqualTo("scale 0");
        assertThatThrownBy(() -> c.milestone("../escape")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void staleTempsOfAKilledWriterAreRemoved() throws IOException {
        Checkpointer c = new Checkpointer(tmp);
        c.saveLatest(text("good"));
        Files.writeString(tmp.resolve(".latest.pt.4242-7.tmp"), "half");
        Files.writeString(tmp.resolve("notes.txt"), "user file");
        c.deleteStaleTemps();
        assertThat(names(tmp)).containsExactly("latest.pt", "notes.txt");
    }
}
