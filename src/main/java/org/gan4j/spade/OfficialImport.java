package org.gan4j.spade;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.global.torch;
import org.gan4j.Gan4jException;
import org.gan4j.data.Palette;
import org.gan4j.nn.NonSpadeNorm;
import org.gan4j.nn.ParamFreeNorm;
import org.gan4j.torch.NoGrad;
import org.gan4j.torch.PtFile;
import org.gan4j.torch.StateDict;
import org.gan4j.torch.Tensors;

/**
 * Official SPADE checkpoints ({@code latest_net_G.pth}, {@code latest_net_E.pth}: plain state dicts, from any
 * PyTorch version) as a gan4j model. What the weights fix is read from them: ngf (head_0's width / 16), label-map
 * or style-code input ({@code fc} a conv or a linear layer), the label channels (SPADE's first conv), 'most'
 * upsampling ({@code up_4}), spectral norm and the SPADE norm; the rest (label_nc, don't-care, crop size, aspect
 * ratio, normal or more) comes from the user, with the official names, and is checked against the weights.
 *
 * <p>Spectral-norm state from PyTorch before 1.1 ({@code weight_orig}, {@code weight_u} and the normalised
 * {@code weight}, no {@code weight_v}) is converted as PyTorch's own load hook does: σ = mean(W_orig / W),
 * v = (WᵀW)⁺Wᵀu rescaled so that uᵀWv = σ. A missing {@code num_batches_tracked} (older batch norms) is 0.
 */
public final class OfficialImport {

    /**
     * What the user says about the model.
     *
     * @param labelNc     number of classes (COCO-Stuff 182, ADE20K 150, Cityscapes 35)
     * @param dontcare    contain_dontcare_label (COCO-Stuff, ADE20K)
     * @param cropSize    the training crop (256 for the released models)
     * @param aspectRatio width / height (Cityscapes 2)
     * @param upsampling  normal or more (most is read from the weights); null = normal
     */
    public record Options(int labelNc, boolean dontcare, int cropSize, double aspectRatio, Upsampling upsampling) {}

    /** The imported model: its configuration and the state dicts in gan4j's (= the official) layout. */
    public record Imported(SpadeConfig config, Map<String, Tensor> netG, Map<String, Tensor> netE, Palette palette) {}

    private OfficialImport() {}

    public static Imported read(Path gFile, Path eFile, Options o) {
        Map<String, Tensor> g = upgrade(load(gFile, "generator"), gFile);
        Map<String, Tensor> e = eFile == null ? null : upgrade(load(eFile, "encoder"), eFile);
        Tensor head = require(g, "head_0.conv_0.weight_orig", "head_0.conv_0.weight", gFile);
        int ngf = (int) head.size(0) / 16;
        Tensor fc = require(g, "fc.weight", null, gFile);
        boolean vae = fc.dim() == 2;
        Tensor shared = require(g, "head_0.norm_0.mlp_shared.0.weight", null, gFile);
        int semanticNc = (int) shared.size(1);
        int kernel = (int) shared.size(2);
        int extra = semanticNc - o.labelNc() - (o.dontcare() ? 1 : 0);
        if (extra != 0 && extra != 1) {
            throw new Gan4jException(gFile + " takes " + semanticNc + " label channels, but --label-nc " + o.labelNc()
                    + (o.dontcare() ? " with --dontcare" : "") + " gives " + (o.labelNc() + (o.dontcare() ? 1 : 0))
                    + " (+1 with instance edges); check --label-nc and --dontcare (COCO-Stuff: 182 --dontcare, ADE20K:"
                    + " 150 --dontcare, Cityscapes: 35)");
        }
        Upsampling up = g.containsKey("up_4.conv_0.weight_orig") || g.containsKey("up_4.conv_0.weight") ? Upsampling.MOST
                : o.upsampling() != null ? o.upsampling() : Upsampling.NORMAL;
        if (up == Upsampling.MOST && o.upsampling() != null && o.upsampling() != Upsampling.MOST) {
            throw new Gan4jException(gFile + " has an up_4 block: it was trained with num_upsampling_layers most, not "
                    + o.upsampling().word());
        }
        boolean spectral = g.containsKey("head_0.conv_0.weight_orig");
        ParamFreeNorm norm = g.containsKey("head_0.norm_0.param_free_norm.running_mean") ? ParamFreeNorm.SYNCBATCH
                : ParamFreeNorm.INSTANCE;
        String normG = (spectral ? "spectral" : "") + "spade" + norm.word + kernel + "x" + kernel;
        SpadeNets nets = SpadeNets.defaults(o.labelNc()).withDontcare(o.dontcare()).withInstance(extra == 1)
                .withWidths(ngf, 64).withCrop(o.cropSize(), o.aspectRatio(), up).withVae(vae).withNormG(normG);
        if (vae && fc.size(0) != 16L * ngf * nets.sh() * nets.sw()) {
            throw new Gan4jException(gFile + ": fc makes " + fc.size(0) + " values, but --crop-size " + o.cropSize()
                    + " with --aspect-ratio " + o.aspectRatio() + " and " + up.word() + " upsampling needs 16*ngf*sh*sw = "
                    + 16L * ngf * nets.sh() * nets.sw() + "; give the crop size and aspect ratio it was trained with");
        }
        if (vae && e == null) {
            throw new Gan4jException(gFile + " starts from a style code; give the encoder too (--encoder latest_net_E.pth)");
        }
        if (!vae && e != null) {
            throw new Gan4jException(gFile + " takes the label map as input (no style code); it was trained without "
                    + eFile.getFileName() + "'s encoder");
        }
        SpadeConfig c = SpadeConfig.paper(o.labelNc(), o.cropSize()).withNets(nets);
        // Validate every key and shape now, by loading into the networks gan4j will build from the config.
        try (SpadeGenerator probe = new SpadeGenerator(nets)) {
            probe.loadStateDict(g, gFile.toString());
        }
        if (e != null) {
            try (ConvEncoder probe = new ConvEncoder(ngf, o.cropSize(), NonSpadeNorm.parse(nets.normE()))) {
                probe.loadStateDict(e, eFile.toString());
            }
        }
        return new Imported(c, g, e, Palette.fallback(o.labelNc()));
    }

    private static Map<String, Tensor> load(Path file, String what) {
        if (!Files.isRegularFile(file)) {
            throw new Gan4jException("SPADE " + what + " checkpoint not found: " + file);
        }
        Object o = PtFile.load(file);
        if (o instanceof Map<?, ?> m && m.containsKey("netG")) {
            throw new Gan4jException(file + " is a gan4j training checkpoint; use its run directory directly");
        }
        return StateDict.tensors(o, file.toString());
    }

    private static Tensor require(Map<String, Tensor> s, String key, String alt, Path file) {
        Tensor t = s.get(key);
        if (t == null && alt != null) {
            t = s.get(alt);
        }
        if (t == null) {
            throw new Gan4jException(file + " is not a SPADE generator state dict (no " + key + "; its keys start "
                    + s.keySet().stream().limit(4).toList() + ")");
        }
        return t;
    }

    /**
     * Old spectral-norm entries (no {@code weight_v}) converted as PyTorch's {@code SpectralNormLoadStateDictPreHook};
     * missing {@code num_batches_tracked} added as 0. Returns a new map in the file's order. (Also for other
     * methods' official files: CoCosNet's networks use the same spectral and batch norms.)
     */
    public static Map<String, Tensor> upgrade(Map<String, Tensor> in, Path file) {
        Map<String, Tensor> out = new LinkedHashMap<>();
        try (NoGrad ng = new NoGrad()) {
            for (Map.Entry<String, Tensor> en : in.entrySet()) {
                String k = en.getKey();
                if (k.endsWith(".weight") && in.containsKey(k + "_orig") && !in.containsKey(k + "_v")) {
                    continue; // the normalised weight of an old spectral norm: replaced by weight_v below
                }
                out.put(k, en.getValue());
                if (k.endsWith(".weight_u") && !in.containsKey(k.replace("_u", "_v"))) {
                    String base = k.substring(0, k.length() - "_u".length());
                    Tensor w = in.get(base);
                    Tensor orig = in.get(base + "_orig");
                    if (w == null || orig == null) {
                        throw new Gan4jException(file + ": " + k + " without " + base + "_v or " + base
                                + " (a spectral norm whose state is incomplete)");
                    }
                    out.put(base + "_v", solveV(orig, w, en.getValue()));
                }
                if (k.endsWith(".running_var")) {
                    String nbt = k.replace("running_var", "num_batches_tracked");
                    if (!in.containsKey(nbt)) {
                        out.put(nbt, Tensors.zeros(torch.ScalarType.Long));
                    }
                }
            }
        }
        return out;
    }

    /** v with uᵀ·W·v = σ, σ = mean(W_orig / W): PyTorch's {@code _solve_v_and_rescale}. */
    private static Tensor solveV(Tensor weightOrig, Tensor weight, Tensor u) {
        Tensor wOrig = weightOrig.to(torch.ScalarType.Float);
        Tensor sigma = wOrig.div(weight.to(torch.ScalarType.Float)).mean();
        Tensor mat = wOrig.reshape(wOrig.size(0), -1); // [O, I·k·k]
        Tensor uf = u.to(torch.ScalarType.Float);
        Tensor v = torch.pinverse(mat.t().mm(mat)).mm(mat.t()).mm(uf.unsqueeze(1)).squeeze(1);
        return v.mul(sigma.div(torch.dot(uf, torch.mv(mat, v))));
    }
}
