package org.gan4j.cocosnet;

import java.nio.file.Path;
import java.util.Map;
import org.bytedeco.pytorch.Tensor;
import org.gan4j.Gan4jException;
import org.gan4j.nn.NormG;
import org.gan4j.nn.ParamFreeNorm;

/**
 * What a pair of official CoCosNet state dicts fixes by itself, read from the shapes and keys of
 * {@code latest_net_Corr.pth} (netCorr) and {@code latest_net_G.pth} (netG).
 *
 * @param semanticNc    input map channels: netCorr's {@code adaptive_model_seg.layer1} in-channels, = netG's
 *                      {@code fc} in-channels − 3 (the warped exemplar beside the map: {@code CBN_intype warp_mask})
 * @param ngfCorr       the correspondence's ngf: {@code adaptive_model_seg.layer1}'s out-channels (64 officially;
 *                      gan4j also runs others, see {@link Correspondence})
 * @param ngfG          the generator's ngf: {@code conv_img}'s in-channels, = {@code fc}'s out-channels / 16
 * @param adaptorKernel {@code --adaptor_kernel}: the kernel of {@code adaptive_model_seg.layer2}
 * @param maskmix       {@code --maskmix}: the trunk ({@code layer.0.conv1}) takes 4·ngf + semantic_nc channels, not 4·ngf
 * @param useAttention  {@code --use_attention}: netG has {@code attn.*}
 * @param pono          {@code --PONO}: the SPADE layers keep no batch-norm statistics
 *                      ({@code head_0.norm_0.param_free_norm.running_mean}); norm_G's syncbatch otherwise
 * @param normG         {@code --norm_G}: spectral norm ({@code head_0.conv_0.weight_orig}), the SPADE kernel
 *                      ({@code head_0.norm_0.mlp_shared.1}) and the param-free norm (syncbatch, the default)
 */
public record OfficialCocosWeights(int semanticNc, int ngfCorr, int ngfG, int adaptorKernel, boolean maskmix,
        boolean useAttention, boolean pono, NormG normG) {

    private static final String SEG_LAYER1 = "adaptive_model_seg.layer1.0.weight_orig";
    private static final String SEG_LAYER2 = "adaptive_model_seg.layer2.0.weight_orig";
    private static final String TRUNK = "layer.0.conv1.weight";

    /**
     * Reads both files' state dicts; a key this needs that is absent, or a shape no official option makes, is a
     * one-line error naming the file. (Every other key is checked by loading into the networks.)
     */
    public static OfficialCocosWeights read(Map<String, Tensor> corr, Path corrFile, Map<String, Tensor> g, Path gFile) {
        Tensor layer1 = require(corr, SEG_LAYER1, corrFile, "correspondence");
        int ngfCorr = (int) layer1.size(0);
        int semanticNc = (int) layer1.size(1);
        int kernel = (int) require(corr, SEG_LAYER2, corrFile, "correspondence").size(2);
        if (kernel != 3 && kernel != 4) {
            throw new Gan4jException(corrFile + ": " + SEG_LAYER2 + " has " + kernel + "x" + kernel + " kernels; the official"
                    + " --adaptor_kernel is 3 or 4");
        }
        int trunk = (int) require(corr, TRUNK, corrFile, "correspondence").size(1);
        int extra = trunk - 4 * ngfCorr;
        // with 3 input channels, maskmix and coordconv both add 3: taken as maskmix (the released celebahqedge's)
        if (extra != semanticNc && (extra == 3 || extra == semanticNc + 3)) {
            throw new Gan4jException(corrFile + ": " + TRUNK + " takes " + trunk + " channels, 4*ngf + " + extra + ": the model"
                    + " was trained with --use_coordconv, which gan4j's CoCosNet does not implement");
        }
        if (extra != 0 && extra != semanticNc) {
            throw new Gan4jException(corrFile + ": " + TRUNK + " takes " + trunk + " channels, but 4*ngf = " + 4 * ngfCorr
                    + " (+ " + semanticNc + " input channels with --maskmix) from " + SEG_LAYER1);
        }
        Tensor convImg = require(g, "conv_img.weight", gFile, "generator");
        Tensor fc = require(g, "fc.weight", gFile, "generator");
        int ngfG = (int) convImg.size(1);
        if (fc.dim() != 4 || fc.size(0) != 16L * ngfG) {
            throw new Gan4jException(gFile + ": fc.weight " + java.util.Arrays.toString(fc.shape()) + " does not make 16*ngf = "
                    + 16 * ngfG + " channels (ngf " + ngfG + " from conv_img.weight)");
        }
        if (fc.size(1) != 3L + semanticNc) {
            throw new Gan4jException(gFile + ": fc takes " + fc.size(1) + " channels, but " + corrFile.getFileName() + " maps "
                    + semanticNc + " input channels: netG should take the warped exemplar and the map, 3 + " + semanticNc
                    + " (--CBN_intype warp_mask); are the two files from one model?");
        }
        boolean attention = g.containsKey("attn.gamma");
        // Neither PONO nor an instance-norm norm_G keeps statistics; every release uses PONO, so no statistics reads as PONO.
        boolean pono = !g.containsKey("head_0.norm_0.param_free_norm.running_mean");
        boolean spectral = g.containsKey("head_0.conv_0.weight_orig");
        int spadeKernel = (int) require(g, "head_0.norm_0.mlp_shared.1.weight", gFile, "generator").size(2);
        NormG normG = new NormG(spectral, ParamFreeNorm.SYNCBATCH, spadeKernel);
        return new OfficialCocosWeights(semanticNc, ngfCorr, ngfG, kernel, extra > 0, attention, pono, normG);
    }

    private static Tensor require(Map<String, Tensor> s, String key, Path file, String what) {
        Tensor t = s.get(key);
        if (t == null) {
            throw new Gan4jException(file + " is not a CoCosNet " + what + " state dict (no " + key + "; its keys start "
                    + s.keySet().stream().limit(4).toList() + ")");
        }
        return t;
    }
}
