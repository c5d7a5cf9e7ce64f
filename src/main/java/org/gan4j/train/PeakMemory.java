package org.gan4j.train;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The process's peak resident memory (Linux: {@code VmHWM} of {@code /proc/self/status}), which a training loop
 * resets at the start of each stage ({@code 5} into {@code /proc/self/clear_refs}) so that it reports every stage's
 * own peak: the figure that says whether a larger image fits. Where /proc is missing or read-only both are no-ops
 * and {@link #megabytes()} is −1. A reset also lowers the process's peak as {@code getrusage} and {@code
 * /usr/bin/time} report it at exit (the kernel keeps one high-water mark), so a run's whole peak is then the
 * largest of its stage lines and what came after the last reset; only multi-stage runs reset.
 */
public final class PeakMemory {
    private static final Path STATUS = Path.of("/proc/self/status");
    private static final Path CLEAR_REFS = Path.of("/proc/self/clear_refs");

    private PeakMemory() {
    }

    /** Starts a new peak at the current resident size; false where the system does not allow it. */
    public static boolean reset() {
        try {
            Files.writeString(CLEAR_REFS, "5");
            return true;
        } catch (IOException | SecurityException | UnsupportedOperationException e) {
            return false;
        }
    }

    /** The peak resident memory since the start or the last {@link #reset()}, in MB, or −1 where unknown. */
    public static long megabytes() {
        try {
            for (String line : Files.readAllLines(STATUS)) {
                if (line.startsWith("VmHWM:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", "")) / 1024;
                }
            }
        } catch (IOException | NumberFormatException | SecurityException e) {
            return -1;
        }
        return -1;
    }
}
