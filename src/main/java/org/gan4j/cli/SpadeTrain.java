package org.gan4j.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.gan4j.Gan4jException;
import org.gan4j.data.SceneDataset;
import org.gan4j.data.Scenes;
import org.gan4j.spade.Perceptual;
import org.gan4j.spade.SpadeConfig;
import org.gan4j.spade.SpadeMethod;
import org.gan4j.spade.SpadeNets;
import org.gan4j.spade.SpadeRun;
import org.gan4j.spade.SpadeTraining;
import org.gan4j.spade.Upsampling;
import org.gan4j.train.Progress;
import org.gan4j.train.RunDir;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code gan4j spade train}: SPADE on paired label maps and photos, or on builtin:scenes. */
@Command(name = "train", mixinStandardHelpOptions = true,
        description = {"Train SPADE on paired label maps and photos, or on builtin:scenes (procedural, in the jar).",
                "As the official Pix2PixTrainer: multiscale PatchGAN discriminator, hinge loss, feature matching,",
                "VGG perceptual loss, TTUR Adam; with --style-encoder also the encoder and its KL term, so that",
                "synthesize can take a style image. Label maps are 8-bit PNGs of class ids (or RGB with --palette);",
                "every value is checked before the first step. The run gets config.json, palette.json, samples/",
                "(label map, photo, synthesis), metrics.csv, loss.png, checkpoints/latest.pt and, at the end, the",
                "official-layout latest_net_G.pth / _D / _E."},
        footer = {"", "Examples:",
                "  gan4j spade train --labels builtin:scenes --size 64 --preset fast --out runs/scenes",
                "  gan4j spade train --labels labels/ --images photos/ --label-nc 35 --instances inst/ --out runs/city",
                "  gan4j spade train --labels ade/labels --images ade/images --label-nc 150 --dontcare --vgg vgg19.pth",
                "  gan4j spade train --resume runs/scenes               continue a killed run where it stopped"})
final class SpadeTrain extends TrainCommand<SpadeTrain.Plan, Path> {

    @Option(names = "--labels", paramLabel = "DIR|builtin:scenes",
            description = "Folder of label maps (8-bit PNG class ids), or builtin:scenes.")
    String labels;

    @Option(names = "--images", paramLabel = "DIR", description = "Folder of photos, matched to the label maps by file name.")
    Path images;

    @Option(names = "--instances", paramLabel = "DIR", description = "Folder of instance maps: adds the instance-edge channel.")
    Path instances;

    @Option(names = "--label-nc", paramLabel = "N", description = "Number of classes (ids 0..N-1); builtin:scenes has 10.")
    Integer labelNc;

    @Option(names = "--dontcare", description = "Value 255 marks unlabelled pixels (one more channel, as COCO-Stuff and ADE20K).")
    boolean dontcare;

    @Option(names = "--palette", paramLabel = "FILE.json", description = "Label maps are RGB images coded with this palette.")
    Path palette;

    @Option(names = "--size", paramLabel = "PX", description = "Crop size: the generated width (default 64 fast, 256 paper).")
    Integer size;

    @Option(names = "--aspect-ratio", paramLabel = "R", description = "Width / height (default 1; Cityscapes 2).")
    Double aspectRatio;

    @Option(names = "--preset", defaultValue = "fast", paramLabel = "NAME",
            description = "fast (ngf 16, ndf 32, batch 4, 3000 iterations: a 2-core CPU at 64-128 px) or paper (the official"
                    + " networks, batch 32, 100k iterations). Default: ${DEFAULT-VALUE}.")
    String preset;

    @Option(names = "--style-encoder", description = "Train the style encoder too (the official --use_vae).")
    boolean styleEncoder;

    @Option(names = "--iters", paramLabel = "N", description = "Training iterations (overrides the preset).")
    Long iters;

    @Option(names = "--batch", paramLabel = "B", description = "Pairs per step (overrides the preset).")
    Integer batch;

    @Option(names = "--ngf", paramLabel = "N", description = "Generator (and encoder) width (overrides the preset).")
    Integer ngf;

    @Option(names = "--ndf", paramLabel = "N", description = "Discriminator width (overrides the preset).")
    Integer ndf;

    @Option(names = "--num-upsampling-layers", paramLabel = "normal|more|most", description = "Default normal.")
    String upsampling;

    @Option(names = "--vgg", paramLabel = "FILE|random|none",
            description = "Perceptual loss network: a torchvision VGG19 weights file (vgg19-dcbb9e9d.pth), random (a"
                    + " fixed-seed random VGG19, no download: the default), or none.")
    String vgg;

    @Option(names = "--vgg-slices", paramLabel = "K", description = "Use relu1_1..reluK_1 (default 5 paper, 3 fast).")
    Integer vggSlices;

    @Option(names = "--no-flip", description = "Do not mirror pairs at random.")
    boolean noFlip;

    @Option(names = "--samples", defaultValue = "4", paramLabel = "N", description = "Label maps per sample grid. Default: ${DEFAULT-VALUE}.")
    int samples;

    @Mixin
    DataParallelOptions parallel = new DataParallelOptions();

    @Option(names = "--dry-run", description = "Print the resolved configuration and exit.")
    void dryRun(boolean on) {
        dryRun = on;
    }

    /** A new run: its stored spec and, once opened, the checked data. */
    record Plan(SpadeRun spec, SceneDataset data) {}

    @Override
    String method() {
        return SpadeMethod.NAME;
    }

    @Override
    List<String> newRunFlags() {
        return List.of("--labels", "--images", "--instances", "--label-nc", "--size", "--iters", "--batch");
    }

    @Override
    boolean newRunFlagGiven() {
        return labels != null || images != null || instances != null || labelNc != null || size != null || iters != null
                || batch != null;
    }

    @Override
    String missingInput() {
        return labels == null ? "give the label maps with --labels DIR --images DIR --label-nc N, or --labels builtin:scenes"
                + " (or --resume RUN)" : null;
    }

    @Override
    Plan plan() {
        boolean scenes = Scenes.NAME.equals(labels);
        if (!scenes && labelNc == null) {
            throw new Gan4jException("give the number of classes with --label-nc N (label ids 0..N-1)");
        }
        if (scenes && (images != null || instances != null || dontcare || palette != null)) {
            throw new Gan4jException(Scenes.NAME + " brings its own photos and classes; drop --images/--instances/"
                    + "--dontcare/--palette");
        }
        int nc = scenes ? Scenes.LABEL_NC : labelNc;
        int px = size != null ? size : "paper".equals(preset) ? 256 : 64;
        SpadeConfig c = switch (preset) {
            case "fast" -> SpadeConfig.fast(nc, px);
            case "paper" -> SpadeConfig.paper(nc, px);
            default -> throw new Gan4jException("--preset " + preset + " is not fast or paper");
        };
        SpadeNets n = c.nets().withDontcare(dontcare).withInstance(instances != null).withVae(styleEncoder)
                .withCrop(px, aspectRatio != null ? aspectRatio : 1.0,
                        upsampling != null ? Upsampling.parse(upsampling) : Upsampling.NORMAL);
        if (ngf != null || ndf != null) {
            n = n.withWidths(ngf != null ? ngf : n.ngf(), ndf != null ? ndf : n.ndf());
        }
        c = c.withNets(n);
        if (iters != null || batch != null) {
            long it = iters != null ? iters : c.iters();
            long decay = iters != null ? Math.round(it * (double) c.decayIters() / c.iters()) : c.decayIters();
            c = c.withTraining(batch != null ? batch : c.batch(), it, decay);
        }
        int slices = vggSlices != null ? vggSlices : c.vggSlices();
        if (vgg != null) {
            c = switch (vgg.toLowerCase(Locale.ROOT)) {
                case "random" -> c.withPerceptual(Perceptual.RANDOM_VGG19, null, slices);
                case "none" -> c.withPerceptual(Perceptual.NONE, null, slices);
                default -> c.withPerceptual(Perceptual.VGG19, Path.of(vgg).toAbsolutePath().toString(), slices);
            };
        } else {
            c = c.withPerceptual(c.perceptual(), c.vggWeights(), slices);
        }
        c = c.withSeed(seedOrFresh());
        SpadeRun spec = scenes ? SpadeRun.onScenes(c, samples)
                : new SpadeRun(c, abs(Path.of(labels)), abs(images), abs(instances), abs(palette), samples);
        return new Plan(spec, null);
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
        return new Plan(plan.spec(), SpadeTraining.open(plan.spec()));
    }

    @Override
    void announce(PrintWriter out, Plan plan, RunDir run) {
        SpadeConfig c = plan.spec().config();
        SpadeNets n = c.nets();
        out.println("SPADE " + n.height() + "x" + n.width() + ", preset " + c.preset() + ": " + c.iters() + " iterations of batch "
                + c.batch() + ", ngf " + n.ngf() + ", ndf " + n.ndf() + (n.useVae() ? ", style encoder" : "") + ", perceptual "
                + c.perceptual().name().toLowerCase(Locale.ROOT) + ", seed " + c.seed() + "; " + plan.data().describe()
                + "; run " + run.dir());
        plan.data().notes().forEach(out::println);
    }

    @Override
    Path train(Plan plan, RunDir run, Progress progress) {
        return SpadeTraining.train(plan.spec(), plan.data(), run, progress, SpadeTraining.LOOP, world);
    }

    @Override
    Path resume(RunDir run, Progress progress) {
        return SpadeTraining.resume(null, run, progress, SpadeTraining.LOOP, world);
    }

    @Override
    DataParallelOptions parallel() {
        return parallel;
    }

    @Override
    void follow(RunDir run) {
        SpadeTraining.follow(null, run, SpadeTraining.LOOP, world);
    }

    @Override
    void finish(PrintWriter out, RunDir run, Path dir) {
        out.println("Model: " + dir + "  (synthesize with: gan4j spade synthesize --model " + dir
                + " --labels map.png --out out/)");
    }
}
