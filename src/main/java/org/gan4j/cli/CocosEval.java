package org.gan4j.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.gan4j.Gan4jException;
import org.gan4j.cocosnet.CocosEvaluation;
import org.gan4j.cocosnet.CocosModel;
import org.gan4j.cocosnet.CocosVgg;
import org.gan4j.nn.FidInception;
import org.gan4j.spade.Perceptual;
import org.gan4j.data.Images;
import org.gan4j.data.LabelMaps;
import org.gan4j.data.ScenePair;
import org.gan4j.data.Scenes;
import org.gan4j.metrics.SegmentationScores;
import org.gan4j.metrics.Segmenter;
import org.gan4j.torch.AtomicFile;
import org.gan4j.torch.Engine;
import org.gan4j.torch.ImageTensors;
import org.gan4j.torch.Scope;
import org.gan4j.train.Progress;
import org.gan4j.train.SampleGrid;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code gan4j cocosnet eval}: semantic consistency, style relevance and correspondence accuracy on held-out scenes. */
@Command(name = "eval", mixinStandardHelpOptions = true,
        description = {"Evaluate a CoCosNet trained on builtin:scenes on held-out scenes (100000..): each input map is",
                "translated with another held-out scene as exemplar. Semantic consistency: mIoU of a segmenter (gan4j",
                "spade segmenter train) on the outputs. Style relevance: builtin:scenes paints the input's layout in the",
                "exemplar's look, the true answer; the output's L1 to it, and the shared classes' mean colours, each",
                "against a baseline exemplar. Correspondence accuracy: the exemplar is the input's own scene cropped",
                "and mirrored, so every position's true match is known. With --out: eval.json, examples.png (map,",
                "exemplar, warped exemplar, output, truth) and exemplars.png (one map with several exemplars)."},
        footer = {"", "Example:", "  gan4j cocosnet eval --model runs/cocos --segmenter segmenter64.pt --count 100 --out eval/"})
final class CocosEval implements Callable<Integer> {

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    @Option(names = "--model", required = true, paramLabel = "RUN", description = "A CoCosNet run on builtin:scenes.")
    Path model;

    @Option(names = "--segmenter", paramLabel = "FILE.pt",
            description = "A segmenter from gan4j spade segmenter train at the model's size (without: no mIoU rows).")
    Path segmenter;

    @Option(names = "--vgg", paramLabel = "FILE|random", description = {"A VGG19 for the paper's style relevance"
            + " (colour: relu1_2, texture: relu2_2 statistics): vgg19_conv.pth or torchvision's file, or random (the",
        "no-download default, whose numbers only compare runs measured the same way). Without: not computed."})
    String vgg;

    @Option(names = "--inception", paramLabel = "FILE.pth", description = "pytorch-fid's Inception weights: adds FID"
            + " between the outputs and the truths.")
    Path inception;

    @Option(names = "--count", defaultValue = "100", paramLabel = "N", description = "Held-out inputs. Default: ${DEFAULT-VALUE}.")
    int count;

    @Option(names = "--examples", defaultValue = "6", paramLabel = "K", description = "Example rows in examples.png. Default: ${DEFAULT-VALUE}.")
    int examples;

    @Option(names = "--seed", defaultValue = "0", paramLabel = "S", description = "Seed of the crops of the correspondence check.")
    long seed;

    @Option(names = "--out", paramLabel = "DIR", description = "Write eval.json and the pictures here.")
    Path out;

    @Mixin
    EngineOptions engine = new EngineOptions();

    @Override
    public Integer call() throws IOException {
        PrintWriter pw = engine.out();
        engine.apply();
        if (inception != null && !Files.isRegularFile(inception)) {
            throw new Gan4jException("--inception " + inception + ": file not found (pytorch-fid's"
                    + " pt_inception-2015-12-05-6726825d.pth)");
        }
        try (CocosModel m = CocosModel.load(model); Segmenter seg = segmenter == null ? null : Segmenter.load(segmenter);
                CocosVgg v = vgg == null ? null : vgg.equals("random") ? CocosVgg.of(Perceptual.RANDOM_VGG19, null)
                        : CocosVgg.of(Perceptual.VGG19, vgg);
                FidInception fid = inception == null ? null : FidInception.load(inception)) {
            if (seg != null && seg.settings().size() != m.nets().cropSize()) {
                throw new Gan4jException("the segmenter works at " + seg.settings().size() + " px but the model at "
                        + m.nets().cropSize() + "; train one at the model's size (gan4j spade segmenter train --size "
                        + m.nets().cropSize() + ")");
            }
            pw.println("CoCosNet " + m.nets().cropSize() + " px from " + model + "; held-out scenes "
                    + CocosEvaluation.FIRST + ".." + (CocosEvaluation.FIRST + count - 1));
            pw.flush();
            CocosEvaluation.Result r;
            try (Progress progress = Progress.fromEnvironment()) {
                r = CocosEvaluation.evaluate(m, new CocosEvaluation.Tools(seg, v, vgg, fid), count,
                        out != null ? examples : 0, seed, progress);
            }
            print(pw, r);
            if (out != null) {
                write(r, m);
                pw.println("Wrote " + out.resolve("eval.json") + ", examples.png and exemplars.png");
            }
        }
        return 0;
    }

    private static void print(PrintWriter pw, CocosEvaluation.Result r) {
        pw.println();
        if (r.translated() != null) {
            pw.printf(Locale.ROOT, "%-30s %7s %11s%n", "semantic consistency", "mIoU", "pixel acc.");
            row(pw, "truth (layout in exemplar look)", r.real(), "upper bound");
            row(pw, "translated", r.translated(), "the score");
            row(pw, "other inputs' outputs", r.shuffled(), "lower bound");
        } else {
            pw.println("semantic consistency: not computed (give --segmenter FILE.pt)");
        }
        pw.printf(Locale.ROOT, "style relevance: L1 to the truth %.4f (to the layout in the baseline's look %.4f)%n",
                r.truthL1(), r.baselineL1());
        pw.printf(Locale.ROOT, "  shared classes' mean colours: distance to the exemplar's %.4f, to the baseline's %.4f;"
                + " nearer the exemplar for %.1f%% of inputs%n", r.colourToExemplar(), r.colourToBaseline(),
                100 * r.colourWins());
        if (r.vgg() != null) {
            CocosEvaluation.VggScores v = r.vgg();
            pw.printf(Locale.ROOT, "  VGG19 (%s) statistics, cosine: colour %.4f, texture %.4f to the exemplar; %.4f, %.4f to"
                    + " the baseline%n", v.weights(), v.colourToExemplar(), v.textureToExemplar(), v.colourToBaseline(),
                    v.textureToBaseline());
        }
        if (r.fid() != null) {
            pw.printf(Locale.ROOT, "FID (outputs vs truths, %d each): %.3f%n", r.count(), r.fid());
        }
        pw.printf(Locale.ROOT, "correspondence (pseudo pairs): %.1f%% of positions within one cell (the identity: %.1f%%),"
                + " mean error %.2f cells; warped exemplar's L1 to the input's photo %.4f (unwarped: %.4f)%n",
                100 * r.matchAccuracy(), 100 * r.identityAccuracy(), r.matchError(), r.warpL1(), r.unwarpedL1());
    }

    private static void row(PrintWriter pw, String name, SegmentationScores.Score s, String note) {
        pw.printf(Locale.ROOT, "%-30s %7.3f %11.3f   %s%n", name, s.meanIou(), s.pixelAccuracy(), note);
    }

    private void write(CocosEvaluation.Result r, CocosModel m) throws IOException {
        Files.createDirectories(out);
        Map<String, Object> j = new LinkedHashMap<>();
        j.put("model", model.toAbsolutePath().toString());
        j.put("segmenter", segmenter == null ? null : segmenter.toAbsolutePath().toString());
        j.put("heldOut", CocosEvaluation.FIRST + ".." + (CocosEvaluation.FIRST + r.count() - 1));
        j.put("size", r.size());
        j.put("real", r.real());
        j.put("translated", r.translated());
        j.put("shuffled", r.shuffled());
        j.put("truthL1", r.truthL1());
        j.put("baselineL1", r.baselineL1());
        j.put("colourToExemplar", r.colourToExemplar());
        j.put("colourToBaseline", r.colourToBaseline());
        j.put("colourWins", r.colourWins());
        j.put("matchAccuracy", r.matchAccuracy());
        j.put("matchErrorCells", r.matchError());
        j.put("warpL1", r.warpL1());
        j.put("identityMatchAccuracy", r.identityAccuracy());
        j.put("unwarpedL1", r.unwarpedL1());
        j.put("vgg", r.vgg());
        j.put("fid", r.fid());
        byte[] bytes = JSON.writeValueAsBytes(j);
        try {
            AtomicFile.write(out.resolve("eval.json"), tmp -> Files.write(tmp, bytes));
        } catch (IOException e) {
            throw new Gan4jException("cannot write " + out.resolve("eval.json") + ": " + Engine.firstLine(e),
                    Gan4jException.FAILED, e);
        }
        List<BufferedImage> cells = new ArrayList<>();
        for (CocosEvaluation.Example e : r.examples()) {
            cells.add(LabelMaps.colourise(e.labels(), Scenes.CLASSES));
            cells.add(e.exemplarImage());
            cells.add(e.warped());
            cells.add(e.output());
            cells.add(e.truth());
        }
        if (!cells.isEmpty()) {
            Images.writePng(out.resolve("examples.png"), SampleGrid.tile(cells, 5, SampleGrid.DEFAULT_GAP));
        }
        Images.writePng(out.resolve("exemplars.png"), oneMapManyExemplars(m, 5));
    }

    /** Row 1: the input map, then exemplars; row 2: the truth of the first, then the outputs under each exemplar. */
    static BufferedImage oneMapManyExemplars(CocosModel m, int n) {
        int size = m.nets().cropSize();
        ScenePair input = Scenes.pair(CocosEvaluation.FIRST, size, size);
        List<BufferedImage> top = new ArrayList<>();
        List<BufferedImage> bottom = new ArrayList<>();
        top.add(LabelMaps.colourise(input.labels(), Scenes.CLASSES));
        bottom.add(input.image());
        for (int k = 1; k <= n; k++) {
            ScenePair ex = Scenes.pair(CocosEvaluation.FIRST + 7 * k, size, size);
            try (Scope s = new Scope()) {
                top.add(ex.image());
                bottom.add(ImageTensors.toImage(m.translate(input.labels(), ex.image(), ex.labels(), size).image()));
            }
        }
        List<BufferedImage> all = new ArrayList<>(top);
        all.addAll(bottom);
        return SampleGrid.tile(all, n + 1, SampleGrid.DEFAULT_GAP);
    }
}
