package org.gan4j.cli;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import org.gan4j.Gan4jException;
import org.gan4j.torch.dist.Launch;
import org.gan4j.torch.dist.LocalJob;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code --nproc N} of a data-parallel train verb: starts N local processes of the same command, each with
 * torchrun's variables set (rank 0 trains and writes the run, the others follow it). A process started by
 * torchrun, SLURM or Kubeflow (WORLD_SIZE set) joins that job instead and ignores {@code --nproc}.
 */
final class DataParallelOptions {

    @Option(names = "--nproc", paramLabel = "N", description = "Train data-parallel in N local processes (global batch"
            + " = --batch, split over them; one thread each unless --threads). torchrun's variables (MASTER_ADDR,"
            + " MASTER_PORT, RANK, WORLD_SIZE) also work without it; see docs/distributed.md.")
    Integer nproc;

    @Spec(Spec.Target.MIXEE)
    CommandSpec command;

    /** Whether this process should start a local job (--nproc above 1, and not already inside a job). */
    boolean startsLocalJob() {
        if (nproc != null && nproc < 1) {
            throw new Gan4jException("--nproc must be at least 1, got " + nproc);
        }
        return nproc != null && nproc > 1 && System.getenv(Launch.WORLD_SIZE) == null;
    }

    /** Runs this command as N processes and returns the job's exit code. */
    int runLocalJob(PrintWriter out, PrintWriter err, boolean threadsGiven) {
        List<String> args = new ArrayList<>();
        List<String> original = command.root().commandLine().getParseResult().originalArgs();
        for (int i = 0; i < original.size(); i++) {
            String a = original.get(i);
            if (a.equals("--nproc")) {
                i++;
            } else if (!a.startsWith("--nproc=")) {
                args.add(a);
            }
        }
        if (!threadsGiven && System.getenv("GAN4J_THREADS") == null) {
            // As torchrun's OMP_NUM_THREADS=1: N processes share the cores.
            int each = Math.max(1, Runtime.getRuntime().availableProcessors() / nproc);
            args.add("--threads=" + each); // an option of the train verb, which ends the command line
        }
        out.println("Starting " + nproc + " processes on this machine (rank 0 reports).");
        out.flush();
        return LocalJob.run(LocalJob.javaCommand(Main.class.getName(), args), nproc, out, err);
    }
}
