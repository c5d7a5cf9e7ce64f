package org.gan4j.cocosnet;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.bytedeco.pytorch.Tensor;
import org.gan4j.torch.OrderedDict;
import org.gan4j.torch.PtFile;

/**
 * Official-layout CoCosNet checkpoints for tests: what the official {@code util.save_network} writes
 * ({@code torch.save(net.cpu().state_dict(), 'latest_net_Corr.pth')}: an OrderedDict of tensors in the official
 * key order) for the ade20k parity fixtures' networks, from their formula weights (parity/cocosnet/README.md). The
 * official code writes the same files with {@code make_fixtures.py --official-checkpoints DIR} (247 MB: not committed).
 */
final class OfficialLayout {

    /** The tiny official-written file: g_ade20k's conv_img.weight and conv_img.bias as views of one storage. */
    static final String VIEWS = "official-views/latest_net_G.pth";
    /** The same in torch.save's format before PyTorch 1.6. */
    static final String VIEWS_LEGACY = "official-views/legacy/latest_net_G.pth";

    private OfficialLayout() {}

    /**
     * The ade20k fixtures' netCorr (ngf 64) and netG (ngf 16) as {@code dir/latest_net_Corr.pth} and
     * {@code dir/latest_net_G.pth}; netG's conv_img entries are the official-written views (at storage offsets 3 and 0 of
     * one storage), and stay views of one storage in the file written here.
     */
    static Path ade20kPair(Path dir) throws Exception {
        Files.createDirectories(dir);
        PtFile.save(dir.resolve(CocosModel.NET_CORR),
                new OrderedDict(FormulaWeights.of(CocosParityTest.resource("corr_ade20k.json"))));
        Map<String, Tensor> g = new LinkedHashMap<>(FormulaWeights.of(CocosParityTest.resource("g_ade20k.json")));
        Map<?, ?> views = (Map<?, ?>) PtFile.load(CocosParityTest.resource(VIEWS));
        g.put("conv_img.weight", (Tensor) views.get("conv_img.weight"));
        g.put("conv_img.bias", (Tensor) views.get("conv_img.bias"));
        PtFile.save(dir.resolve(CocosModel.NET_G), new OrderedDict(g));
        return dir;
    }
}
