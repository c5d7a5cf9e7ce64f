package org.gan4j.train;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonSerializer;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.module.SimpleModule;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.gan4j.Gan4jException;
import org.gan4j.torch.AtomicFile;
import org.gan4j.torch.Engine;

/**
 * A run directory: {@code runs/<method>-<yyyyMMdd-HHmmss>/} (or {@code --out}) holding {@code run.json},
 * {@code config.json}, {@code checkpoints/}, {@code samples/}, {@code metrics.csv} and {@code loss.png}.
 *
 * <p>Use {@link #create} for a new run and {@link #open(Path, String)} to resume one. {@code run.json} marks a
 * directory as a gan4j run: it names the method, the gan4j version and the state (see {@link RunInfo}).
 */
public final class RunDir {

    public static final String RUN_JSON = "run.json";
    public static final String CONFIG_JSON = "config.json";
    public static final String METRICS_CSV = "metrics.csv";
    public static final String LOSS_PNG = "loss.png";
    public static final String CHECKPOINTS = "checkpoints";
    public static final String SAMPLES = "samples";

    private static final Pattern METHOD = Pattern.compile("[a-z][a-z0-9]*(-[a-z0-9]+)*");
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss");
    private static final ObjectMapper JSON = mapper();

    private final Path dir;
    private RunInfo info;

    private RunDir(Path dir, RunInfo info) {
        this.dir = dir;
        this.info = info;
    }

    /**
     * Makes a new run directory for {@code method} under {@code runs/} in the working directory, or at
     * {@code out} when given.
     *
     * @param method the method's CLI name, e.g. {@code singan}
     * @param out    {@code --out}, or null for {@code runs/<method>-<yyyyMMdd-HHmmss>}
     */
    public static RunDir create(String method, Path out) {
        return create(method, out, Path.of("runs"));
    }

    /**
     * Makes a new run directory. With {@code out} given it may already exist if it is empty or holds a run of
     * the same method (which the new run then overwrites); any other non-empty directory is refused.
     *
     * @param method   the method's CLI name, e.g. {@code singan}
     * @param out      {@code --out}, or null to make a fresh time-stamped directory
     * @param runsRoot where time-stamped directories go (default {@code runs})
     */
    public static RunDir create(String method, Path out, Path runsRoot) {
        checkMethod(method);
        try {
            Path dir = out != null ? claimGiven(method, out) : claimStamped(method, runsRoot);
            Files.createDirectories(dir.resolve(CHECKPOINTS));
            Files.createDirectories(dir.resolve(SAMPLES));
            RunDir run = new RunDir(dir, RunInfo.fresh(method));
            run.writeInfo();
            return run;
        } catch (IOException e) {
            throw new Gan4jException("cannot create the run directory: " + e.getMessage()
                    + " (check --out and that the disk is writable)", e);
        }
    }

    /** Opens an existing run of any method; fails with a one-line message if {@code dir} is not a run. */
    public static RunDir open(Path dir) {
        Path runJson = dir.resolve(RUN_JSON);
        if (!Files.isDirectory(dir)) {
            throw new Gan4jException(dir + " is not a gan4j run directory ("
                    + (Files.exists(dir) ? "a file, not a directory" : "no such directory") + ")");
        }
        if (!Files.isRegularFile(runJson)) {
            throw new Gan4jException(dir + " is not a gan4j run directory (no " + RUN_JSON
                    + "); pass a directory made by 'gan4j <method> train'");
        }
        RunInfo info;
        try {
            // Lenient: a newer gan4j may add fields, and an older one should still open the run.
            info = JSON.readerFor(RunInfo.class).without(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                    .readValue(runJson.toFile());
        } catch (IOException e) {
            throw new Gan4jException(runJson + " is not a valid gan4j run file: " + Engine.firstLine(e), e);
        }
        if (info.method() == null || !METHOD.matcher(info.method()).matches()) {
            throw new Gan4jException(runJson + " names no valid method; is this a gan4j run directory?");
        }
        return new RunDir(dir, info);
    }

    /** Opens an existing run that must belong to {@code method} (for {@code --resume}). */
    public static RunDir open(Path dir, String method) {
        RunDir run = open(dir);
        if (!run.method().equals(method)) {
            throw new Gan4jException(dir + " is a " + run.method() + " run, not a " + method + " run; use 'gan4j "
                    + run.method() + "' with it, or pick a " + method + " run");
        }
        return run;
    }

    private static Path claimGiven(String method, Path out) throws IOException {
        if (Files.exists(out) && !Files.isDirectory(out)) {
            throw new Gan4jException("--out " + out + " is a file, not a directory; choose a directory");
        }
        if (Files.isDirectory(out) && !isEmpty(out)) {
            String owner = ownerOf(out);
            if (!method.equals(owner)) {
                throw new Gan4jException("--out " + out + " is not empty and "
                        + (owner == null ? "is not a gan4j run" : "holds a " + owner + " run")
                        + "; choose another --out, or --resume " + out + " to continue a run there");
            }
        }
        return Files.createDirectories(out);
    }

    private static Path claimStamped(String method, Path runsRoot) throws IOException {
        Files.createDirectories(runsRoot);
        String base = method + "-" + LocalDateTime.now().format(STAMP);
        // createDirectory is atomic, so two runs started in the same second get different directories.
        for (int k = 1; ; k++) {
            Path dir = runsRoot.resolve(k == 1 ? base : base + "-" + k);
            try {
                return Files.createDirectory(dir);
            } catch (FileAlreadyExistsException e) {
                // taken: try the next suffix
            }
        }
    }

    private static boolean isEmpty(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.findAny().isEmpty();
        }
    }

    /** The method of the run in {@code dir}, or null if it is not a readable gan4j run. */
    private static String ownerOf(Path dir) {
        try {
            return open(dir).method();
        } catch (Gan4jException e) {
            return null;
        }
    }

    private static void checkMethod(String method) {
        if (method == null || !METHOD.matcher(method).matches()) {
            throw new IllegalArgumentException("method name must be lower-case letters, digits and dashes: " + method);
        }
    }

    public Path dir() {
        return dir;
    }

    public String method() {
        return info.method();
    }

    /** The contents of {@code run.json} as last read or written by this object. */
    public RunInfo info() {
        return info;
    }

    /** A path inside the run, e.g. {@code path("samples", "final.png")}. */
    public Path path(String... parts) {
        Path p = dir;
        for (String part : parts) {
            p = p.resolve(part);
        }
        return p;
    }

    public Path checkpoints() {
        return dir.resolve(CHECKPOINTS);
    }

    /** {@code checkpoints/latest.pt}, the checkpoint a resumed run continues from (whether or not it exists yet). */
    public Path latestCheckpoint() {
        return latestCheckpoint(dir);
    }

    /** {@code checkpoints/latest.pt} of the run directory {@code runDir}. */
    public static Path latestCheckpoint(Path runDir) {
        return runDir.resolve(CHECKPOINTS).resolve(Checkpointer.LATEST);
    }

    public Path samples() {
        return dir.resolve(SAMPLES);
    }

    public Path metricsCsv() {
        return dir.resolve(METRICS_CSV);
    }

    public Path lossPng() {
        return dir.resolve(LOSS_PNG);
    }

    public Path configJson() {
        return dir.resolve(CONFIG_JSON);
    }

    /** Writes {@code config} (usually a method's Config record) to {@code config.json}, pretty and atomically. */
    public void writeConfig(Object config) {
        try {
            byte[] json = JSON.writeValueAsBytes(config);
            AtomicFile.write(configJson(), tmp -> Files.write(tmp, json));
        } catch (IOException e) {
            throw new Gan4jException("cannot write " + configJson() + ": " + Engine.firstLine(e), Gan4jException.FAILED, e);
        }
    }

    /** The configuration as pretty JSON, as {@link #writeConfig} writes it (for {@code --dry-run}). */
    public static String toJson(Object config) {
        try {
            return JSON.writeValueAsString(config);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("cannot turn " + config.getClass().getSimpleName() + " into JSON", e);
        }
    }

    /** Reads {@code config.json} back as {@code type}; the error names the file and the field that does not fit. */
    public <T> T readConfig(Class<T> type) {
        Path file = configJson();
        if (!Files.isRegularFile(file)) {
            throw new Gan4jException(dir + " has no " + CONFIG_JSON + "; the run was never started, so start a new one");
        }
        try {
            return JSON.readValue(file.toFile(), type);
        } catch (IOException e) {
            throw new Gan4jException(file + " does not fit " + type.getSimpleName() + ": " + Engine.firstLine(e)
                    + " (was it written by another gan4j version?)", e);
        }
    }

    /** Marks the run as being trained. */
    public void markRunning() {
        setState(RunInfo.RUNNING, null);
    }

    /** Marks the run as complete. */
    public void markFinished() {
        setState(RunInfo.FINISHED, null);
    }

    /** Marks the run as stopped by an error, with its one-line reason. */
    public void markFailed(String reason) {
        setState(RunInfo.FAILED, reason);
    }

    /** Marks the run as stopped by a signal. */
    public void markInterrupted() {
        setState(RunInfo.INTERRUPTED, null);
    }

    private synchronized void setState(String state, String error) {
        info = info.withState(state, error);
        try {
            writeInfo();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot update " + dir.resolve(RUN_JSON), e);
        }
    }

    private void writeInfo() throws IOException {
        byte[] json = JSON.writeValueAsBytes(info);
        AtomicFile.write(dir.resolve(RUN_JSON), tmp -> Files.write(tmp, json));
    }

    private static ObjectMapper mapper() {
        SimpleModule paths = new SimpleModule("gan4j-paths");
        // Jackson writes Paths as file:// URIs; a plain path is what a user expects to read and edit.
        paths.addSerializer(Path.class, new JsonSerializer<>() {
            @Override
            public void serialize(Path value, JsonGenerator gen, SerializerProvider serializers) throws IOException {
                gen.writeString(value.toString());
            }
        });
        return new ObjectMapper()
                .registerModule(paths)
                .enable(SerializationFeature.INDENT_OUTPUT)
                .disable(SerializationFeature.FAIL_ON_EMPTY_BEANS)
                .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES);
    }

    @Override
    public String toString() {
        return dir.toString();
    }
}
