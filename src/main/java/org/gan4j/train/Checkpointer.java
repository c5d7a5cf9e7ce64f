package org.gan4j.train;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.gan4j.torch.AtomicFile;
import org.gan4j.torch.IOConsumer;

/**
 * Names and writes the checkpoints of a run: {@code checkpoints/latest.pt} and optional milestone copies beside
 * it, each written through {@link AtomicFile} (temporary file, fsync, rename).
 *
 * <p>A run killed at any instant therefore leaves either the previous {@code latest.pt} or the new one, never a
 * half-written file; a crash can leave a hidden temporary file, which {@link #deleteStaleTemps()} removes.
 */
public final class Checkpointer {

    /** File name of the checkpoint a resumed run continues from. */
    public static final String LATEST = "latest.pt";

    private final Path dir;

    /**
     * @param dir the checkpoints directory (created if missing), normally {@link RunDir#checkpoints()}
     */
    public Checkpointer(Path dir) throws IOException {
        this.dir = Files.createDirectories(dir);
    }

    /** The checkpoints directory. */
    public Path dir() {
        return dir;
    }

    /** {@code checkpoints/latest.pt}, whether or not it exists yet. */
    public Path latest() {
        return dir.resolve(LATEST);
    }

    /** A milestone's path, {@code checkpoints/<name>.pt}. */
    public Path milestone(String name) {
        if (name.isEmpty() || name.contains("/") || name.contains("\\") || name.startsWith(".")) {
            throw new IllegalArgumentException("bad milestone name '" + name + "'");
        }
        return dir.resolve(name + ".pt");
    }

    /** Writes {@code latest.pt} atomically with {@code writer} and returns its path. */
    public Path saveLatest(IOConsumer<Path> writer) throws IOException {
        Path target = latest();
        AtomicFile.write(target, writer);
        return target;
    }

    /**
     * Copies {@code latest.pt} to the milestone {@code name} (atomically, so a milestone is always whole) and
     * returns the milestone's path.
     */
    public Path keepMilestone(String name) throws IOException {
        Path source = latest();
        if (!Files.isRegularFile(source)) {
            throw new IOException("no checkpoint to keep as a milestone: " + source + " does not exist");
        }
        Path target = milestone(name);
        AtomicFile.write(target, tmp -> Files.copy(source, tmp));
        return target;
    }

    /**
     * Removes temporary files left in the directory by a process that was killed while writing. Call it only
     * when no other process writes to this run.
     */
    public void deleteStaleTemps() throws IOException {
        AtomicFile.deleteStaleTemps(dir);
    }
}
