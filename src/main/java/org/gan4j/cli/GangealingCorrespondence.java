package org.gan4j.cli;

import java.awt.image.BufferedImage;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.bytedeco.pytorch.Tensor;
import org.gan4j.data.Images;
import org.gan4j.data.SquareImages;
import org.gan4j.gangealing.Correspondences;
import org.gan4j.gangealing.GangealingModel;
import org.gan4j.gangealing.PointTransfer;
import org.gan4j.torch.ImageTensors;
import org.gan4j.torch.NoGrad;
import org.gan4j.torch.Scope;
import org.gan4j.torch.Tensors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code gan4j gangealing correspondence}: a picture of dense matches between two images. */
@Command(name = "correspondence", mixinStandardHelpOptions = true,
        description = "Dense correspondence between two images through the congealed frame: a grid of points on A"
                + " carried to B, drawn on the two images side by side.",
        footer = {"", "Example:", "  gan4j gangealing correspondence --model runs/congeal --source a.png --target b.png --out matches.png"})
final class GangealingCorrespondence implements Callable<Integer> {

    @Option(names = "--model", required = true, paramLabel = "RUN|CKPT", description = "A GANgealing run or checkpoint.")
    Path model;

    @Option(names = "--source", required = true, paramLabel = "A.png", description = "Image A.")
    Path source;

    @Option(names = "--target", required = true, paramLabel = "B.png", description = "Image B.")
    Path target;

    @Option(names = "--out", required = true, paramLabel = "OUT.png", description = "The picture.")
    Path out;

    @Option(names = "--grid", defaultValue = "8", paramLabel = "G", description = "G×G points. Default: ${DEFAULT-VALUE}.")
    int grid;

    @Option(names = "--iters", paramLabel = "N", description = "Similarity iterations (default: the model's own; 3 for several released models).")
    Integer iters;

    @Mixin
    EngineOptions engine = new EngineOptions();

    @Override
    public Integer call() throws Exception {
        PrintWriter pw = engine.out();
        BufferedImage a = Images.read(source);
        BufferedImage b = Images.read(target);
        engine.apply();
        try (GangealingModel m = GangealingModel.load(model); Scope s = new Scope(); NoGrad ng = new NoGrad()) {
            m.requireOneHead("correspondence");
            int px = m.inputSize();
            BufferedImage sa = SquareImages.fit(a, px);
            BufferedImage sb = SquareImages.fit(b, px);
            Tensor ia = ImageTensors.fromImage(sa);
            Tensor ib = ImageTensors.fromImage(sb);
            Tensor pa = Correspondences.grid(grid, px);
            Tensor pb = PointTransfer.transfer(m.stn(), ia, ia, ib, ib, pa, GangealingCongeal.iters(iters, m));
            Images.writePng(out, Correspondences.picture(sa, sb, Tensors.floats(pa.contiguous()),
                    Tensors.floats(pb.contiguous()), Math.max(1, 256 / px)));
            pw.println("Wrote " + out + " (" + grid * grid + " matches)");
        }
        return 0;
    }
}
