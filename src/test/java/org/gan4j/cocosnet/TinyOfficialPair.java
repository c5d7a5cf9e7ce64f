package org.gan4j.cocosnet;

import java.nio.file.Files;
import java.nio.file.Path;
import org.gan4j.torch.OrderedDict;
import org.gan4j.torch.PtFile;

/**
 * Small official-layout checkpoint pairs for import tests: gan4j's networks (key for key the official ones, see
 * CocosParityTest) at narrow widths, freshly initialised, saved as the official {@code util.save_network} saves.
 */
public final class TinyOfficialPair {

    private TinyOfficialPair() {}

    /** The ade20k flags at 5 input channels (4 classes + don't-care), correspondence ngf 4, generator ngf 2. */
    public static CocosNets ade20k() {
        return narrow(CocosNets.ade20k(5));
    }

    /** {@code n} at correspondence ngf 4, generator ngf 2, 64 px. */
    public static CocosNets narrow(CocosNets n) {
        return n.withSize(64).withCorrespondenceWidth(4).withGeneratorWidth(2);
    }

    /** {@code dir/latest_net_Corr.pth} and {@code dir/latest_net_G.pth} of networks shaped by {@code n}. */
    public static Path write(Path dir, CocosNets n) throws Exception {
        Files.createDirectories(dir);
        try (Correspondence corr = new Correspondence(n); CocosGenerator g = new CocosGenerator(n)) {
            PtFile.save(dir.resolve(CocosModel.NET_CORR), new OrderedDict(corr.stateDict()));
            PtFile.save(dir.resolve(CocosModel.NET_G), new OrderedDict(g.stateDict()));
        }
        return dir;
    }
}
