package org.gan4j.train;

import java.nio.file.Path;
import java.util.Objects;
import org.gan4j.torch.IOConsumer;

/**
 * A file a trainer declares and {@link TrainLoop} writes atomically at the end of a stage, such as SinGAN's
 * {@code model.pt}; an I/O failure ends the run with the loop's one-line error.
 *
 * @param file   where it goes: relative to the run directory, or absolute
 * @param writer writes the complete content to the temporary path it is given (runs in a scope, under no-grad)
 */
public record Artifact(Path file, IOConsumer<Path> writer) {

    public Artifact {
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(writer, "writer");
    }
}
