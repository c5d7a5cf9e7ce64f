package org.gan4j.train;

import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.util.Properties;

/**
 * The contents of a run's {@code run.json}: which method made it, with which gan4j, and how it stands.
 *
 * @param method  the method's CLI name, e.g. {@code singan}
 * @param gan4j   the gan4j version that last touched the run
 * @param state   one of {@link #CREATED}, {@link #RUNNING}, {@link #FINISHED}, {@link #FAILED}, {@link #INTERRUPTED}
 * @param created when the run directory was made (ISO-8601, UTC)
 * @param updated when the state last changed (ISO-8601, UTC)
 * @param error   the one-line reason of a failed run, otherwise null
 */
public record RunInfo(String method, String gan4j, String state, String created, String updated, String error) {

    /** Directory made, no step taken yet. */
    public static final String CREATED = "created";
    /** A training loop is (or was, if the process died without notice) working on the run. */
    public static final String RUNNING = "running";
    /** Every stage completed. */
    public static final String FINISHED = "finished";
    /** Stopped by an error (see {@link #error}); resumable from the last checkpoint. */
    public static final String FAILED = "failed";
    /** Stopped by a signal (Ctrl-C, kill); resumable from the last checkpoint. */
    public static final String INTERRUPTED = "interrupted";

    /** A fresh record for a new run of {@code method}. */
    public static RunInfo fresh(String method) {
        String now = Instant.now().toString();
        return new RunInfo(method, version(), CREATED, now, now, null);
    }

    /** This record with a new state (and error, null unless failed), stamped now with the running gan4j version. */
    public RunInfo withState(String newState, String newError) {
        return new RunInfo(method, version(), newState, created, Instant.now().toString(), newError);
    }

    /** The running gan4j's version, from the build; "dev" when run from classes that Maven did not filter. */
    public static String version() {
        try (InputStream in = RunInfo.class.getResourceAsStream("version.properties")) {
            if (in != null) {
                Properties p = new Properties();
                p.load(in);
                String v = p.getProperty("version", "");
                if (!v.isBlank() && !v.startsWith("$")) {
                    return v;
                }
            }
        } catch (IOException ignored) {
            // fall through: a missing version must not stop a run
        }
        return "dev";
    }
}
