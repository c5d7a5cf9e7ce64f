package org.gan4j.cli;

import java.awt.image.BufferedImage;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.bytedeco.pytorch.Tensor;
import org.gan4j.data.AnimatedGif;
import org.gan4j.data.Images;
import org.gan4j.data.SquareImages;
import org.gan4j.gangealing.EditPropagation;
import org.gan4j.gangealing.GangealingModel;
import org.gan4j.torch.ImageTensors;
import org.gan4j.torch.NoGrad;
import org.gan4j.torch.Scope;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code gan4j gangealing propagate}: an edit drawn on the average congealed image, into every image or frame. */
@Command(name = "propagate", mixinStandardHelpOptions = true,
        description = {"Propagate an edit (an RGBA PNG drawn on the average congealed image: only pixels with alpha > 0",
                "count) into every image of a folder or every frame of a GIF, through each image's congealing (the",
                "official propagate_to_images.py: Gaussian splatting, then alpha or Laplacian blending)."},
        footer = {"", "Examples:",
                "  gan4j gangealing propagate --model runs/congeal --edit mask.png --images photos/ --out edited/",
                "  gan4j gangealing propagate --model runs/congeal --edit mask.png --images clip.gif --out clip-edited.gif"})
final class GangealingPropagate implements Callable<Integer> {

    @Option(names = "--model", required = true, paramLabel = "RUN|CKPT", description = "A GANgealing run or checkpoint.")
    Path model;

    @Option(names = "--edit", required = true, paramLabel = "EDIT.png", description = "RGBA edit on the average congealed image.")
    Path edit;

    @Option(names = "--images", required = true, paramLabel = "DIR|VIDEO.gif", description = "Images, or a GIF's frames.")
    Path images;

    @Option(names = "--out", required = true, paramLabel = "DIR|OUT.gif", description = "Output folder, or a .gif.")
    Path out;

    @Option(names = "--blend", defaultValue = "alpha", paramLabel = "ALG", description = "alpha or laplacian. Default: ${DEFAULT-VALUE}.")
    String blend;

    @Option(names = "--sigma", defaultValue = "1.3", paramLabel = "S", description = "Splat radius in pixels. Default: ${DEFAULT-VALUE}.")
    double sigma;

    @Option(names = "--opacity", defaultValue = "0.75", paramLabel = "O", description = "Edit opacity. Default: ${DEFAULT-VALUE}.")
    double opacity;

    @Option(names = "--iters", paramLabel = "N", description = "Similarity iterations (default: the model's own; 3 for several released models).")
    Integer iters;

    @Option(names = "--no-flip", description = "Do not try mirror images.")
    boolean noFlip;

    @Option(names = "--cluster", paramLabel = "K", description = "For a clustering model: the cluster whose average"
            + " image (average-head<K>.png from congeal) the edit was drawn on.")
    Integer cluster;

    @Option(names = "--batch", defaultValue = "16", paramLabel = "B", description = "Images per forward. Default: ${DEFAULT-VALUE}.")
    int batch;

    @Mixin
    EngineOptions engine = new EngineOptions();

    @Override
    public Integer call() throws Exception {
        PrintWriter pw = engine.out();
        BufferedImage e = Images.readArgb(edit);
        boolean gifIn = images.toString().toLowerCase(Locale.ROOT).endsWith(".gif") && !Files.isDirectory(images);
        List<BufferedImage> frames = new ArrayList<>();
        List<String> names = new ArrayList<>();
        double fps = 10;
        if (gifIn) {
            AnimatedGif.Frames f = AnimatedGif.read(images);
            frames.addAll(f.frames());
            fps = f.fps();
            for (int i = 0; i < frames.size(); i++) {
                names.add(String.format(Locale.ROOT, "frame%04d.png", i));
            }
        } else {
            for (Path p : org.gan4j.data.ImageFolder.list(images)) {
                frames.add(Images.read(p));
                names.add(p.getFileName().toString().replaceFirst("\\.[^.]*$", "") + ".png");
            }
        }
        engine.apply();
        List<BufferedImage> edited = new ArrayList<>();
        try (GangealingModel m = GangealingModel.load(model); NoGrad ng = new NoGrad()) {
            EditPropagation.Options o = new EditPropagation.Options(sigma, opacity, EditPropagation.Blend.parse(blend),
                    GangealingCongeal.iters(iters, m), !noFlip, cluster != null ? cluster : -1);
            int s = m.inputSize();
            for (int i = 0; i < frames.size(); i += batch) {
                try (Scope sc = new Scope()) {
                    List<BufferedImage> part = new ArrayList<>();
                    for (BufferedImage b : frames.subList(i, Math.min(frames.size(), i + batch))) {
                        part.add(SquareImages.fit(b, s));
                    }
                    Tensor x = ImageTensors.fromImages(part);
                    edited.addAll(ImageTensors.toImages(EditPropagation.propagate(m, x, e, o)));
                }
            }
        }
        if (out.toString().toLowerCase(Locale.ROOT).endsWith(".gif")) {
            AnimatedGif.write(out, edited, fps);
            pw.println("Wrote " + out + " (" + edited.size() + " frames with the edit)");
        } else {
            Files.createDirectories(out);
            for (int i = 0; i < edited.size(); i++) {
                Images.writePng(out.resolve(names.get(i)), edited.get(i));
            }
            pw.println("Wrote " + edited.size() + " edited images to " + out);
        }
        return 0;
    }
}
