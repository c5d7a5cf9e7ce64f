package org.gan4j.cocosnet;

import java.io.IOException;
import java.nio.file.Path;
import org.gan4j.Gan4jException;
import org.gan4j.torch.AtomicFile;
import org.gan4j.torch.PtFile;
import org.gan4j.torch.StateDict;
import org.gan4j.train.RunDir;

/** Writes an {@link OfficialCocosImport.Imported} model as a finished gan4j CoCosNet run that {@link CocosModel#load} opens. */
public final class ImportedCocosRun {

    private ImportedCocosRun() {}

    /** A new run directory {@code out} with config.json, palette.json, latest_net_Corr.pth and latest_net_G.pth. */
    public static RunDir write(OfficialCocosImport.Imported m, Path out) {
        RunDir run = RunDir.create(CocosMethod.NAME, out);
        run.writeConfig(m.spec());
        m.palette().write(run.path(CocosModel.PALETTE_JSON));
        try {
            // gan4j-written copies: every tensor in a storage of its own, as PyTorch's state_dict() gives them
            AtomicFile.write(run.path(CocosModel.NET_CORR), tmp -> PtFile.save(tmp, StateDict.of(m.netCorr())));
            AtomicFile.write(run.path(CocosModel.NET_G), tmp -> PtFile.save(tmp, StateDict.of(m.netG())));
        } catch (IOException e) {
            throw new Gan4jException("cannot write the imported model into " + out + ": " + e.getMessage(), e);
        }
        run.markFinished();
        return run;
    }
}
