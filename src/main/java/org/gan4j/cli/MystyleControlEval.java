package org.gan4j.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.gan4j.Gan4jException;
import java.awt.image.BufferedImage;
import org.gan4j.data.FaceSample;
import org.gan4j.data.Faces;
import org.gan4j.data.ImageFolder;
import org.gan4j.data.Images;
import org.gan4j.mystyle.AttributeControl;
import org.gan4j.mystyle.AttributeEstimator;
import org.gan4j.mystyle.AttributeTable;
import org.gan4j.mystyle.Album;
import org.gan4j.mystyle.AlphaProjector;
import org.gan4j.mystyle.ControlEvaluation;
import org.gan4j.mystyle.HeldOutApplications;
import org.gan4j.mystyle.PersonalSpace;
import org.gan4j.mystyle.IdentityScores;
import org.gan4j.mystyle.MystyleMethod;
import org.gan4j.mystyle.MystyleRun;
import org.gan4j.mystyle.MystyleModel;
import org.gan4j.torch.ImageTensors;
import org.gan4j.torch.Scope;
import org.gan4j.train.RunDir;
import org.gan4j.train.Progress;
import org.gan4j.train.SampleGrid;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code gan4j mystyle control-eval}: how well MyStyle++'s axes set builtin:faces attributes, against MyStyle. */
@Command(name = "control-eval", mixinStandardHelpOptions = true,
        description = {"Measure attribute control on a builtin:faces album: an attribute estimator is trained on other",
                "procedural identities, then for every attribute the same P0 samples are set to values across the",
                "album's range and estimated. Rows: the MyStyle++ model's axes, and (with --baseline, a MyStyle run",
                "of the same album) least-squares attribute directions in that model's anchor span. Columns:",
                "correlation and slope of the estimate on the requested value, mean absolute error, and drift (how",
                "far the other attributes move between the extreme values). Then the identity similarity to the album",
                "(an identity network trained on other procedural people) of each model's P0 samples, of all its",
                "controlled samples, and of a held-out picture of the person projected, inpainted (a band over the",
                "eyes), super-resolved (4x) and edited to each yaw value. Writes control.csv, identity.csv,",
                "applications-<method>.png and one grid per attribute and method (rows: samples; columns: requested",
                "values)."},
        footer = {"", "Example:", "  gan4j mystyle control-eval --model runs/me-plus --baseline runs/me --out eval/"})
final class MystyleControlEval implements Callable<Integer> {

    /** The held-out picture of the person (not in an album of up to 100). */
    static final int HELD_OUT_VARIANT = 100;

    @Option(names = "--model", required = true, paramLabel = "RUN", description = "A MyStyle++ run (personalize --plus).")
    Path model;

    @Option(names = "--baseline", paramLabel = "RUN", description = "A MyStyle run of the same album, controlled by"
            + " least-squares attribute directions (default: none).")
    Path baseline;

    @Option(names = "--count", defaultValue = "32", paramLabel = "N", description = "Samples per value. Default: ${DEFAULT-VALUE}.")
    int count;

    @Option(names = "--values", defaultValue = "5", paramLabel = "K", description = "Values per attribute, evenly over the"
            + " album's range. Default: ${DEFAULT-VALUE}.")
    int values;

    @Option(names = "--estimator-steps", defaultValue = "800", paramLabel = "N", description = "Training steps of the"
            + " attribute estimator. Default: ${DEFAULT-VALUE}.")
    int estimatorSteps;

    @Option(names = "--identity-steps", defaultValue = "200", paramLabel = "N", description = "Training steps of the"
            + " identity network (on identities 0-99). Default: ${DEFAULT-VALUE}.")
    int identitySteps;

    @Option(names = "--projection-steps", defaultValue = "200", paramLabel = "N", description = "Steps of each"
            + " projection of the held-out picture. Default: ${DEFAULT-VALUE}.")
    int projectionSteps;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "Output directory.")
    Path out;

    @Mixin
    SeedOption seed = new SeedOption();

    @Mixin
    EngineOptions engine = new EngineOptions();

    @Override
    public Integer call() throws IOException {
        PrintWriter pw = engine.out();
        if (count < 2 || values < 2) {
            throw new Gan4jException("--count and --values must be at least 2");
        }
        long s = seed.value();
        engine.apply();
        Files.createDirectories(out);
        try (Scope scope = new Scope(); MystyleModel plus = MystyleModel.load(model);
                MystyleModel base = baseline == null ? null : MystyleModel.load(baseline)) {
            AttributeControl control = plus.control();
            if (control == null) {
                throw new Gan4jException(model + " is a MyStyle model without attribute axes; give a MyStyle++ run"
                        + " (gan4j mystyle personalize --plus)");
            }
            AttributeTable t = control.table();
            if (!t.names().equals(AttributeTable.FACES)) {
                throw new Gan4jException("control-eval estimates " + String.join(", ", AttributeTable.FACES)
                        + " of builtin:faces pictures; " + model + " controls " + String.join(", ", t.names()));
            }
            double[] mae = new double[3];
            AttributeEstimator f;
            try (Progress progress = Progress.fromEnvironment()) {
                f = AttributeEstimator.train(0, 400, 6, estimatorSteps, s, progress, mae);
            }
            pw.printf("attribute estimator: held-out mean absolute error yaw %.3f, expression %.3f, eye_opening %.3f%n",
                    mae[0], mae[1], mae[2]);
            describe(pw, "MyStyle++ axes", control);
            reconstructions(pw, "MyStyle++", plus, t, f);
            if (base != null) {
                reconstructions(pw, "MyStyle", base, t, f);
            }
            double[][] targets = ControlEvaluation.albumRange(t, values);
            List<ControlEvaluation.Row> rows = new ArrayList<>();
            Map<String, List<BufferedImage>> grids = new LinkedHashMap<>();
            Map<String, List<BufferedImage>> judged = new LinkedHashMap<>();
            judged.put("MyStyle++, P0 samples", ControlEvaluation.p0Samples(plus, count, s));
            List<BufferedImage> controlled = new ArrayList<>();
            rows.addAll(ControlEvaluation.evaluate("MyStyle++ axes", plus, control, f, targets, count, s, 4, grids,
                    controlled));
            judged.put("MyStyle++, controlled samples", controlled);
            writeGrids(grids, "plus");
            FaceSample held = heldOut(plus.generator().config().size());
            if (held != null) {
                applications("MyStyle++", "plus", plus, control, held, targets[t.index("yaw")], judged);
            }
            if (base != null) {
                grids.clear();
                AttributeControl reg = AttributeControl.regression(base.anchors(), t, control.levels().values()[0].length);
                describe(pw, "MyStyle, least-squares directions", reg);
                judged.put("MyStyle, P0 samples", ControlEvaluation.p0Samples(base, count, s));
                List<BufferedImage> directed = new ArrayList<>();
                rows.addAll(ControlEvaluation.evaluate("MyStyle, least-squares directions", base, reg, f, targets, count,
                        s, 4, grids, directed));
                judged.put("MyStyle, least-squares controlled samples", directed);
                writeGrids(grids, "mystyle");
                if (held != null) {
                    applications("MyStyle", "mystyle", base, reg, held, targets[t.index("yaw")], judged);
                }
            }
            StringBuilder csv = new StringBuilder("method,attribute,correlation,slope,mae,drift\n");
            pw.printf("%-36s %-12s %8s %7s %7s %7s%n", "method", "attribute", "corr", "slope", "MAE", "drift");
            for (ControlEvaluation.Row r : rows) {
                pw.printf("%-36s %-12s %8.3f %7.3f %7.3f %7.3f%n", r.method(), r.attribute(), r.correlation(), r.slope(),
                        r.mae(), r.drift());
                csv.append(String.format("%s,%s,%.4f,%.4f,%.4f,%.4f%n", r.method(), r.attribute(), r.correlation(),
                        r.slope(), r.mae(), r.drift()));
            }
            Files.writeString(out.resolve("control.csv"), csv);
            identity(pw, judged, s);
            pw.println("Wrote " + out.resolve("control.csv") + " and the grids control-<attribute>-<method>.png");
        }
        return 0;
    }

    /** The held-out picture of a {@code builtin:faces:ID} album's person (variant 100, as the demo's), else null. */
    private FaceSample heldOut(int size) {
        if (!Files.isDirectory(model)) {
            return null;
        }
        String name = RunDir.open(model, MystyleMethod.NAME).readConfig(MystyleRun.class).album();
        return name.startsWith(Album.BUILTIN) ? Faces.draw(Album.builtinId(name), HELD_OUT_VARIANT, size) : null;
    }

    /**
     * The held-out picture projected, inpainted and super-resolved in {@code m}'s P_β, and its projection edited to
     * each yaw value; the pictures go into {@code judged} and {@code applications-<tag>.png} (held-out, masked,
     * filled, 4× smaller, super-resolved, then the edits).
     */
    private void applications(String method, String tag, MystyleModel m, AttributeControl c, FaceSample held,
            double[] yaws, Map<String, List<BufferedImage>> judged) {
        HeldOutApplications apps;
        try (Progress progress = Progress.fromEnvironment()) {
            apps = HeldOutApplications.run(m.generator(), m.anchors(), held, m.distance(null, null, null),
                    AlphaProjector.Options.defaults().withSteps(projectionSteps), progress);
        }
        List<BufferedImage> results = apps.results();
        List<BufferedImage> edits = ControlEvaluation.edits(m, c, PersonalSpace.matrix(apps.plain().alphas()), "yaw",
                yaws);
        judged.put(method + ", projection / inpainting / SR", results);
        judged.put(method + ", yaw edits of the projection", edits);
        List<BufferedImage> row = new ArrayList<>(List.of(held.image(), results.get(0),
                ImageTensors.toImage(apps.masked()), results.get(1), results.get(2)));
        row.addAll(edits);
        Images.writePng(out.resolve("applications-" + tag + ".png"), SampleGrid.tile(row, row.size(), 2));
    }

    /**
     * The identity rows: every group against the run's album (its {@code album/}), beside the references when the
     * album is a {@code builtin:faces:ID} person; skipped, with a line, when {@code --model} is not a run directory.
     */
    private void identity(PrintWriter pw, Map<String, List<BufferedImage>> judged, long s) throws IOException {
        Path albumDir = model.resolve(MystyleMethod.ALBUM);
        if (!Files.isDirectory(albumDir)) {
            pw.println("identity similarity skipped: " + model + " is not a run directory with an album/");
            return;
        }
        List<BufferedImage> album = new ArrayList<>();
        for (Path f : ImageFolder.list(albumDir)) {
            album.add(Images.read(f));
        }
        Map<String, List<BufferedImage>> groups = new LinkedHashMap<>();
        String name = RunDir.open(model, MystyleMethod.NAME).readConfig(MystyleRun.class).album();
        if (name.startsWith(Album.BUILTIN)) {
            groups.putAll(IdentityScores.references(Album.builtinId(name), album.size()));
        }
        groups.putAll(judged);
        List<IdentityScores.Score> scores;
        try (Progress progress = Progress.fromEnvironment()) {
            scores = IdentityScores.score(album, groups, IdentityScores.TRAINING_IDENTITIES, identitySteps, s, progress);
        }
        pw.println("Identity similarity to the album (cosine of the identity network's codes to the album's mean code):");
        StringBuilder csv = new StringBuilder("group,mean,sd,pictures\n");
        for (IdentityScores.Score sc : scores) {
            pw.println(sc.line());
            csv.append(String.format(java.util.Locale.ROOT, "%s,%.4f,%.4f,%d%n", sc.group(), sc.mean(), sc.sd(),
                    sc.count()));
        }
        Files.writeString(out.resolve("identity.csv"), csv);
    }

    /** The estimator on the album's reconstructions against the album's values: what control can show at best. */
    private static void reconstructions(PrintWriter pw, String method, MystyleModel m, AttributeTable t,
            AttributeEstimator f) {
        double[] c = ControlEvaluation.reconstructionCorrelation(m, t, f);
        StringBuilder sb = new StringBuilder();
        for (int j = 0; j < c.length; j++) {
            sb.append(String.format(" %s %.3f", t.names().get(j), c[j]));
        }
        pw.println(method + ": correlation of the estimate on G(anchor) with the album's values:" + sb);
    }

    /** Each axis: the hypercube's extent and the levels' centres on it. */
    private static void describe(PrintWriter pw, String method, AttributeControl c) {
        for (int m = 0; m < c.table().count(); m++) {
            StringBuilder sb = new StringBuilder();
            for (double x : c.centres()[m]) {
                sb.append(String.format(" %.3f", x));
            }
            pw.printf("%s, %s: hypercube [%.3f, %.3f], level centres%s%n", method, c.table().names().get(m), c.min()[m],
                    c.max()[m], sb);
        }
    }

    private void writeGrids(Map<String, List<BufferedImage>> grids, String method) {
        grids.forEach((name, images) -> Images.writePng(out.resolve("control-" + name + "-" + method + ".png"),
                SampleGrid.tile(images, values, 2)));
    }
}
