package org.gan4j.torch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AtomicFileTest {

    @TempDir
    Path tmp;

    private long files() throws IOException {
        try (Stream<Path> s = Files.list(tmp)) {
            return s.count();
        }
    }

    @Test
    void replacesTheTargetOrLeavesItAsItWas() throws IOException {
        Path f = tmp.resolve("a.txt");
        AtomicFile.write(f, p -> Files.writeString(p, "one"));
        AtomicFile.write(f, p -> Files.writeString(p, "two"));
        assertThat(Files.readString(f)).isEqualTo("two");
        assertThatThrownBy(() -> AtomicFile.write(f, p -> {
            Files.writeString(p, "half");
            throw new IOException("disk full");
        })).hasMessage("disk full");
        assertThatThrownBy(() -> AtomicFile.write(f, p -> Files.writeString(p, "")))
                .hasMessageContaining("produced no data");
        assertThat(Files.readString(f)).isEqualTo("two");
        assertThat(files()).isEqualTo(1);
    }

    @Test
    void deletesStaleTemporaryFilesOnly() throws IOException {
        Files.writeString(tmp.resolve(".a.txt.1-1" + AtomicFile.TEMP_SUFFIX), "x");
        Files.writeString(tmp.resolve("keep.txt"), "y");
        AtomicFile.deleteStaleTemps(tmp);
        assertThat(files()).isEqualTo(1);
    }
}
