package org.gan4j.train;

import java.awt.Color;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.gan4j.torch.AtomicFile;
import org.knowm.xchart.AnnotationLine;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * Renders a run's {@code loss.png} from its {@code metrics.csv}: one line per loss against the global iteration
 * (iterations of all earlier stages plus the iteration in the current one), with dashed lines at stage
 * boundaries.
 *
 * <p>Long runs are averaged into at most {@value #MAX_POINTS} points per loss, which keeps the plot quick to
 * draw and smooths the per-step noise of GAN losses. Works without a display ({@code java.awt.headless}).
 */
public final class LossPlot {

    /** Points per line at most; more rows are averaged in equal buckets. */
    public static final int MAX_POINTS = 1500;

    static {
        // Servers and CI have no display; claim headless before AWT initialises (an explicit setting wins).
        if (System.getProperty("java.awt.headless") == null) {
            System.setProperty("java.awt.headless", "true");
        }
    }

    private LossPlot() {}

    /**
     * Draws {@code csv} into {@code png}, atomically. Does nothing if the file is missing or has no rows yet.
     *
     * @param csv      a metrics file written by {@link MetricsLog}
     * @param png      the image to write, usually {@code loss.png}
     * @param logScale plot |value| on a logarithmic axis (losses of WGAN critics are negative, so magnitudes
     *                 are what a log axis can show)
     * @return whether an image was written
     */
    public static boolean render(Path csv, Path png, boolean logScale) throws IOException {
        if (!Files.isRegularFile(csv)) {
            return false;
        }
        MetricsLog.Table table = MetricsLog.read(csv);
        if (table.rows().isEmpty() || table.columns().isEmpty()) {
            return false;
        }
        XYChart chart = chart(table, logScale);
        AtomicFile.write(png, tmp -> {
            try (OutputStream out = Files.newOutputStream(tmp)) {
                BitmapEncoder.saveBitmap(chart, out, BitmapEncoder.BitmapFormat.PNG);
            }
        });
        return true;
    }

    static XYChart chart(MetricsLog.Table table, boolean logScale) {
        List<MetricsLog.Row> rows = table.rows();
        long[] global = globalIterations(rows);
        XYChart chart = new XYChartBuilder().width(900).height(500)
                .title("losses").xAxisTitle("iteration").yAxisTitle(logScale ? "|loss| (log)" : "loss").build();
        chart.getStyler().setYAxisLogarithmic(logScale);
        chart.getStyler().setLegendPosition(org.knowm.xchart.style.Styler.LegendPosition.OutsideE);
        chart.getStyler().setChartBackgroundColor(Color.WHITE);
        chart.getStyler().setPlotGridLinesVisible(true);
        chart.getStyler().setXAxisDecimalPattern("#,##0");
        int series = 0;
        for (int c = 0; c < table.columns().size(); c++) {
            List<Double> xs = new ArrayList<>();
            List<Double> ys = new ArrayList<>();
            bucketMeans(rows, global, c, logScale, xs, ys);
            if (xs.isEmpty()) {
                continue;
            }
            XYSeries s = chart.addSeries(table.columns().get(c), xs, ys);
            s.setMarker(SeriesMarkers.NONE);
            series++;
        }
        if (rows.size() > 1) {
            // XChart puts ticks on the data themselves when the x values are equally spaced (as iterations
            // are), and then labels run together; half a step of margin at the end breaks the spacing so it
            // picks round numbers instead.
            chart.getStyler().setXAxisMax(global[global.length - 1] + 0.5);
        }
        if (series == 0) {
            // XChart refuses an empty chart; a flat placeholder still tells the reader there was nothing to plot.
            chart.addSeries("no finite values", new double[] {0, 1}, new double[] {1, 1}).setMarker(SeriesMarkers.NONE);
        }
        for (int r = 1; r < rows.size(); r++) {
            if (rows.get(r).stage() != rows.get(r - 1).stage()) {
                chart.addAnnotation(new AnnotationLine(global[r] - 0.5, true, false));
            }
        }
        return chart;
    }

    /**
     * Global iteration of each row: a stage starts one past the largest iteration logged in the stage before,
     * which the loop always logs (its last), so the axis is exact even when not every iteration is logged.
     */
    static long[] globalIterations(List<MetricsLog.Row> rows) {
        long[] out = new long[rows.size()];
        long offset = 0;
        long maxInStage = -1;
        int stage = rows.isEmpty() ? 0 : rows.get(0).stage();
        for (int r = 0; r < rows.size(); r++) {
            MetricsLog.Row row = rows.get(r);
            if (row.stage() != stage) {
                offset += maxInStage + 1;
                maxInStage = -1;
                stage = row.stage();
            }
            maxInStage = Math.max(maxInStage, row.iter());
            out[r] = offset + row.iter();
        }
        return out;
    }

    /** Means of column {@code c} over equal buckets of rows, skipping missing/non-finite (and, on a log axis, zero) values. */
    private static void bucketMeans(List<MetricsLog.Row> rows, long[] global, int c, boolean logScale,
            List<Double> xs, List<Double> ys) {
        int bucket = Math.max(1, (rows.size() + MAX_POINTS - 1) / MAX_POINTS);
        for (int start = 0; start < rows.size(); start += bucket) {
            double sumX = 0;
            double sumY = 0;
            int n = 0;
            for (int r = start; r < Math.min(rows.size(), start + bucket); r++) {
                double[] v = rows.get(r).values();
                if (c >= v.length) {
                    continue;
                }
                double y = logScale ? Math.abs(v[c]) : v[c];
                if (!Double.isFinite(y) || (logScale && y == 0)) {
                    continue;
                }
                sumX += global[r];
                sumY += y;
                n++;
            }
            if (n > 0) {
                xs.add(sumX / n);
                ys.add(sumY / n);
            }
        }
    }
}
