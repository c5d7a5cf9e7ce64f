package org.gan4j.train;

import java.io.PrintStream;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/**
 * Reports training progress on stderr: the stage label, iteration/total, rate, ETA (of the stage and, across
 * stages, of the whole run) and the current losses, either as a live bar in a terminal or as periodic plain
 * lines in logs.
 *
 * <p>The mode comes from the system property {@code gan4j.progress} or the environment variable
 * {@code GAN4J_PROGRESS} ({@code bar}, {@code plain} or {@code off}); without either, a bar is drawn only when
 * stderr is a terminal and {@code TERM} is not {@code dumb}, so logs and CI never receive carriage returns.
 * Everything below {@code cli/} that has something to say to the user says it through {@link #log}.
 */
public final class Progress implements AutoCloseable {

    /** How progress is shown. */
    public enum Mode {
        /** A live bar redrawn in place (terminals only). */
        BAR,
        /** A plain line every few seconds, and at the start and end of each stage. */
        PLAIN,
        /** Nothing at all. */
        OFF
    }

    /** System property choosing the mode: bar, plain or off. */
    public static final String PROPERTY = "gan4j.progress";
    /** Default spacing of plain lines: frequent enough to see a run live, sparse enough for a log file. */
    public static final Duration DEFAULT_PLAIN_EVERY = Duration.ofSeconds(10);

    private final Mode mode;
    private final PrintStream out;
    private final long plainEveryNanos;

    // Whole run (for the total ETA) in work units (iterations times the stage's relative cost), from start().
    private double runTotal;
    private double runDone;
    private double sessionFirstDone;
    private long sessionStartNanos;

    // Current stage.
    private String label = "";
    private long stageTotal;
    private double stageWeight = 1;
    private long stageFirst;
    private long stageDone;
    private long stageStartNanos;
    private long lastLineNanos;
    private boolean printedThisStage;
    private ProgressBar bar;
    private ConsoleProgressBarConsumer barLine;

    /**
     * @param mode       how to show progress
     * @param out        where to write (stderr in the tool; a captured stream in tests)
     * @param plainEvery in {@link Mode#PLAIN}, the least time between two lines ({@link Duration#ZERO}: every
     *                   update)
     */
    public Progress(Mode mode, PrintStream out, Duration plainEvery) {
        this.mode = mode;
        this.out = out;
        this.plainEveryNanos = plainEvery.toNanos();
        this.sessionStartNanos = System.nanoTime();
    }

    /** Progress on stderr in the mode chosen by {@link #modeFromEnvironment()}. */
    public static Progress fromEnvironment() {
        return new Progress(modeFromEnvironment(), System.err, DEFAULT_PLAIN_EVERY);
    }

    /** The mode asked for by {@code gan4j.progress} / {@code GAN4J_PROGRESS}, else bar if stderr is a terminal, else plain. */
    public static Mode modeFromEnvironment() {
        String v = System.getProperty(PROPERTY);
        if (v == null || v.isBlank()) {
            v = System.getenv("GAN4J_PROGRESS");
        }
        if (v != null && !v.isBlank()) {
            switch (v.trim().toLowerCase(Locale.ROOT)) {
                case "bar": return Mode.BAR;
                case "plain": return Mode.PLAIN;
                case "off": return Mode.OFF;
                default:
                    throw new org.gan4j.Gan4jException(PROPERTY + " / GAN4J_PROGRESS must be bar, plain or off, got '" + v + "'");
            }
        }
        String term = System.getenv("TERM");
        boolean terminal = stderrIsTerminal() && term != null && !term.isBlank() && !term.equals("dumb");
        return terminal ? Mode.BAR : Mode.PLAIN;
    }

    /**
     * Whether file descriptor 2 is a terminal, asked through jline's native isatty (which the progress bar
     * library brings); where that library cannot load, whether the JVM has a console at all.
     */
    private static boolean stderrIsTerminal() {
        try {
            return org.jline.nativ.CLibrary.isatty(2) == 1;
        } catch (LinkageError | RuntimeException e) {
            return System.console() != null;
        }
    }

    public Mode mode() {
        return mode;
    }

    /**
     * Starts the clock for the whole run.
     *
     * @param totalWork iterations over all stages, each weighted by its stage's relative cost (see
     *                  {@link #beginStage(String, long, long, double)}), or 0 if unknown (then no total ETA is shown)
     * @param doneWork  weighted iterations already done before this session (a resumed run)
     */
    public void start(double totalWork, double doneWork) {
        runTotal = totalWork;
        runDone = doneWork;
        sessionFirstDone = doneWork;
        sessionStartNanos = System.nanoTime();
    }

    /** As {@link #beginStage(String, long, long, double)} for a stage whose iterations cost 1 unit each. */
    public void beginStage(String stageLabel, long iterations, long startIter) {
        beginStage(stageLabel, iterations, startIter, 1);
    }

    /**
     * Starts showing a stage.
     *
     * @param stageLabel e.g. "scale 3/8 (94x125)"
     * @param iterations iterations in the stage
     * @param startIter  iterations already done in it (a resumed run), else 0
     * @param weight     relative cost of one of its iterations (SinGAN's fine scales cost many coarse ones); the
     *                   total ETA runs the remaining work at the current stage's measured rate
     */
    public void beginStage(String stageLabel, long iterations, long startIter, double weight) {
        closeBar();
        stageWeight = weight;
        label = stageLabel;
        stageTotal = iterations;
        stageFirst = startIter;
        stageDone = startIter;
        stageStartNanos = System.nanoTime();
        printedThisStage = false;
        if (mode == Mode.BAR) {
            // The plain carriage-return consumer rather than the library's cursor-moving one: the bar then
            // always sits on the cursor's line, so log() can write above it without being overdrawn.
            barLine = new ConsoleProgressBarConsumer(out);
            bar = new ProgressBarBuilder()
                    .setConsumer(barLine)
                    .setTaskName(stageLabel)
                    .setInitialMax(iterations)
                    .setStyle(ProgressBarStyle.ASCII)
                    .setUnit(" it", 1)
                    .showSpeed(new java.text.DecimalFormat("0.00"))
                    .startsFrom(startIter, Duration.ZERO)
                    .setUpdateIntervalMillis(500)
                    .build();
        }
    }

    /**
     * Reports that {@code done} iterations of the current stage are complete and the latest losses.
     *
     * @param done   iterations done in the stage (the 0-based index of the last step plus one)
     * @param losses loss names to values, shown in their order with four significant digits
     */
    public void update(long done, Map<String, Double> losses) {
        runDone += (done - stageDone) * stageWeight;
        stageDone = done;
        long now = System.nanoTime();
        switch (mode) {
            case BAR:
                if (bar != null) {
                    bar.stepTo(done);
                    bar.setExtraMessage(extra(losses));
                }
                break;
            case PLAIN:
                boolean due = !printedThisStage || done >= stageTotal || now - lastLineNanos >= plainEveryNanos;
                if (due) {
                    out.println(line(losses, now));
                    out.flush();
                    lastLineNanos = now;
                    printedThisStage = true;
                }
                break;
            default:
                break;
        }
    }

    /** Finishes the current stage's display (a bar is left on screen, complete). */
    public void endStage() {
        closeBar();
    }

    /** Prints a message on its own line (between bar redraws), unless the mode is {@link Mode#OFF}. */
    public void log(String message) {
        if (mode == Mode.OFF) {
            return;
        }
        if (bar != null) {
            // Wipe the bar's line and write the message there; the bar redraws itself on the next line. The
            // lock is PrintStream's own, so the library's refresh thread cannot print in between.
            synchronized (out) {
                out.print('\r' + " ".repeat(Math.max(0, barLine.getMaxRenderedLength() - 1)) + '\r');
                out.println(message);
            }
            bar.refresh();
        } else {
            out.println(message);
        }
        out.flush();
    }

    @Override
    public void close() {
        closeBar();
        out.flush();
    }

    private void closeBar() {
        if (bar != null) {
            bar.close();
            bar = null;
        }
    }

    /** A plain-mode line: "scale 3/8 | iter 120/2000 | 6.12 it/s | ETA 5m08s | total ETA ~1h02m | errD 0.1235". */
    String line(Map<String, Double> losses, long now) {
        StringBuilder b = new StringBuilder();
        b.append(label).append(" | iter ").append(stageDone).append('/').append(stageTotal);
        double seconds = (now - stageStartNanos) / 1e9;
        long stepped = stageDone - stageFirst;
        if (stepped > 0 && seconds > 0) {
            double rate = stepped / seconds;
            b.append(" | ").append(rate(rate));
            b.append(" | ETA ").append(duration((stageTotal - stageDone) / rate));
        }
        String total = totalEta(now);
        if (!total.isEmpty()) {
            b.append(" | ").append(total);
        }
        String l = losses(losses);
        if (!l.isEmpty()) {
            b.append(" | ").append(l);
        }
        return b.toString();
    }

    private String extra(Map<String, Double> losses) {
        String total = totalEta(System.nanoTime());
        String l = losses(losses);
        // The library glues the message straight onto the rate, hence the leading space.
        return " " + (total.isEmpty() ? l : l.isEmpty() ? total : l + " | " + total);
    }

    /**
     * Whole-run ETA: the remaining weighted work at the current stage's rate per unit of work (the session's
     * average before the stage has a measured step); shown only when the run has more than this stage.
     */
    private String totalEta(long now) {
        double remaining = runTotal - runDone;
        double stageRemaining = (stageTotal - stageDone) * stageWeight;
        if (runTotal <= 0 || remaining - stageRemaining <= 1e-9) {
            return "";
        }
        long stepped = stageDone - stageFirst;
        double secondsPerWork;
        if (stepped > 0 && now > stageStartNanos) {
            secondsPerWork = (now - stageStartNanos) / 1e9 / (stepped * stageWeight);
        } else {
            double sessionWork = runDone - sessionFirstDone;
            if (sessionWork <= 0 || now <= sessionStartNanos) {
                return "";
            }
            secondsPerWork = (now - sessionStartNanos) / 1e9 / sessionWork;
        }
        return "total ETA ~" + duration(remaining * secondsPerWork);
    }

    /** "6.12 it/s", or "3.4 s/it" for slow steps, which reads better than "0.29 it/s". */
    static String rate(double itPerSecond) {
        if (itPerSecond >= 1) {
            return String.format(Locale.ROOT, itPerSecond >= 100 ? "%.0f it/s" : "%.2f it/s", itPerSecond);
        }
        return String.format(Locale.ROOT, "%.2f s/it", 1 / itPerSecond);
    }

    /** "1h02m", "5m08s", "12s". */
    static String duration(double seconds) {
        if (!Double.isFinite(seconds) || seconds < 0) {
            return "?";
        }
        long s = Math.round(seconds);
        if (s >= 3600) {
            return String.format(Locale.ROOT, "%dh%02dm", s / 3600, (s % 3600) / 60);
        }
        if (s >= 60) {
            return String.format(Locale.ROOT, "%dm%02ds", s / 60, s % 60);
        }
        return s + "s";
    }

    /** "errD 0.1235 errG -1.235e-05": four significant digits each. */
    static String losses(Map<String, Double> losses) {
        if (losses == null || losses.isEmpty()) {
            return "";
        }
        StringBuilder b = new StringBuilder();
        losses.forEach((k, v) -> {
            if (b.length() > 0) {
                b.append(' ');
            }
            b.append(k).append(' ').append(number(v));
        });
        return b.toString();
    }

    static String number(double v) {
        if (!Double.isFinite(v)) {
            return Double.toString(v);
        }
        double a = Math.abs(v);
        if (a != 0 && (a < 1e-3 || a >= 1e5)) {
            return String.format(Locale.ROOT, "%.3e", v);
        }
        return new java.math.BigDecimal(v).round(new java.math.MathContext(4)).stripTrailingZeros().toPlainString();
    }
}
