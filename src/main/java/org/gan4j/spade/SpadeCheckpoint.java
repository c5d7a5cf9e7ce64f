package org.gan4j.spade;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.bytedeco.pytorch.Tensor;
import org.gan4j.Gan4jException;
import org.gan4j.torch.PtFile;
import org.gan4j.torch.StateDict;

/**
 * A SPADE training checkpoint ({@code checkpoints/latest.pt}): the three networks' state dicts under the
 * official file names' keys ({@code netG}, {@code netD}, {@code netE}; each one what the official
 * {@code latest_net_G.pth} etc. hold), both Adam states, and the next iteration.
 */
record SpadeCheckpoint(Map<String, Tensor> netG, Map<String, Tensor> netD, Map<String, Tensor> netE,
                       Object optimizerG, Object optimizerD, long iter) {

    static final String G = "netG";
    static final String D = "netD";
    static final String E = "netE";

    Map<String, Object> toTree() {
        Map<String, Object> root = new LinkedHashMap<>();
        root.put(G, StateDict.of(netG));
        root.put(D, StateDict.of(netD));
        if (netE != null) {
            root.put(E, StateDict.of(netE));
        }
        root.put("optimizer_G", optimizerG);
        root.put("optimizer_D", optimizerD);
        root.put("iter", iter);
        return root;
    }

    static SpadeCheckpoint load(Path file) {
        Object o = PtFile.load(file);
        if (!(o instanceof Map<?, ?> m) || !m.containsKey(G) || !m.containsKey(D) || !(m.get("iter") instanceof Number n)) {
            throw new Gan4jException(file + " is not a gan4j SPADE checkpoint (it needs netG, netD, optimizer states and"
                    + " iter; official latest_net_G.pth files go through `gan4j import spade`)");
        }
        return new SpadeCheckpoint(StateDict.tensors(m.get(G), file + "[netG]"), StateDict.tensors(m.get(D), file + "[netD]"),
                m.containsKey(E) ? StateDict.tensors(m.get(E), file + "[netE]") : null, m.get("optimizer_G"),
                m.get("optimizer_D"), n.longValue());
    }
}
