package org.gan4j.train;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.gan4j.Gan4jException;
import org.gan4j.torch.AtomicFile;

/**
 * The run's {@code metrics.csv}: one row per logged iteration with columns {@code stage,iter,seconds} and then
 * one column per loss in the order the losses were first seen.
 *
 * <p>{@code iter} is the 0-based index of the step within its stage and {@code seconds} the training time of
 * the whole run so far (resumed runs continue it, so time spent dead is not counted). Rows are appended and
 * flushed one by one, so a killed run loses at most the row being written. Opening at a resume position drops
 * every row at or after it, so re-run iterations are never logged twice. A loss that appears late (say a
 * regulariser from stage 2 on) adds a column: the file is then rewritten once with the wider header and the
 * earlier rows get empty cells.
 */
public final class MetricsLog implements AutoCloseable {

    /** The fixed leading columns. */
    public static final List<String> FIXED = List.of("stage", "iter", "seconds");

    private static final java.util.regex.Pattern BAD_NAME = java.util.regex.Pattern.compile("[,\"\r\n]");

    /**
     * One row; missing cells and logged NaNs both read as NaN.
     *
     * @param stage   0-based stage
     * @param iter    0-based iteration within the stage
     * @param seconds training time of the run when the row was written
     * @param values  one value per loss column, in {@link Table#columns()} order
     */
    public record Row(int stage, long iter, double seconds, double[] values) {}

    /**
     * A parsed metrics file.
     *
     * @param columns the loss columns (without the fixed ones)
     * @param rows    the rows in file order
     */
    public record Table(List<String> columns, List<Row> rows) {}

    private final Path csv;
    private final List<String> columns;
    private double lastSeconds;
    private Writer writer;

    private MetricsLog(Path csv, List<String> columns) {
        this.csv = csv;
        this.columns = new ArrayList<>(columns);
    }

    /**
     * Opens {@code csv} to continue a run at ({@code stage}, {@code iter}); (0, 0) starts afresh.
     *
     * @param csv   the metrics file; created on the first row if missing
     * @param stage the stage a resumed run continues in
     * @param iter  the first iteration it will run; rows at or after (stage, iter) are dropped
     */
    public static MetricsLog open(Path csv, int stage, long iter) throws IOException {
        if (!Files.exists(csv)) {
            return new MetricsLog(csv, List.of());
        }
        Table table = read(csv);
        List<String> text = dataLines(csv);
        List<String> kept = new ArrayList<>();
        double lastSeconds = 0;
        for (int n = 0; n < table.rows().size(); n++) {
            Row r = table.rows().get(n);
            if (r.stage() < stage || (r.stage() == stage && r.iter() < iter)) {
                kept.add(text.get(n));
                lastSeconds = r.seconds();
            }
        }
        MetricsLog log = new MetricsLog(csv, kept.isEmpty() ? List.of() : table.columns());
        log.lastSeconds = lastSeconds;
        // Always rewritten: besides dropping re-run rows this removes a half-written last line, which an
        // appended row would otherwise be glued onto.
        log.rewrite(kept);
        return log;
    }

    /** The training time recorded in the last kept row, where a resumed run's clock continues; 0 when none. */
    public double elapsedSeconds() {
        return lastSeconds;
    }

    /** The loss columns so far, in first-seen order. */
    public List<String> columns() {
        return Collections.unmodifiableList(columns);
    }

    /**
     * Appends one row and flushes it.
     *
     * @param stage   0-based stage
     * @param iter    0-based iteration within the stage
     * @param seconds training time of the run so far
     * @param values  loss names to values; names must not contain commas, quotes or line breaks
     */
    public void append(int stage, long iter, double seconds, Map<String, Double> values) throws IOException {
        boolean widened = false;
        for (String name : values.keySet()) {
            if (!columns.contains(name)) {
                if (name.isEmpty() || BAD_NAME.matcher(name).find() || FIXED.contains(name)) {
                    throw new IllegalArgumentException("loss name '" + name + "' cannot be a metrics.csv column");
                }
                columns.add(name);
                widened = true;
            }
        }
        if (widened) {
            close();
            rewrite(Files.exists(csv) ? dataLines(csv) : List.of());
        }
        StringBuilder b = new StringBuilder();
        b.append(stage).append(',').append(iter).append(',').append(String.format(Locale.ROOT, "%.3f", seconds));
        for (String c : columns) {
            Double v = values.get(c);
            b.append(',').append(v == null ? "" : Double.toString(v));
        }
        String line = b.toString();
        Writer w = writer();
        w.write(line);
        w.write('\n');
        w.flush();
        lastSeconds = seconds;
    }

    @Override
    public void close() throws IOException {
        if (writer != null) {
            writer.close();
            writer = null;
        }
    }

    private Writer writer() throws IOException {
        if (writer == null) {
            if (!Files.exists(csv)) {
                rewrite(List.of());
            }
            writer = Files.newBufferedWriter(csv, StandardCharsets.UTF_8, StandardOpenOption.APPEND);
        }
        return writer;
    }

    /**
     * Replaces the file, atomically, with the current header and {@code rows}; rows older than a column get an
     * empty cell for it. Rare (once per session and once per new loss), so re-reading the file is fine and
     * rows need not be kept in memory through a long run.
     */
    private void rewrite(List<String> rows) throws IOException {
        close();
        StringBuilder b = new StringBuilder(header());
        int width = FIXED.size() + columns.size();
        for (String line : rows) {
            int cells = line.split(",", -1).length;
            b.append(line).append(",".repeat(width - cells)).append('\n');
        }
        byte[] bytes = b.toString().getBytes(StandardCharsets.UTF_8);
        AtomicFile.write(csv, tmp -> Files.write(tmp, bytes));
    }

    private String header() {
        List<String> all = new ArrayList<>(FIXED);
        all.addAll(columns);
        return String.join(",", all) + "\n";
    }

    /** The non-empty lines after the header, matching {@link #read}'s rows one to one. */
    private static List<String> dataLines(Path csv) throws IOException {
        List<String> all = Files.readAllLines(csv, StandardCharsets.UTF_8);
        List<String> out = new ArrayList<>();
        for (int n = 1; n < all.size(); n++) {
            if (!all.get(n).isEmpty()) {
                out.add(all.get(n));
            }
        }
        return out;
    }

    /** Parses a metrics file; a truncated last line (a run killed mid-write) is ignored. */
    public static Table read(Path csv) throws IOException {
        List<String> lines = Files.readAllLines(csv, StandardCharsets.UTF_8);
        if (lines.isEmpty()) {
            return new Table(List.of(), List.of());
        }
        List<String> header = Arrays.asList(lines.get(0).split(",", -1));
        if (header.size() < FIXED.size() || !header.subList(0, FIXED.size()).equals(FIXED)) {
            throw new Gan4jException(csv + " is not a gan4j metrics file (its header should start with stage,iter,seconds)");
        }
        List<String> columns = List.copyOf(header.subList(FIXED.size(), header.size()));
        List<Row> rows = new ArrayList<>();
        for (int n = 1; n < lines.size(); n++) {
            String line = lines.get(n);
            if (line.isEmpty()) {
                continue;
            }
            try {
                rows.add(parse(line, columns.size()));
            } catch (RuntimeException e) {
                if (n == lines.size() - 1) {
                    break;
                }
                throw new Gan4jException(csv + " line " + (n + 1) + " is malformed: " + line);
            }
        }
        return new Table(columns, rows);
    }

    private static Row parse(String line, int nColumns) {
        String[] cells = line.split(",", -1);
        if (cells.length != FIXED.size() + nColumns) {
            throw new IllegalArgumentException("expected " + (FIXED.size() + nColumns) + " cells");
        }
        double[] values = new double[nColumns];
        for (int c = 0; c < nColumns; c++) {
            String cell = cells[FIXED.size() + c];
            values[c] = cell.isEmpty() ? Double.NaN : Double.parseDouble(cell);
        }
        return new Row(Integer.parseInt(cells[0]), Long.parseLong(cells[1]), Double.parseDouble(cells[2]), values);
    }
}
