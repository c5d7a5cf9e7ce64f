package org.gan4j.torch.dist;

import java.time.Duration;
import java.util.Map;
import org.gan4j.Gan4jException;

/**
 * Where this process stands in a data-parallel job, read from the environment torchrun sets (and SLURM through
 * the wrapper in docs/distributed.md, and Kubeflow's PyTorchJob).
 *
 * @param masterAddr rank 0's host ({@code MASTER_ADDR}), which hosts the TCPStore
 * @param masterPort the store's port ({@code MASTER_PORT})
 * @param rank       this process, 0 to worldSize − 1 ({@code RANK})
 * @param worldSize  processes in the job ({@code WORLD_SIZE})
 * @param localRank  this process on its machine ({@code LOCAL_RANK}; the device index once CUDA lands)
 * @param timeout    how long a collective (and the rendezvous) may wait for the other processes before this
 *                   one gives up ({@code GAN4J_DIST_TIMEOUT} in seconds; default {@link #DEFAULT_TIMEOUT})
 */
public record Launch(String masterAddr, int masterPort, int rank, int worldSize, int localRank, Duration timeout) {

    public static final String MASTER_ADDR = "MASTER_ADDR";
    public static final String MASTER_PORT = "MASTER_PORT";
    public static final String RANK = "RANK";
    public static final String WORLD_SIZE = "WORLD_SIZE";
    public static final String LOCAL_RANK = "LOCAL_RANK";
    public static final String TIMEOUT = "GAN4J_DIST_TIMEOUT";
    /**
     * Rank 0 writes checkpoints and sample grids between steps while the others wait in the next allreduce, so the
     * timeout must cover those; a process that dies is noticed at once (its connections close), not after it.
     */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofMinutes(10);

    public Launch {
        if (worldSize < 1) {
            throw new Gan4jException(WORLD_SIZE + " must be at least 1, got " + worldSize);
        }
        if (rank < 0 || rank >= worldSize) {
            throw new Gan4jException(RANK + " must be between 0 and " + (worldSize - 1) + " (" + WORLD_SIZE + " is "
                    + worldSize + "), got " + rank);
        }
        if (masterPort < 1 || masterPort > 65535) {
            throw new Gan4jException(MASTER_PORT + " must be a port number (1 to 65535), got " + masterPort);
        }
        if (masterAddr == null || masterAddr.isBlank()) {
            throw new Gan4jException(MASTER_ADDR + " is empty; set it to rank 0's host");
        }
    }

    /** This process's job from the environment, or null when it is not part of one (no {@code WORLD_SIZE}). */
    public static Launch fromEnvironment() {
        return from(System.getenv());
    }

    /**
     * The job described by {@code env}, or null without {@code WORLD_SIZE}. With it, {@code RANK},
     * {@code MASTER_ADDR} and {@code MASTER_PORT} are required; {@code LOCAL_RANK} defaults to {@code RANK}.
     */
    public static Launch from(Map<String, String> env) {
        String ws = env.get(WORLD_SIZE);
        if (ws == null || ws.isBlank()) {
            return null;
        }
        int worldSize = number(env, WORLD_SIZE);
        int rank = number(env, RANK);
        String addr = required(env, MASTER_ADDR);
        int port = number(env, MASTER_PORT);
        int localRank = env.containsKey(LOCAL_RANK) ? number(env, LOCAL_RANK) : rank;
        Duration timeout = DEFAULT_TIMEOUT;
        if (env.get(TIMEOUT) != null && !env.get(TIMEOUT).isBlank()) {
            double s = decimal(env, TIMEOUT);
            if (!(s > 0)) {
                throw new Gan4jException(TIMEOUT + " must be a positive number of seconds, got " + env.get(TIMEOUT));
            }
            timeout = Duration.ofMillis(Math.round(s * 1000));
        }
        return new Launch(addr, port, rank, worldSize, localRank, timeout);
    }

    /** The environment of rank {@code rank} of a job of {@code worldSize} local processes meeting at 127.0.0.1:port. */
    public static Map<String, String> localEnvironment(int rank, int worldSize, int port) {
        return Map.of(MASTER_ADDR, "127.0.0.1", MASTER_PORT, Integer.toString(port), RANK, Integer.toString(rank),
                WORLD_SIZE, Integer.toString(worldSize), LOCAL_RANK, Integer.toString(rank));
    }

    /** "rank 1 of 2", for messages. */
    public String who() {
        return "rank " + rank + " of " + worldSize;
    }

    private static String required(Map<String, String> env, String key) {
        String v = env.get(key);
        if (v == null || v.isBlank()) {
            throw new Gan4jException(WORLD_SIZE + " is set but " + key + " is not; a data-parallel job needs "
                    + String.join(", ", MASTER_ADDR, MASTER_PORT, RANK, WORLD_SIZE) + " (as torchrun sets them)");
        }
        return v.trim();
    }

    private static int number(Map<String, String> env, String key) {
        String v = required(env, key);
        try {
            return Integer.parseInt(v);
        } catch (NumberFormatException e) {
            throw new Gan4jException(key + " must be a whole number, got '" + v + "'");
        }
    }

    private static double decimal(Map<String, String> env, String key) {
        String v = env.get(key).trim();
        try {
            return Double.parseDouble(v);
        } catch (NumberFormatException e) {
            throw new Gan4jException(key + " must be a number of seconds, got '" + v + "'");
        }
    }
}
