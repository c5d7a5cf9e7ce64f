package org.gan4j.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import org.gan4j.Gan4jException;
import picocli.CommandLine.Option;

/** What {@code gan4j sefa} and {@code gan4j orojar discover} share: the traversal picture's settings and their report. */
final class DirectionOptions {

    @Option(names = "--range", arity = "2", paramLabel = "LO HI", description = "Traversal distances (default -3 3).")
    double[] range = {-3, 3};

    @Option(names = "--steps", defaultValue = "7", paramLabel = "N", description = "Images per row. Default: ${DEFAULT-VALUE}.")
    int steps;

    @Option(names = "--truncation", defaultValue = "0.7", paramLabel = "PSI",
            description = "StyleGAN2 truncation toward the average w for the traversal (SeFa's default 0.7). Default: ${DEFAULT-VALUE}.")
    double truncation;

    void validate() {
        if (steps < 2) {
            throw new Gan4jException("--steps must be at least 2, got " + steps);
        }
        if (!(truncation >= 0 && truncation <= 1)) {
            throw new Gan4jException("--truncation must be between 0 and 1, got " + truncation);
        }
    }

    /** The values line and the files written. */
    static void report(PrintWriter pw, String valuesLabel, float[] values, long dim, Path out, long seed) {
        StringBuilder sb = new StringBuilder();
        for (float v : values) {
            sb.append(String.format(Locale.ROOT, " %.4g", v));
        }
        pw.println(valuesLabel + ":" + sb);
        pw.println("Wrote " + out.resolve("directions.npy") + " (" + values.length + " x " + dim + "), "
                + out.resolve("eigenvalues.npy") + ", " + out.resolve("traversal.png") + " (seed " + seed + ")");
    }
}
