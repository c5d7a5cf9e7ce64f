package org.gan4j.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.gan4j.Gan4jException;
import org.gan4j.data.FaceSample;
import org.gan4j.data.Faces;
import org.gan4j.gangealing.GangealingModel;
import org.gan4j.gangealing.KeypointSets;
import org.gan4j.gangealing.Pck;
import org.gan4j.gangealing.PlacementBounds;
import org.gan4j.gangealing.PlacementRecovery;
import org.gan4j.torch.Scope;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code gan4j gangealing pck}: PCK-Transfer of a congealing model, against the identity and the similarity alone. */
@Command(name = "pck", mixinStandardHelpOptions = true,
        description = {"PCK-Transfer (the official pck.py): key points of one image carried to another through the",
                "congealed frame, correct within α·max(H, W) (α = 0.1, 0.05, 0.01), both ways, flips chosen by flow",
                "smoothness; with bootstrap deviations. Also reported on the same pairs: the identity (no transform)",
                "and the similarity STN alone; on builtin:faces also the bounds that undoing each face's true placement",
                "(shift, + rotation, similarity) reaches. Data: held-out builtin:faces pictures, or a folder of NAME.png with",
                "NAME.json = {\"points\": [[x, y], ...]}."},
        footer = {"", "Examples:", "  gan4j gangealing pck --model runs/congeal --data builtin:faces --pairs 500",
                "  gan4j gangealing pck --model cub.pt --data cub-test/ --size 256 --bootstrap 20"})
final class GangealingPck implements Callable<Integer> {

    @Option(names = "--model", required = true, paramLabel = "RUN|CKPT", description = "A GANgealing run or checkpoint.")
    Path model;

    @Option(names = "--data", required = true, paramLabel = "builtin:faces|DIR", description = "Images with key points.")
    String data;

    @Option(names = "--pairs", defaultValue = "500", paramLabel = "N", description = "Pairs to evaluate. Default: ${DEFAULT-VALUE}.")
    int pairs;

    @Option(names = "--size", paramLabel = "PX", description = "Image size (default: the model's input size).")
    Integer size;

    @Option(names = "--iters", paramLabel = "N", description = "Similarity iterations (default: the model's own; 3 for several released models).")
    Integer iters;

    @Option(names = "--no-flip", description = "Do not choose mirror images by flow smoothness.")
    boolean noFlip;

    @Option(names = "--bootstrap", defaultValue = "20", paramLabel = "B", description = "Bootstrap resamplings for deviations (0: none). Default: ${DEFAULT-VALUE}.")
    int bootstrap;

    @Option(names = "--batch", defaultValue = "16", paramLabel = "B", description = "Pairs per forward. Default: ${DEFAULT-VALUE}.")
    int batch;

    @Option(names = "--seed", defaultValue = "0", paramLabel = "S", description = "Seed of the pairs and the bootstrap. Default: ${DEFAULT-VALUE}.")
    long seed;

    @Mixin
    EngineOptions engine = new EngineOptions();

    @Override
    public Integer call() throws Exception {
        PrintWriter pw = engine.out();
        if (pairs < 1) {
            throw new Gan4jException("--pairs must be at least 1, got " + pairs);
        }
        engine.apply();
        try (GangealingModel m = GangealingModel.load(model); Scope s = new Scope()) {
            m.requireOneHead("PCK");
            int px = size != null ? size : m.inputSize();
            List<FaceSample> faces = data.equals(Faces.NAME) ? KeypointSets.heldOutFaces(2 * pairs, px) : null;
            Pck.Set set = faces != null ? KeypointSets.faces(faces) : KeypointSets.folder(Path.of(data), px, null);
            int[][] p = KeypointSets.pairs((int) set.images().size(0), pairs, seed);
            pw.println(m.describe(GangealingCongeal.iters(iters, m)) + "; " + p.length + " pairs of " + data + " at " + px + " px, both ways");
            pw.println(String.format(Locale.ROOT, "%-18s %18s %18s %18s", "transfer", "PCK@0.1", "PCK@0.05", "PCK@0.01"));
            for (Pck.Transfer how : Pck.Transfer.values()) {
                Pck.Result r = Pck.evaluate(m.stn(), set, p, how, GangealingCongeal.iters(iters, m), !noFlip, batch, bootstrap, seed);
                StringBuilder line = new StringBuilder(String.format(Locale.ROOT, "%-18s", name(how)));
                for (int a = 0; a < Pck.ALPHAS.length; a++) {
                    line.append(String.format(Locale.ROOT, " %10.2f%% ± %4.2f", 100 * r.pck()[a], 100 * r.std()[a]));
                }
                pw.println(line);
                pw.flush();
            }
            if (faces != null) {
                pw.println("Bounds from each face's true placement (no model; what a perfect rigid warp would score):");
                for (PlacementBounds.Undo undo : PlacementBounds.Undo.values()) {
                    double[] b = PlacementBounds.pck(faces, p, px, undo);
                    StringBuilder line = new StringBuilder(String.format(Locale.ROOT, "%-18s", name(undo)));
                    for (double v : b) {
                        line.append(String.format(Locale.ROOT, " %10.2f%%       ", 100 * v));
                    }
                    pw.println(line.toString().stripTrailing());
                }
                int n = Math.max(200, 2 * pairs);
                PlacementRecovery r = PlacementRecovery.measure(m, KeypointSets.FACES_HELD_OUT, n,
                        GangealingCongeal.iters(iters, m));
                pw.println("Placement undone by the similarity STN (slope / correlation against the truth, 1 / 1 = fully;"
                        + " " + n + " faces): " + r.describe());
            }
        }
        return 0;
    }

    private static String name(PlacementBounds.Undo undo) {
        return switch (undo) {
            case SHIFT -> "true shift";
            case SHIFT_ROTATION -> "+ true rotation";
            case SIMILARITY -> "true similarity";
        };
    }

    private static String name(Pck.Transfer how) {
        return switch (how) {
            case FULL -> "GANgealing";
            case SIMILARITY -> "similarity only";
            case IDENTITY -> "identity";
        };
    }
}
