package org.gan4j.singan;

import java.util.LinkedHashMap;
import java.util.Map;
import org.bytedeco.pytorch.Tensor;
import org.gan4j.Gan4jException;
import org.gan4j.nn.Adam;
import org.gan4j.torch.StateDict;

/**
 * The scale being trained when a checkpoint was written: enough to continue it at {@link #iter()}.
 *
 * @param scale    index of the scale
 * @param iter     the next iteration to run
 * @param netG     generator state dict (official keys)
 * @param netD     critic state dict
 * @param optG     generator Adam state (PyTorch optimizer state_dict layout)
 * @param optD     critic Adam state
 * @param zOpt     z_opt, [1,3,H+2p,W+2p]
 * @param noiseAmp σ_n
 */
public record StageState(int scale, long iter, Map<String, Tensor> netG, Map<String, Tensor> netD,
        Map<Object, Object> optG, Map<Object, Object> optD, Tensor zOpt, double noiseAmp) {

    StageState(int scale, long iter, Generator g, Discriminator d, Adam optG, Adam optD, Tensor zOpt,
            double noiseAmp) {
        this(scale, iter, g.stateDict(), d.stateDict(), optG.stateDict(), optD.stateDict(), zOpt, noiseAmp);
    }

    /** Copies this state into freshly built networks and optimizers of the same scale. */
    void restore(Generator g, Discriminator d, Adam optG, Adam optD) {
        g.loadStateDict(netG, "the checkpoint's generator at scale " + scale);
        d.loadStateDict(netD, "the checkpoint's critic at scale " + scale);
        optG.loadStateDict(this.optG, "the checkpoint's generator optimizer");
        optD.loadStateDict(this.optD, "the checkpoint's critic optimizer");
    }

    Map<Object, Object> toDict() {
        Map<Object, Object> m = new LinkedHashMap<>();
        m.put("scale", (long) scale);
        m.put("iter", iter);
        m.put("netG", StateDict.of(netG));
        m.put("netD", StateDict.of(netD));
        m.put("optimizerG", optG);
        m.put("optimizerD", optD);
        m.put("z_opt", zOpt);
        m.put("noise_amp", noiseAmp);
        return m;
    }

    @SuppressWarnings("unchecked")
    static StageState fromDict(Map<?, ?> m, String what) {
        try {
            return new StageState(((Number) m.get("scale")).intValue(), ((Number) m.get("iter")).longValue(),
                    StateDict.tensors(m.get("netG"), what + " netG"), StateDict.tensors(m.get("netD"), what + " netD"),
                    (Map<Object, Object>) m.get("optimizerG"), (Map<Object, Object>) m.get("optimizerD"),
                    (Tensor) m.get("z_opt"), ((Number) m.get("noise_amp")).doubleValue());
        } catch (ClassCastException | NullPointerException e) {
            throw new Gan4jException(what + ": the partly trained scale is incomplete or malformed", e);
        }
    }
}
