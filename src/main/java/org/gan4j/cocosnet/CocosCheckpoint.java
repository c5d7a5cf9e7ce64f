package org.gan4j.cocosnet;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.bytedeco.pytorch.Tensor;
import org.gan4j.Gan4jException;
import org.gan4j.nn.Adam;
import org.gan4j.nn.Module;
import org.gan4j.torch.PtFile;
import org.gan4j.torch.StateDict;

/**
 * A CoCosNet training checkpoint ({@code checkpoints/latest.pt}): the three networks' state dicts under the
 * official file names' keys ({@code netCorr}, {@code netG}, {@code netD}; each what the official
 * {@code latest_net_Corr.pth} etc. hold), both Adam states, and the next iteration.
 */
record CocosCheckpoint(Map<String, Tensor> netCorr, Map<String, Tensor> netG, Map<String, Tensor> netD,
        Object optimizerG, Object optimizerD, long iter) {

    static final String CORR = "netCorr";
    static final String G = "netG";
    static final String D = "netD";

    /** A checkpoint already read, and where from (for error messages). */
    record Read(CocosCheckpoint checkpoint, Path path) {}

    Map<String, Object> toTree() {
        Map<String, Object> root = new LinkedHashMap<>();
        root.put(CORR, StateDict.of(netCorr));
        root.put(G, StateDict.of(netG));
        root.put(D, StateDict.of(netD));
        root.put("optimizer_G", optimizerG);
        root.put("optimizer_D", optimizerD);
        root.put("iter", iter);
        return root;
    }

    void restore(Module corr, Module g, Module d, Adam gOptim, Adam dOptim, Path file) {
        corr.loadStateDict(netCorr, file + "[" + CORR + "]");
        g.loadStateDict(netG, file + "[" + G + "]");
        d.loadStateDict(netD, file + "[" + D + "]");
        gOptim.loadStateDict(optimizerG, file + "[optimizer_G]");
        dOptim.loadStateDict(optimizerD, file + "[optimizer_D]");
    }

    static CocosCheckpoint load(Path file) {
        Object o = PtFile.load(file);
        if (!(o instanceof Map<?, ?> m) || !m.containsKey(CORR) || !m.containsKey(G) || !m.containsKey(D)
                || !(m.get("iter") instanceof Number n)) {
            throw new Gan4jException(file + " is not a gan4j CoCosNet checkpoint (it needs netCorr, netG, netD, optimizer"
                    + " states and iter; official latest_net_*.pth files go through `gan4j import cocosnet`)");
        }
        return new CocosCheckpoint(StateDict.tensors(m.get(CORR), file + "[netCorr]"),
                StateDict.tensors(m.get(G), file + "[netG]"), StateDict.tensors(m.get(D), file + "[netD]"),
                m.get("optimizer_G"), m.get("optimizer_D"), n.longValue());
    }
}
