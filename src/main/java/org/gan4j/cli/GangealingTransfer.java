package org.gan4j.cli;

import java.awt.image.BufferedImage;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.bytedeco.pytorch.Tensor;
import org.gan4j.Gan4jException;
import org.gan4j.data.Images;
import org.gan4j.data.SquareImages;
import org.gan4j.gangealing.Correspondences;
import org.gan4j.gangealing.GangealingModel;
import org.gan4j.gangealing.KeypointSets;
import org.gan4j.gangealing.PointTransfer;
import org.gan4j.gangealing.Warping;
import org.gan4j.torch.AtomicFile;
import org.gan4j.torch.ImageTensors;
import org.gan4j.torch.NoGrad;
import org.gan4j.torch.Scope;
import org.gan4j.torch.Tensors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code gan4j gangealing transfer}: key points of image A carried to image B through the congealed frame. */
@Command(name = "transfer", mixinStandardHelpOptions = true,
        description = {"Carry key points from one image to another through the congealed frame (A -> congealed by the",
                "similarity's inverse and a nearest-neighbour search in the flow, congealed -> B by B's sampling grid).",
                "Points are JSON {\"points\": [[x, y], ...]} in pixels of the image files; images are centre-cropped to",
                "squares for the model. --picture also draws the matches."},
        footer = {"", "Example:",
                "  gan4j gangealing transfer --model runs/congeal --source a.png --points a.json --target b.png --out b.json"})
final class GangealingTransfer implements Callable<Integer> {

    @Option(names = "--model", required = true, paramLabel = "RUN|CKPT", description = "A GANgealing run or checkpoint.")
    Path model;

    @Option(names = "--source", required = true, paramLabel = "A.png", description = "The image the points are on.")
    Path source;

    @Option(names = "--points", required = true, paramLabel = "A.json", description = "Its points.")
    Path points;

    @Option(names = "--target", required = true, paramLabel = "B.png", description = "The image to carry them to.")
    Path target;

    @Option(names = "--out", required = true, paramLabel = "B.json", description = "The carried points.")
    Path out;

    @Option(names = "--iters", paramLabel = "N", description = "Similarity iterations (default: the model's own; 3 for several released models).")
    Integer iters;

    @Option(names = "--picture", paramLabel = "PIC.png", description = "Also draw A and B with the matches.")
    Path picture;

    @Mixin
    EngineOptions engine = new EngineOptions();

    @Override
    public Integer call() throws Exception {
        PrintWriter pw = engine.out();
        BufferedImage a = Images.read(source);
        BufferedImage b = Images.read(target);
        double[][] pts = KeypointSets.readPoints(points);
        engine.apply();
        try (GangealingModel m = GangealingModel.load(model); Scope s = new Scope(); NoGrad ng = new NoGrad()) {
            int px = m.inputSize();
            Frame fa = Frame.of(a, px);
            Frame fb = Frame.of(b, px);
            float[] f = new float[pts.length * 2];
            for (int k = 0; k < pts.length; k++) {
                f[2 * k] = (float) fa.toModelX(pts[k][0]);
                f[2 * k + 1] = (float) fa.toModelY(pts[k][1]);
            }
            Tensor ia = ImageTensors.fromImage(SquareImages.fit(a, px));
            Tensor ib = ImageTensors.fromImage(SquareImages.fit(b, px));
            int it = GangealingCongeal.iters(iters, m);
            Tensor head = null;
            if (m.heads() > 1) { // points move within one cluster's congealed frame
                Warping w = new Warping(0, null, null, it);
                long ha = m.congeal(ia, ia, w, false).head().item_long();
                long hb = m.congeal(ib, ib, w, false).head().item_long();
                if (ha != hb) {
                    throw new Gan4jException(source + " falls in cluster " + ha + " and " + target + " in cluster " + hb
                            + "; points transfer between images of one cluster");
                }
                head = m.congeal(ia, ia, w, false).head();
            }
            Tensor est = PointTransfer.uncongeal(m.stn(), ib, ib, PointTransfer.congeal(m.stn(), ia, ia,
                    Tensors.of(f, 1, pts.length, 2), it, head), it, head);
            float[] e = Tensors.floats(est.contiguous());
            StringBuilder json = new StringBuilder("{\"points\": [");
            for (int k = 0; k < pts.length; k++) {
                json.append(k == 0 ? "" : ", ").append(String.format(Locale.ROOT, "[%.3f, %.3f]", fb.fromModelX(e[2 * k]),
                        fb.fromModelY(e[2 * k + 1])));
            }
            json.append("]}\n");
            byte[] bytes = json.toString().getBytes(StandardCharsets.UTF_8);
            Path parent = out.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            AtomicFile.write(out, tmp -> Files.write(tmp, bytes));
            String also = "";
            if (picture != null) {
                Images.writePng(picture, Correspondences.picture(SquareImages.fit(a, px), SquareImages.fit(b, px), f, e,
                        Math.max(1, 256 / px)));
                also = " and " + picture;
            }
            pw.println("Wrote " + pts.length + " points of " + target + " to " + out + also);
        }
        return 0;
    }

    /** Pixels of a stored image to pixels of its centre square at the model's size, and back. */
    record Frame(double ox, double oy, double scale) {
        static Frame of(BufferedImage img, int px) {
            int side = Math.min(img.getWidth(), img.getHeight());
            if (side < 1) {
                throw new Gan4jException("empty image");
            }
            return new Frame((img.getWidth() - side) / 2, (img.getHeight() - side) / 2, (double) px / side);
        }

        double toModelX(double x) {
            return (x - ox + 0.5) * scale - 0.5;
        }

        double toModelY(double y) {
            return (y - oy + 0.5) * scale - 0.5;
        }

        double fromModelX(double x) {
            return (x + 0.5) / scale - 0.5 + ox;
        }

        double fromModelY(double y) {
            return (y + 0.5) / scale - 0.5 + oy;
        }
    }
}
