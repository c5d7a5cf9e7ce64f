package org.gan4j.torch.dist;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.gan4j.Gan4jException;

/**
 * A data-parallel job of N local processes, as {@code torchrun --nproc-per-node N} starts it: the same Java
 * command N times, each with {@link Launch#localEnvironment} (rendezvous on a free port of 127.0.0.1). Rank 0's
 * output is passed through as it is; the others' lines are prefixed with {@code [rank r]}. The job's exit code
 * is the first non-zero one of its processes (0 when all succeed); once one fails, the others have
 * {@link #GRACE_SECONDS} to stop on their own (they notice at their next collective) before they are ended.
 */
public final class LocalJob {

    /** How long the other processes may take to stop after one failed (they notice at their next collective). */
    public static final long GRACE_SECONDS = 60;

    private LocalJob() {}

    /**
     * The command that runs {@code mainClass} with {@code args} in a JVM like this one: the same java binary,
     * JVM options (without a debugger agent) and class path.
     */
    public static List<String> javaCommand(String mainClass, List<String> args) {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        for (String a : ManagementFactory.getRuntimeMXBean().getInputArguments()) {
            if (!a.startsWith("-agentlib:jdwp") && !a.startsWith("-Xrunjdwp")) {
                cmd.add(a);
            }
        }
        cmd.add("-cp");
        cmd.add(System.getProperty("java.class.path"));
        cmd.add(mainClass);
        cmd.addAll(args);
        return cmd;
    }

    /** A TCP port free on 127.0.0.1 at the time of the call. */
    public static int freePort() {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Runs {@code command} as ranks 0..n−1 and waits for all of them.
     *
     * @param command the process to start n times
     * @param n       processes (at least 1)
     * @param out     where their standard output goes
     * @param err     where their standard error goes
     * @return the first non-zero exit code by rank, or 0
     */
    public static int run(List<String> command, int n, PrintWriter out, PrintWriter err) {
        if (n < 1) {
            throw new Gan4jException("--nproc must be at least 1, got " + n);
        }
        int port = freePort();
        List<Process> procs = new ArrayList<>();
        List<Thread> pumps = new ArrayList<>();
        try {
            for (int r = 0; r < n; r++) {
                ProcessBuilder pb = new ProcessBuilder(command);
                pb.environment().putAll(Launch.localEnvironment(r, n, port));
                Process p = pb.start();
                procs.add(p);
                String prefix = r == 0 ? "" : "[rank " + r + "] ";
                pumps.add(pump(p.getInputStream(), out, prefix));
                pumps.add(pump(p.getErrorStream(), err, prefix));
            }
        } catch (IOException e) {
            procs.forEach(Process::destroyForcibly);
            throw Gan4jException.failed("cannot start the job's processes: " + e.getMessage());
        }
        int code = 0;
        try {
            boolean failed = false;
            boolean[] done = new boolean[n];
            int left = n;
            long deadline = Long.MAX_VALUE;
            while (left > 0) {
                for (int r = 0; r < n; r++) {
                    if (!done[r] && procs.get(r).waitFor(50, TimeUnit.MILLISECONDS)) {
                        done[r] = true;
                        left--;
                        int c = procs.get(r).exitValue();
                        if (c != 0 && !failed) {
                            failed = true;
                            code = c;
                            deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(GRACE_SECONDS);
                        }
                    }
                }
                if (System.nanoTime() > deadline) {
                    procs.forEach(Process::destroy);
                    deadline = Long.MAX_VALUE;
                }
            }
            for (Thread t : pumps) {
                t.join();
            }
        } catch (InterruptedException e) {
            procs.forEach(Process::destroyForcibly);
            Thread.currentThread().interrupt();
            return Gan4jException.FAILED;
        } finally {
            out.flush();
            err.flush();
        }
        return code;
    }

    /** The first line of a libtorch log message: {@code [W1201 04:18:12.704514319 TCPStore.cpp:138] ...}. */
    private static final java.util.regex.Pattern NATIVE_LOG =
            java.util.regex.Pattern.compile("^\\[[WEI]\\d{4} \\d\\d:\\d\\d:\\d\\d\\.\\d+ .*");

    /**
     * Whether a line belongs to a libtorch log message with its native backtrace (the message, "Exception raised
     * from …", "frame #k: …", a blank line), which a rank prints when another one has gone: the rank then reports
     * the event in one line of its own, so the block is left out (all of it is kept with GAN4J_DEBUG set).
     */
    static boolean nativeNoise(String line, boolean inBlock) {
        if (NATIVE_LOG.matcher(line).matches()) {
            return true;
        }
        return inBlock && (line.isBlank() || line.startsWith("Exception raised from ") || line.startsWith("frame #"));
    }

    private static Thread pump(InputStream in, PrintWriter to, String prefix) {
        boolean keepAll = System.getenv("GAN4J_DEBUG") != null;
        Thread t = new Thread(() -> {
            boolean inBlock = false;
            try (BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
                for (String line; (line = r.readLine()) != null; ) {
                    inBlock = !keepAll && nativeNoise(line, inBlock);
                    if (inBlock) {
                        continue;
                    }
                    synchronized (to) {
                        to.println(prefix + line);
                        to.flush();
                    }
                }
            } catch (IOException ignored) {
                // the process ended
            }
        }, "gan4j-job-output");
        t.setDaemon(true);
        t.start();
        return t;
    }
}
