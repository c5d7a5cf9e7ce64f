package org.gan4j.train;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Writes files atomically (temporary file in the same directory, fsync, rename) and names the checkpoints of
 * a run: {@code checkpoints/latest.pt} and optional milestone copies beside it.
 *
 * <p>A run killed at any instant therefore leaves either the previous {@code latest.pt} or the new one, never a
 * half-written file; a crash can leave a hidden temporary file, which {@link #deleteStaleTemps()} removes.
 */
public final class Checkpointer {

    /** File name of the checkpoint a resumed run continues from. */
    public static final String LATEST = "latest.pt";

    private static final String TEMP_SUFFIX = ".tmp";
    private static final AtomicLong COUNTER = new AtomicLong();

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
        write(target, writer);
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
        write(target, tmp -> Files.copy(source, tmp));
        return target;
    }

    /**
     * Removes temporary files left in the directory by a process that was killed while writing. Call it only
     * when no other process writes to this run.
     */
    public void deleteStaleTemps() throws IOException {
        try (DirectoryStream<Path> files = Files.newDirectoryStream(dir, ".*" + TEMP_SUFFIX)) {
            for (Path f : files) {
                Files.deleteIfExists(f);
            }
        }
    }

    /**
     * Writes {@code target} atomically: {@code writer} fills a temporary path in the same directory (the path
     * does not exist yet, so the writer may create it however it likes), which is then forced to disk and
     * renamed over {@code target}. If the writer throws or writes nothing, {@code target} is left as it was
     * and the temporary file is deleted.
     *
     * @param target the file to create or replace; its directory must exist
     * @param writer writes the complete content to the path it is given
     */
    public static void write(Path target, IOConsumer<Path> writer) throws IOException {
        Path parent = target.toAbsolutePath().getParent();
        // Hidden and unique per call, so concurrent writers and directory listings never see a partial file.
        Path tmp = parent.resolve("." + target.getFileName() + "." + ProcessHandle.current().pid() + "-"
                + COUNTER.incrementAndGet() + TEMP_SUFFIX);
        boolean moved = false;
        try {
            writer.accept(tmp);
            if (!Files.isRegularFile(tmp) || Files.size(tmp) == 0) {
                // An empty file replacing a good checkpoint would lose a run; refuse instead.
                throw new IOException("writing " + target + " produced no data; the previous file is kept");
            }
            try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE)) {
                ch.force(true);
            }
            Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            moved = true;
            syncDirectory(parent);
        } finally {
            if (!moved) {
                try {
                    Files.deleteIfExists(tmp);
                } catch (IOException | UncheckedIOException ignored) {
                    // The original failure matters more; a stale temp is removed by deleteStaleTemps().
                }
            }
        }
    }

    /** Makes the rename itself durable; some file systems (and every non-POSIX one) refuse, which is harmless. */
    private static void syncDirectory(Path dir) {
        try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
            ch.force(true);
        } catch (IOException | UnsupportedOperationException ignored) {
            // Best effort only: the data itself is already on disk.
        }
    }
}
