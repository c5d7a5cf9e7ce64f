package org.gan4j.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.gan4j.Gan4jException;
import org.gan4j.data.Images;
import org.gan4j.data.LabelCoding;
import org.gan4j.data.LabelMaps;
import org.gan4j.data.PairedFolders;
import org.gan4j.data.Palette;
import org.gan4j.data.SceneDataset;
import org.gan4j.data.Scenes;
import org.gan4j.metrics.SegmentationScores;
import org.gan4j.metrics.Segmenter;
import org.gan4j.nn.FidInception;
import org.gan4j.spade.SpadeEvaluation;
import org.gan4j.spade.SpadeMethod;
import org.gan4j.spade.SpadeModel;
import org.gan4j.spade.SpadeNets;
import org.gan4j.spade.SpadeRun;
import org.gan4j.spade.SpadeTraining;
import org.gan4j.torch.AtomicFile;
import org.gan4j.torch.Engine;
import org.gan4j.train.Progress;
import org.gan4j.train.RunDir;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code gan4j spade eval}: segment synthesized images and compare with their label maps, as the SPADE paper. */
@Command(name = "eval", mixinStandardHelpOptions = true,
        description = {"Evaluate a SPADE model as the paper does: synthesize photos from the label",
                "maps of the last --count pairs, segment them with a segmenter trained on real",
                "photos (gan4j spade segmenter train) and score the segmentations against the",
                "label maps: mIoU (over the classes present) and pixel accuracy. Beside the",
                "score: the segmenter on the real photos (upper bound), and on photos made from",
                "other pairs' label maps (lower bound: a generator that ignored its input).",
                "Without --labels: the run's own data. builtin:scenes is evaluated on pairs",
                "10,000 and up, which no training draws. A style-encoder model takes each",
                "photo's mean style code. --out gets eval.json and example strips (label map |",
                "photo | its segmentation | synthesis | its segmentation). With --inception",
                "(pytorch-fid's pt_inception-2015-12-05-6726825d.pth) also FID between the",
                "real photos and the synthesized images of the pairs."},
        footer = {"", "Examples:",
                "  gan4j spade eval --model runs/scenes --segmenter segmenter64.pt --out eval/",
                "  gan4j spade eval --model runs/city --segmenter seg.pt --labels val/labels --images val/photos --count 500",
                "  gan4j spade eval --model runs/scenes --segmenter segmenter64.pt --inception pt_inception-2015-12-05-6726825d.pth"})
final class SpadeEval implements Callable<Integer> {

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    @Option(names = "--model", required = true, paramLabel = "RUN", description = "A SPADE run (trained or imported).")
    Path model;

    @Option(names = "--segmenter", required = true, paramLabel = "FILE.pt",
            description = "A segmenter from gan4j spade segmenter train (FILE.json beside it).")
    Path segmenter;

    @Option(names = "--labels", paramLabel = "DIR|builtin:scenes",
            description = "Evaluation label maps (default: the data the run trained on).")
    String labels;

    @Option(names = "--images", paramLabel = "DIR", description = "Their photos, matched by file name.")
    Path images;

    @Option(names = "--instances", paramLabel = "DIR", description = "Their instance maps (default: one instance per region).")
    Path instances;

    @Option(names = "--palette", paramLabel = "FILE.json", description = "Label maps are RGB images coded with this palette.")
    Path palette;

    @Option(names = "--count", defaultValue = "200", paramLabel = "N",
            description = "Pairs evaluated: the last N of the data. Default: ${DEFAULT-VALUE}.")
    int count;

    @Option(names = "--examples", defaultValue = "4", paramLabel = "K",
            description = "Example strips written to --out. Default: ${DEFAULT-VALUE}.")
    int examples;

    @Option(names = "--inception", paramLabel = "FILE.pth",
            description = {"FID's InceptionV3 weights (pytorch-fid's pt_inception-2015-12-05-6726825d.pth):",
                "adds FID between the real and the synthesized images (slow on CPU: two 299x299",
                "Inception passes per pair). Without it FID is not computed."})
    Path inception;

    @Option(names = "--out", paramLabel = "DIR", description = "Write eval.json and the examples here.")
    Path out;

    @Mixin
    EngineOptions engine = new EngineOptions();

    @Override
    public Integer call() throws IOException {
        PrintWriter pw = engine.out();
        if (count < 2) {
            throw new Gan4jException("--count must be at least 2 (the lower bound pairs each map with another), got " + count);
        }
        if (examples < 0) {
            throw new Gan4jException("--examples must be 0 or more, got " + examples);
        }
        if (inception != null && !Files.isRegularFile(inception)) {
            throw new Gan4jException("--inception " + inception + ": file not found (pytorch-fid's"
                    + " pt_inception-2015-12-05-6726825d.pth, from its GitHub releases)");
        }
        engine.apply();
        try (SpadeModel m = SpadeModel.load(model); Segmenter seg = Segmenter.load(segmenter);
                FidInception fid = inception == null ? null : FidInception.load(inception)) {
            SceneDataset data = data(m.nets());
            int n = Math.min(count, data.size());
            pw.println("SPADE " + m.nets().height() + "x" + m.nets().width() + " from " + model + "; segmenter " + segmenter
                    + " (" + seg.settings().size() + " px); " + data.describe() + "; pairs " + (data.size() - n) + ".."
                    + (data.size() - 1));
            data.notes().forEach(pw::println);
            pw.flush();
            SpadeEvaluation.Result r;
            try (Progress progress = Progress.fromEnvironment()) {
                r = SpadeEvaluation.evaluate(m, seg, data, n, out != null ? examples : 0, fid, progress);
            }
            pw.println();
            pw.printf(Locale.ROOT, "%-22s %7s %11s%n", "", "mIoU", "pixel acc.");
            row(pw, "real photos", r.real(), "upper bound: the segmenter on the photos");
            row(pw, "synthesized", r.synthesized(), "the score");
            row(pw, "shuffled label maps", r.shuffled(), "lower bound: scored against another pair's map");
            if (r.fid() == null) {
                pw.println("FID: not computed (it needs Inception weights, --inception FILE.pth; gan4j ships none and"
                        + " downloads nothing).");
            } else {
                pw.printf(Locale.ROOT, "%-22s %7.3f %11s   %s%n", "FID", r.fid().fid(), "", fidNote(r.fid()));
            }
            if (out != null) {
                write(r, data);
                pw.println("Wrote " + out.resolve("eval.json") + (r.examples().isEmpty() ? ""
                        : " and " + r.examples().size() + " example strip" + (r.examples().size() == 1 ? "" : "s")));
            }
        }
        return 0;
    }

    private static String fidNote(SpadeEvaluation.FidScore f) {
        return f.real() + " real photos vs " + f.synthesized() + " synthesized images (biased upwards at small"
                + " counts: compare runs on the same --count only)";
    }

    private static void row(PrintWriter pw, String name, SegmentationScores.Score s, String note) {
        pw.printf(Locale.ROOT, "%-22s %7.3f %11.3f   %s%n", name, s.meanIou(), s.pixelAccuracy(), note);
    }

    /** The pairs to evaluate: --labels/--images, else the run's own data; builtin:scenes past its training pairs. */
    private SceneDataset data(SpadeNets n) {
        String l = labels;
        if (l == null) {
            if (images != null || instances != null || palette != null) {
                throw new Gan4jException("--images/--instances/--palette go with --labels DIR");
            }
            SpadeRun spec = RunDir.open(model, SpadeMethod.NAME).readConfig(SpadeRun.class);
            if (spec.labels() == null) {
                throw new Gan4jException(model + " names no data (an imported model); give --labels DIR --images DIR");
            }
            if (!Scenes.NAME.equals(spec.labels())) {
                return SpadeTraining.open(spec);
            }
            l = Scenes.NAME;
        }
        if (Scenes.NAME.equals(l)) {
            if (images != null || instances != null || palette != null) {
                throw new Gan4jException(Scenes.NAME + " brings its own photos; drop --images/--instances/--palette");
            }
            // the last --count pairs are then 10,000 and up: SPADE and the segmenter train on 0..9,999 only
            return Scenes.dataset(Scenes.DEFAULT_COUNT + count);
        }
        if (images == null) {
            throw new Gan4jException("give the photos with --images DIR beside --labels " + l);
        }
        Palette pal = palette == null ? null : Palette.read(palette);
        return PairedFolders.open(Path.of(l), images, instances, new LabelCoding(n.labelNc(), n.dontcare(), pal));
    }

    private void write(SpadeEvaluation.Result r, SceneDataset data) throws IOException {
        Files.createDirectories(out);
        Map<String, Object> j = new LinkedHashMap<>();
        j.put("model", model.toAbsolutePath().toString());
        j.put("segmenter", segmenter.toAbsolutePath().toString());
        j.put("data", data.describe());
        j.put("pairs", r.pairs());
        j.put("firstPair", r.first());
        j.put("lastPair", r.first() + r.pairs() - 1);
        j.put("width", r.width());
        j.put("height", r.height());
        j.put("styleFromPhotos", r.styleFromPhotos());
        j.put("real", r.real());
        j.put("synthesized", r.synthesized());
        j.put("shuffled", r.shuffled());
        j.put("meanIou", "mean IoU over the classes present in the ground truth or the prediction (one confusion matrix"
                + " over all pairs)");
        j.put("shuffle", "the image synthesized from pair (i + N/2) mod N scored against pair i's label map");
        if (r.fid() == null) {
            j.put("fid", null);
            j.put("fidNote", "not computed: FID needs Inception weights (--inception), which gan4j does not ship");
        } else {
            j.put("fid", r.fid().fid());
            j.put("fidReal", r.fid().real());
            j.put("fidSynthesized", r.fid().synthesized());
            j.put("inception", inception.toAbsolutePath().toString());
            j.put("fidNote", "Frechet distance of pytorch-fid's InceptionV3 pool3 features, real photos vs synthesized"
                    + " images of the evaluated pairs; " + fidNote(r.fid()));
        }
        byte[] bytes = JSON.writeValueAsBytes(j);
        try {
            AtomicFile.write(out.resolve("eval.json"), tmp -> Files.write(tmp, bytes));
        } catch (IOException e) {
            throw new Gan4jException("cannot write " + out.resolve("eval.json") + ": " + Engine.firstLine(e),
                    Gan4jException.FAILED, e);
        }
        Palette pal = data.palette();
        for (SpadeEvaluation.Example e : r.examples()) {
            List<BufferedImage> parts = List.of(LabelMaps.colourise(e.labels(), pal), e.real(),
                    LabelMaps.colourise(e.realSegmentation(), pal), e.synthesized(),
                    LabelMaps.colourise(e.synthesizedSegmentation(), pal));
            Images.writePng(out.resolve(String.format(Locale.ROOT, "example_%05d.png", e.index())), strip(parts));
        }
    }

    /** The images side by side with a 2-pixel white gap. */
    private static BufferedImage strip(List<BufferedImage> parts) {
        int gap = 2;
        int w = parts.stream().mapToInt(BufferedImage::getWidth).sum() + gap * (parts.size() - 1);
        int h = parts.stream().mapToInt(BufferedImage::getHeight).max().orElse(1);
        BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        g.setColor(java.awt.Color.WHITE);
        g.fillRect(0, 0, w, h);
        int x = 0;
        for (BufferedImage p : parts) {
            g.drawImage(p, x, 0, null);
            x += p.getWidth() + gap;
        }
        g.dispose();
        return img;
    }
}
