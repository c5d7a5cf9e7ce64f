package org.gan4j.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.gan4j.Gan4jException;
import org.gan4j.cocosnet.CocosConfig;
import org.gan4j.cocosnet.CocosMethod;
import org.gan4j.cocosnet.CocosNets;
import org.gan4j.cocosnet.CocosRun;
import org.gan4j.cocosnet.CocosTraining;
import org.gan4j.cocosnet.InputKind;
import org.gan4j.data.EdgeMap;
import org.gan4j.data.SceneDataset;
import org.gan4j.data.Scenes;
import org.gan4j.spade.Perceptual;
import org.gan4j.train.Progress;
import org.gan4j.train.RunDir;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code gan4j cocosnet train}: CoCosNet on paired label maps and photos, on photos alone (edge maps), or on builtin:scenes. */
@Command(name = "train", mixinStandardHelpOptions = true,
        description = {"Train CoCosNet on paired label maps and photos, or on builtin:scenes (procedural, in the jar).",
                "As the official trainer and its ade20k recipe: exemplars retrieved by label statistics (70%%) or the",
                "ground truth geometrically augmented (pseudo pairs); domain alignment, warped-mask, feature-matching,",
                "perceptual, contextual and hinge losses; TTUR Adam. The run gets config.json, palette.json, samples/",
                "(input map, exemplar, warped exemplar, output), metrics.csv, loss.png, checkpoints/latest.pt and, at",
                "the end, the official-layout latest_net_Corr.pth / _G / _D.",
                "--input edges trains from edge maps that gan4j computes from the photos (Canny as scikit-image, and the",
                "distance to the nearest edge, as the official celebahqedge loader), with the celebahqedge recipe:",
                "photos from --images DIR alone, or builtin:scenes (its photos; its labels are not used)."},
        footer = {"", "Examples:",
                "  gan4j cocosnet train --labels builtin:scenes --preset fast --out runs/cocos",
                "  gan4j cocosnet train --labels ade/labels --images ade/images --label-nc 150 --dontcare --vgg vgg19_conv.pth",
                "  gan4j cocosnet train --input edges --images faces/ --size 128 --out runs/faces-edges",
                "  gan4j cocosnet train --input edges --data builtin:scenes --out runs/scenes-edges",
                "  gan4j cocosnet train --resume runs/cocos            continue a killed run where it stopped"})
final class CocosTrain extends TrainCommand<CocosTrain.Plan, Path> {

    @Option(names = {"--labels", "--data"}, paramLabel = "DIR|builtin:scenes",
            description = "Folder of label maps (8-bit PNG class ids), or builtin:scenes (--data builtin:scenes works too);"
                    + " with --input edges, builtin:scenes or a folder of photos.")
    String labels;

    @Option(names = "--images", paramLabel = "DIR", description = "Folder of photos, matched to the label maps by file name"
            + " (with --input edges: the photos alone).")
    Path images;

    @Option(names = "--input", paramLabel = "labels|edges", description = "The input maps: label maps (the default), or"
            + " edge maps computed from the photos (2 channels: Canny edges, distance to the nearest edge).")
    String input;

    @Option(names = "--label-nc", paramLabel = "N", description = "Number of classes (ids 0..N-1); builtin:scenes has 10.")
    Integer labelNc;

    @Option(names = "--dontcare", description = "Value 255 marks unlabelled pixels (one more channel, as ADE20K).")
    boolean dontcare;

    @Option(names = "--palette", paramLabel = "FILE.json", description = "Label maps are RGB images coded with this palette.")
    Path palette;

    @Option(names = "--size", paramLabel = "PX", description = "Crop size, a multiple of 32, at least 64 (default 64 fast,"
            + " 256 paper).")
    Integer size;

    @Option(names = "--preset", defaultValue = "fast", paramLabel = "NAME",
            description = "fast (Corr ngf 32, G ngf 16, ndf 32, batch 4, 600 iterations: a 2-core CPU at 64 px) or paper (the released"
                    + " ade20k networks and recipe, batch 32, 100k iterations). Default: ${DEFAULT-VALUE}.")
    String preset;

    @Option(names = "--iters", paramLabel = "N", description = "Training iterations (overrides the preset).")
    Long iters;

    @Option(names = "--batch", paramLabel = "B", description = "Pairs per step (overrides the preset).")
    Integer batch;

    @Option(names = "--ngf", paramLabel = "N", description = "Translation network width (overrides the preset; the"
            + " correspondence keeps 64).")
    Integer ngf;

    @Option(names = "--ndf", paramLabel = "N", description = "Discriminator width (overrides the preset).")
    Integer ndf;

    @Option(names = "--ngf-corr", paramLabel = "N", description = "Correspondence width (overrides the preset; 64 is the"
            + " official, whose checkpoints the official code loads).")
    Integer ngfCorr;

    @Option(names = "--vgg", paramLabel = "FILE|random",
            description = "VGG19 of the losses: CoCosNet's vgg19_conv.pth or torchvision's vgg19-dcbb9e9d.pth, or random (a"
                    + " fixed-seed random VGG19, no download: the default).")
    String vgg;

    @Option(names = "--no-flip", description = "Do not mirror pairs at random.")
    boolean noFlip;

    @Option(names = "--samples", defaultValue = "4", paramLabel = "N", description = "Input maps per sample grid. Default: ${DEFAULT-VALUE}.")
    int samples;

    @Mixin
    DataParallelOptions parallel = new DataParallelOptions();

    @Option(names = "--dry-run", description = "Print the resolved configuration and exit.")
    void dryRun(boolean on) {
        dryRun = on;
    }

    /** A new run: its stored spec and, once opened, the checked data. */
    record Plan(CocosRun spec, SceneDataset data) {}

    @Override
    String method() {
        return CocosMethod.NAME;
    }

    @Override
    List<String> newRunFlags() {
        return List.of("--labels", "--images", "--input", "--label-nc", "--size", "--iters", "--batch");
    }

    @Override
    boolean newRunFlagGiven() {
        return labels != null || images != null || input != null || labelNc != null || size != null || iters != null
                || batch != null;
    }

    @Override
    String missingInput() {
        if (labels != null || (images != null && input != null && InputKind.parse(input) == InputKind.EDGES)) {
            return null;
        }
        return "give the label maps with --labels DIR --images DIR --label-nc N, or --labels builtin:scenes, or photos with"
                + " --input edges --images DIR (or --resume RUN)";
    }

    @Override
    Plan plan() {
        InputKind kind = input == null ? InputKind.LABELS : InputKind.parse(input);
        return kind == InputKind.EDGES ? planEdges() : planLabels();
    }

    private Plan planLabels() {
        boolean scenes = Scenes.NAME.equals(labels);
        if (!scenes && labelNc == null) {
            throw new Gan4jException("give the number of classes with --label-nc N (label ids 0..N-1)");
        }
        if (scenes && (images != null || dontcare || palette != null)) {
            throw new Gan4jException(Scenes.NAME + " brings its own photos and classes; drop --images/--dontcare/--palette");
        }
        int nc = scenes ? Scenes.LABEL_NC : labelNc;
        int semanticNc = nc + (dontcare ? 1 : 0);
        int px = size();
        CocosConfig c = options(preset(semanticNc, px));
        CocosRun spec = scenes ? CocosRun.onScenes(c, samples)
                : new CocosRun(c, abs(Path.of(labels)), abs(images), abs(palette), nc, dontcare, 0, samples);
        return new Plan(spec, null);
    }

    /** --input edges: photos alone (--images DIR, or --data DIR) or builtin:scenes' photos. */
    private Plan planEdges() {
        boolean scenes = Scenes.NAME.equals(labels);
        if (labelNc != null || dontcare || palette != null) {
            throw new Gan4jException("--input edges computes its input maps from the photos; drop --label-nc, --dontcare"
                    + " and --palette");
        }
        if (labels != null && images != null) {
            throw new Gan4jException("--input edges reads photos only: give --images DIR (no label maps)"
                    + (scenes ? ", or --data " + Scenes.NAME + " alone" : ""));
        }
        CocosConfig c = options(preset(EdgeMap.CHANNELS, size()).forEdges());
        CocosRun spec = scenes ? CocosRun.onScenes(c, samples)
                : CocosRun.onPhotos(c, abs(images != null ? images : Path.of(labels)), samples);
        return new Plan(spec, null);
    }

    private int size() {
        int px = size != null ? size : "paper".equals(preset) ? 256 : 64;
        if (px < 64 || px % 32 != 0) {
            throw new Gan4jException("--size " + px + ": CoCosNet's translation network needs a multiple of 32, at least 64");
        }
        return px;
    }

    private CocosConfig preset(int semanticNc, int px) {
        return switch (preset) {
            case "fast" -> CocosConfig.fast(semanticNc, px);
            case "paper" -> CocosConfig.paper(semanticNc, px);
            default -> throw new Gan4jException("--preset " + preset + " is not fast or paper");
        };
    }

    /** The width, schedule, VGG, flip and seed flags over a preset. */
    private CocosConfig options(CocosConfig c) {
        if (ngf != null || ndf != null || ngfCorr != null) {
            CocosNets n = ngf != null ? c.nets().withGeneratorWidth(ngf) : c.nets();
            n = ngfCorr != null ? n.withCorrespondenceWidth(ngfCorr) : n;
            c = c.withNets(n, ndf != null ? ndf : c.ndf());
        }
        if (iters != null || batch != null) {
            long it = iters != null ? iters : c.iters();
            long decay = iters != null ? Math.round(it * (double) c.decayIters() / c.iters()) : c.decayIters();
            c = c.withTraining(batch != null ? batch : c.batch(), it, decay);
        }
        if (vgg != null) {
            c = vgg.toLowerCase(Locale.ROOT).equals("random") ? c.withVgg(Perceptual.RANDOM_VGG19, null)
                    : c.withVgg(Perceptual.VGG19, Path.of(vgg).toAbsolutePath().toString());
        }
        return c.withFlip(!noFlip).withSeed(seedOrFresh());
    }

    private static String abs(Path p) {
        return p == null ? null : p.toAbsolutePath().toString();
    }

    @Override
    void printPlan(PrintWriter out, Plan plan) {
        out.println(RunDir.toJson(plan.spec()));
    }

    @Override
    Plan open(Plan plan) {
        return new Plan(plan.spec(), CocosTraining.open(plan.spec()));
    }

    @Override
    void announce(PrintWriter out, Plan plan, RunDir run) {
        CocosConfig c = plan.spec().config();
        CocosNets n = c.nets();
        out.println("CoCosNet " + n.cropSize() + "x" + n.cropSize() + " from " + c.input().word() + ", preset " + c.preset()
                + ": " + c.iters()
                + " iterations of batch " + c.batch() + ", Corr ngf " + n.ngfCorr() + ", G ngf " + n.ngfG() + ", ndf " + c.ndf() + ", VGG19 "
                + (c.vggWeights() == null ? "random" : c.vggWeights()) + ", seed " + c.seed() + "; "
                + plan.data().describe() + "; run " + run.dir());
        plan.data().notes().forEach(out::println);
    }

    @Override
    Path train(Plan plan, RunDir run, Progress progress) {
        return CocosTraining.train(plan.spec(), plan.data(), run, progress, CocosTraining.LOOP, world);
    }

    @Override
    Path resume(RunDir run, Progress progress) {
        return CocosTraining.resume(null, run, progress, CocosTraining.LOOP, world);
    }

    @Override
    DataParallelOptions parallel() {
        return parallel;
    }

    @Override
    void follow(RunDir run) {
        CocosTraining.follow(run, CocosTraining.LOOP, world);
    }

    @Override
    void finish(PrintWriter out, RunDir run, Path dir) {
        if (run.readConfig(CocosRun.class).config().input() == InputKind.EDGES) {
            out.println("Model: " + dir + "  (translate with: gan4j cocosnet translate --model " + dir
                    + " --input photo.png|edges.png --input-kind photo|edges --exemplar photo.png --out out.png)");
            return;
        }
        out.println("Model: " + dir + "  (translate with: gan4j cocosnet translate --model " + dir
                + " --input map.png --exemplar photo.png --exemplar-labels photo-map.png --out out.png)");
    }
}
