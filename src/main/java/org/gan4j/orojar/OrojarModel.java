package org.gan4j.orojar;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.bytedeco.pytorch.Tensor;
import org.gan4j.Gan4jException;
import org.gan4j.torch.PtFile;
import org.gan4j.torch.StateDict;

/**
 * A trained dSprites generator: from a run directory ({@code latest_net_G.pth}, else its last checkpoint), a gan4j
 * checkpoint, or the official {@code latest_net_G.pth} (a plain state dict; the sizes are read from its shapes).
 */
public final class OrojarModel {

    /** The official file name of the generator. */
    public static final String GENERATOR = "latest_net_G.pth";

    private OrojarModel() {}

    public static DspritesGenerator load(Path path) {
        Path file = path;
        if (Files.isDirectory(path)) {
            file = Files.isRegularFile(path.resolve(GENERATOR)) ? path.resolve(GENERATOR)
                    : path.resolve("checkpoints/latest.pt");
        }
        if (!Files.isRegularFile(file)) {
            throw new Gan4jException(path + ": no " + GENERATOR + " or checkpoints/latest.pt (is it an orojar run?)");
        }
        Object o = PtFile.load(file);
        Map<String, Tensor> sd;
        if (o instanceof Map<?, ?> m && m.containsKey("netG")) {
            sd = StateDict.tensors(m.get("netG"), file + "[netG]");
        } else {
            sd = StateDict.tensors(o, file.toString());
        }
        Tensor first = sd.get("layers.0.layers.conv.weight");
        Tensor last = sd.get("layers.5.layers.conv.weight");
        if (first == null || last == null || first.dim() != 4 || last.dim() != 4) {
            throw new Gan4jException(file + " is not a dSprites GAN generator (no layers.0/5.layers.conv.weight)");
        }
        DspritesNets nets = new DspritesNets((int) first.size(0), (int) last.size(0), (int) last.size(1));
        DspritesGenerator g = new DspritesGenerator(nets);
        g.loadStateDict(sd, file.toString());
        g.eval();
        return g;
    }
}
