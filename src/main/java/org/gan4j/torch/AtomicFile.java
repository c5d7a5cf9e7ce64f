package org.gan4j.torch;

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
 * Writes a file atomically: a hidden temporary file in the same directory, fsync, rename over the target.
 *
 * <p>A process killed at any instant therefore leaves either the previous file or the new one, never a half-written
 * one; a crash can leave a hidden temporary file, which {@link #deleteStaleTemps(Path)} removes. Checkpoints,
 * images, run files and metrics all go through here.
 */
public final class AtomicFile {

    /** Suffix of the temporary files (hidden: their names start with a dot). */
    public static final String TEMP_SUFFIX = ".tmp";

    private static final AtomicLong COUNTER = new AtomicLong();

    private AtomicFile() {}

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

    /**
     * Removes temporary files left in {@code dir} by a process that was killed while writing. Call it only when
     * no other process writes there.
     */
    public static void deleteStaleTemps(Path dir) throws IOException {
        try (DirectoryStream<Path> files = Files.newDirectoryStream(dir, ".*" + TEMP_SUFFIX)) {
            for (Path f : files) {
                Files.deleteIfExists(f);
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
