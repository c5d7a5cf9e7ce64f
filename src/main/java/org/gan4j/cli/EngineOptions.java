package org.gan4j.cli;

import java.io.PrintWriter;
import org.gan4j.torch.Autocast;
import org.gan4j.torch.Device;
import org.gan4j.torch.Engine;
import org.gan4j.torch.Placement;
import org.gan4j.train.Progress;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * Options every computing command shares: the thread budget, the device and mixed precision; also checks the environment's settings and gives the
 * command its output stream.
 */
final class EngineOptions {

    @Option(names = "--threads", paramLabel = "T",
            description = "Thread budget (default " + Engine.DEFAULT_THREADS + ": two lanes of work with one libtorch thread each, "
                    + "measured fastest on 2 cores; see docs/benchmarks.md).")
    Integer threads;

    @Option(names = "--device", paramLabel = "DEVICE", defaultValue = "cpu",
            description = "Where tensors live: cpu (default), cuda or cuda:N. CUDA needs the CUDA build (mvn -Pcuda; "
                    + "see the README's section on GPUs); under --nproc or torchrun, plain cuda means cuda:LOCAL_RANK.")
    String device;

    @Option(names = "--amp", description = "Mixed precision: autocast to bfloat16 on the device (off by default; "
            + "parameters and optimiser states stay float32; see docs/benchmarks.md).")
    boolean amp;

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
        Placement.use(device());
        Autocast.enable(amp);
    }

    /** {@code --device}; plain {@code cuda} in a data-parallel job is the rank's own GPU, as torchrun's scripts do. */
    Device device() {
        Device d = Device.parse(device);
        String localRank = System.getenv("LOCAL_RANK");
        if (device.trim().equalsIgnoreCase("cuda") && localRank != null && !localRank.isBlank()) {
            try {
                return Device.cuda(Integer.parseInt(localRank.trim()));
            } catch (NumberFormatException e) {
                return d; // Launch reports a malformed LOCAL_RANK in one line
            }
        }
        return d;
    }
}
