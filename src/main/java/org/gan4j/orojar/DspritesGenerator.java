package org.gan4j.orojar;

import java.util.ArrayList;
import java.util.List;
import org.bytedeco.pytorch.Tensor;
import org.gan4j.Gan4jException;
import org.gan4j.nn.Module;
import org.gan4j.nn.ModuleList;
import org.gan4j.orojar.Block.Activation;

/**
 * The paper's dSprites generator ({@code base_networks.Generator}, keys {@code layers.i.layers.*}): z [N,nz] as a
 * 1×1 map, a 4×4 transposed conv to 8w (bias, no norm, no activation), four ×2 transposed convs (k 4, s 2, p 1) with
 * instance norm and LeakyReLU 0.2 to 64×64, a 3×3 conv to the image channels and tanh.
 */
public final class DspritesGenerator extends Module {

    /** The blocks whose conv outputs the official training regularises. */
    public static final List<Integer> REGULARISED = List.of(0, 1, 2, 3);

    private final DspritesNets nets;
    private final ModuleList<Block> layers;

    public DspritesGenerator(DspritesNets nets) {
        this.nets = nets;
        int w = nets.width();
        layers = registerModule("layers", new ModuleList<>());
        layers.add(Block.transposed(nets.nz(), 8 * w, 4, 1, 0, false, Activation.NONE)); // [N,8w,4,4]
        layers.add(Block.transposed(8 * w, 4 * w, 4, 2, 1, true, Activation.LRELU));     // 8×8
        layers.add(Block.transposed(4 * w, 2 * w, 4, 2, 1, true, Activation.LRELU));     // 16×16
        layers.add(Block.transposed(2 * w, w, 4, 2, 1, true, Activation.LRELU));         // 32×32
        layers.add(Block.transposed(w, w, 4, 2, 1, true, Activation.LRELU));             // 64×64
        layers.add(Block.conv(w, nets.channels(), 3, 1, 1, false, Activation.TANH));     // [N,C,64,64]
    }

    public DspritesNets nets() {
        return nets;
    }

    /** Number of blocks (6). */
    public int depth() {
        return layers.size();
    }

    public Tensor forward(Tensor z) { // [N,nz] -> [N,C,64,64] in [-1,1]
        Tensor out = z.view(z.size(0), -1, 1, 1);
        for (Block b : layers.items()) {
            out = b.forward(out);
        }
        return out;
    }

    /**
     * The conv outputs of the given blocks (the official {@code G(z, reg_layer='conv', select_layers=…)}), running
     * only as far as the last of them.
     */
    public List<Tensor> convOutputs(Tensor z, List<Integer> blocks) {
        int last = blocks.stream().mapToInt(Integer::intValue).max().orElseThrow();
        if (last >= layers.size() || blocks.stream().anyMatch(b -> b < 0)) {
            throw new Gan4jException("regularised layers " + blocks + " outside the generator's blocks 0–" + (layers.size() - 1));
        }
        List<Tensor> out = new ArrayList<>();
        Tensor x = z.view(z.size(0), -1, 1, 1);
        for (int i = 0; i <= last; i++) {
            Tensor c = layers.get(i).conv(x);
            if (blocks.contains(i)) {
                out.add(c);
            }
            if (i < last) {
                x = layers.get(i).after(c);
            }
        }
        return out;
    }
}
