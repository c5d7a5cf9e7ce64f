package org.gan4j.cli;

import org.gan4j.torch.Seeds;
import picocli.CommandLine.Option;

/** {@code --seed S} for commands that draw noise: a given seed repeats a result; without one, a fresh seed. */
final class SeedOption {

    @Option(names = "--seed", paramLabel = "S", description = "Random seed (default: a fresh one, printed with the result).")
    Long seed;

    /** The given seed, or a fresh one (the caller prints it so that the result can be repeated). */
    long value() {
        return seed != null ? seed : Seeds.fresh();
    }
}
