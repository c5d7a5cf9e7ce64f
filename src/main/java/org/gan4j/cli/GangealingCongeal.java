package org.gan4j.cli;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.global.torch;
import org.gan4j.Gan4jException;
import org.gan4j.data.ImageFolder;
import org.gan4j.data.Images;
import org.gan4j.data.SquareImages;
import org.gan4j.gangealing.GangealingModel;
import org.gan4j.gangealing.Warping;
import org.gan4j.nn.Padding2d;
import org.gan4j.torch.AtomicFile;
import org.gan4j.torch.ImageTensors;
import org.gan4j.torch.NoGrad;
import org.gan4j.torch.Scope;
import org.gan4j.torch.Tensors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code gan4j gangealing congeal}: a folder of images aligned to the learned pose, its average and flow scores. */
@Command(name = "congeal", mixinStandardHelpOptions = true,
        description = {"Congeal a folder of images with a trained (or imported) GANgealing model: every image warped to",
                "the learned pose (centre-cropped to a square first), the average congealed image, and each image's",
                "flow smoothness (TV of the residual flow; lower is a more confident alignment) in scores.csv.",
                "--keep-fraction F keeps the smoothest fraction, as the official congeal_dataset.py with flow scores."},
        footer = {"", "Examples:",
                "  gan4j gangealing congeal --model runs/congeal --images photos/ --out congealed/",
                "  gan4j gangealing congeal --model cat.pt --images cats/ --size 256 --iters 3 --keep-fraction 0.5 --out aligned/"})
final class GangealingCongeal implements Callable<Integer> {

    @Option(names = "--model", required = true, paramLabel = "RUN|CKPT", description = "A GANgealing run or checkpoint.")
    Path model;

    @Option(names = "--images", required = true, paramLabel = "DIR", description = "Folder of images.")
    Path images;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "Output folder.")
    Path out;

    @Option(names = "--size", paramLabel = "PX", description = "Output size (default: the model's input size).")
    Integer size;

    @Option(names = "--iters", paramLabel = "N", description = "Similarity iterations (default: the model's own; 3 for several released models).")
    Integer iters;

    @Option(names = "--padding", paramLabel = "MODE", description = "border, reflection or zeros (default: the model's).")
    String padding;

    @Option(names = "--no-flip", description = "Do not try the mirror image of each input.")
    boolean noFlip;

    @Option(names = "--keep-fraction", defaultValue = "1", paramLabel = "F",
            description = "Write only the fraction F of images with the smoothest flows. Default: ${DEFAULT-VALUE}.")
    double keepFraction;

    @Option(names = "--batch", defaultValue = "16", paramLabel = "B", description = "Images per forward. Default: ${DEFAULT-VALUE}.")
    int batch;

    @Mixin
    EngineOptions engine = new EngineOptions();

    private int modelHeads = 1;

    private record Scored(String name, double smoothness, boolean mirrored, int head, BufferedImage image) {}

    @Override
    public Integer call() throws Exception {
        PrintWriter pw = engine.out();
        if (!(keepFraction > 0 && keepFraction <= 1)) {
            throw new Gan4jException("--keep-fraction must be in (0, 1], got " + keepFraction);
        }
        List<Path> files = ImageFolder.list(images);
        engine.apply();
        List<Scored> scored = new ArrayList<>();
        try (GangealingModel m = GangealingModel.load(model); NoGrad ng = new NoGrad()) {
            int in = m.inputSize();
            modelHeads = m.heads();
            int px = size != null ? size : in;
            Warping w = new Warping(px, padding == null ? null : Padding2d.parse(padding), null, iters(iters, m));
            pw.println(m.describe(iters(iters, m)) + "; " + files.size() + " images from " + images + " at " + px + "x" + px);
            for (int i = 0; i < files.size(); i += batch) {
                List<Path> part = files.subList(i, Math.min(files.size(), i + batch));
                try (Scope s = new Scope()) {
                    List<BufferedImage> square = new ArrayList<>();
                    for (Path f : part) {
                        square.add(SquareImages.centreCrop(Images.read(f)));
                    }
                    Tensor input = fit(square, in);
                    Tensor source = px > in ? fit(square, px) : input;
                    GangealingModel.Congealed c = m.congeal(input, source, w, !noFlip);
                    List<BufferedImage> outs = ImageTensors.toImages(c.out());
                    float[] tv = Tensors.floats(c.smoothness().contiguous());
                    boolean[] mirrored = bools(c.mirrored());
                    float[] heads = Tensors.floats(c.head().to(torch.ScalarType.Float).contiguous());
                    for (int k = 0; k < part.size(); k++) {
                        scored.add(new Scored(part.get(k).getFileName().toString(), tv[k], mirrored[k], (int) heads[k],
                                outs.get(k)));
                    }
                }
                pw.println(String.format(Locale.ROOT, "congealed %d/%d", Math.min(files.size(), i + batch), files.size()));
                pw.flush();
            }
        }
        write(scored, pw);
        return 0;
    }

    private void write(List<Scored> scored, PrintWriter pw) throws IOException {
        Files.createDirectories(out);
        List<Scored> kept = new ArrayList<>(scored);
        kept.sort(Comparator.comparingDouble(Scored::smoothness));
        kept = kept.subList(0, Math.max(1, (int) Math.round(kept.size() * keepFraction)));
        for (Scored s : kept) {
            Images.writePng(out.resolve(s.name().replaceFirst("\\.[^.]*$", "") + ".png"), s.image());
        }
        Images.writePng(out.resolve("average.png"), average(kept));
        java.util.Set<Integer> heads = new java.util.TreeSet<>();
        kept.forEach(s -> heads.add(s.head()));
        if (modelHeads > 1) { // a clustering model: one average per cluster, to draw that cluster's edits on
            for (int h : heads) {
                Images.writePng(out.resolve("average-head" + h + ".png"),
                        average(kept.stream().filter(s -> s.head() == h).toList()));
            }
        }
        StringBuilder csv = new StringBuilder("image,flow_tv,mirrored,head,kept\n");
        java.util.Set<String> keptNames = new java.util.HashSet<>();
        kept.forEach(s -> keptNames.add(s.name()));
        for (Scored s : scored) {
            csv.append(String.format(Locale.ROOT, "%s,%.6g,%b,%d,%b%n", s.name(), s.smoothness(), s.mirrored(), s.head(),
                    keptNames.contains(s.name())));
        }
        byte[] bytes = csv.toString().getBytes(StandardCharsets.UTF_8);
        AtomicFile.write(out.resolve("scores.csv"), tmp -> Files.write(tmp, bytes));
        pw.println("Wrote " + kept.size() + " congealed images, average.png and scores.csv to " + out
                + (kept.size() < scored.size() ? " (the smoothest " + kept.size() + " of " + scored.size() + ")" : ""));
    }

    /** The pixel-wise mean of congealed images. */
    private static BufferedImage average(List<Scored> images) {
        int side = images.get(0).image().getWidth();
        double[] sum = new double[side * side * 3];
        for (Scored s : images) {
            int[] rgb = s.image().getRGB(0, 0, side, side, null, 0, side);
            for (int p = 0; p < rgb.length; p++) {
                sum[3 * p] += (rgb[p] >> 16) & 255;
                sum[3 * p + 1] += (rgb[p] >> 8) & 255;
                sum[3 * p + 2] += rgb[p] & 255;
            }
        }
        BufferedImage avg = new BufferedImage(side, side, BufferedImage.TYPE_INT_RGB);
        for (int p = 0; p < side * side; p++) {
            int r = (int) Math.round(sum[3 * p] / images.size());
            int g = (int) Math.round(sum[3 * p + 1] / images.size());
            int b = (int) Math.round(sum[3 * p + 2] / images.size());
            avg.setRGB(p % side, p / side, (r << 16) | (g << 8) | b);
        }
        return avg;
    }

    private static Tensor fit(List<BufferedImage> square, int px) {
        List<BufferedImage> sized = new ArrayList<>();
        for (BufferedImage b : square) {
            sized.add(SquareImages.fit(b, px));
        }
        return ImageTensors.fromImages(sized);
    }

    private static boolean[] bools(Tensor t) {
        float[] f = Tensors.floats(t.to(torch.ScalarType.Float).contiguous());
        boolean[] b = new boolean[f.length];
        for (int i = 0; i < f.length; i++) {
            b[i] = f[i] > 0.5f;
        }
        return b;
    }

    /** --iters, or the model's own iterations when not given. */
    static int iters(Integer given, GangealingModel m) {
        if (given != null && given < 1) {
            throw new Gan4jException("--iters must be at least 1, got " + given);
        }
        return given != null ? given : m.iters();
    }
}
