package org.gan4j.cli;

import org.gan4j.torch.Engine;
import picocli.CommandLine.Option;

/** Options every computing command shares: libtorch's thread count. */
final class EngineOptions {

    @Option(names = "--threads", paramLabel = "T",
            description = "libtorch intra-op threads (default " + Engine.DEFAULT_THREADS + ", measured fastest here; see docs/benchmarks.md).")
    Integer threads;

    /** Loads libtorch and sets the thread count; call before the first tensor op. */
    void apply() {
        if (threads != null) {
            Engine.setThreads(threads);
        }
        Engine.init();
    }
}
