package org.gan4j.orojar;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.bytedeco.pytorch.Tensor;
import org.gan4j.Gan4jException;
import org.gan4j.nn.Adam;
import org.gan4j.torch.PtFile;
import org.gan4j.torch.StateDict;

/**
 * A training checkpoint: {@code netG} and {@code netD} with the official keys (the official code writes them as
 * {@code latest_net_G.pth} / {@code latest_net_D.pth}), both optimisers in PyTorch's layout, and {@code iter}.
 */
public record OrojarCheckpoint(Map<String, Tensor> netG, Map<String, Tensor> netD, Object gOptim, Object dOptim,
        long iter) {

    public Map<String, Object> toTree() {
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("netG", StateDict.of(netG));
        root.put("netD", StateDict.of(netD));
        root.put("optimizer_G", gOptim);
        root.put("optimizer_D", dOptim);
        root.put("iter", iter);
        return root;
    }

    void restore(DspritesGenerator g, DspritesDiscriminator d, Adam go, Adam dop) {
        g.loadStateDict(netG, "checkpoint[netG]");
        d.loadStateDict(netD, "checkpoint[netD]");
        go.loadStateDict(gOptim, "checkpoint[optimizer_G]");
        dop.loadStateDict(dOptim, "checkpoint[optimizer_D]");
    }

    public static OrojarCheckpoint load(Path file) {
        Object o = PtFile.load(file);
        if (!(o instanceof Map<?, ?> m) || !m.containsKey("netG") || !m.containsKey("netD")) {
            throw new Gan4jException(file + " is not a gan4j OroJaR training checkpoint (no netG / netD)");
        }
        long iter = m.get("iter") instanceof Number n ? n.longValue() : 0;
        return new OrojarCheckpoint(StateDict.tensors(m.get("netG"), file + "[netG]"),
                StateDict.tensors(m.get("netD"), file + "[netD]"), m.get("optimizer_G"), m.get("optimizer_D"), iter);
    }
}
