package org.gan4j.cli;

import java.io.PrintWriter;
import org.gan4j.torch.Engine;
import org.gan4j.train.Progress;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * Options every computing command shares: the thread budget; also checks the environment's settings and gives the
 * command its output stream.
 */
final class EngineOptions {

    @Option(names = "--threads", paramLabel = "T",
            description = "Thread budget (default " + Engine.DEFAULT_THREADS + ": two lanes of work with one libtorch thread each, "
                    + "measured fastest on 2 cores; see docs/benchmarks.md).")
    Integer threads;

    @Spec(Spec.Target.MIXEE)
    CommandSpec command;

    /** The command's standard output (what picocli and the tests capture). */
    PrintWriter out() {
        return command.commandLine().getOut();
    }

    /**
     * Loads libtorch and sets the thread count; call before the first tensor op and before creating any output,
     * so that a bad GAN4J_PROGRESS / gan4j.progress fails here rather than after a run directory exists.
     */
    void apply() {
        Progress.modeFromEnvironment();
        if (threads != null) {
            Engine.setThreads(threads);
        }
        Engine.init();
    }
}
