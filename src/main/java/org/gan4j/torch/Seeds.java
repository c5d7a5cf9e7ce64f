package org.gan4j.torch;

import org.bytedeco.pytorch.global.torch;

/** Seeds libtorch's global generator so that a run is repeatable on the same machine. */
public final class Seeds {

    private Seeds() {}

    public static void seed(long seed) {
        Engine.init();
        torch.manual_seed(seed);
    }

    /** A seed for a run that was given none: recorded in config.json so the run can be repeated. */
    public static long fresh() {
        return 1 + (long) (Math.random() * 1_000_000);
    }
}
