package org.gan4j.spade;

import java.nio.file.Path;
import org.gan4j.torch.AtomicFile;
import org.gan4j.torch.PtFile;
import org.gan4j.torch.StateDict;
import org.gan4j.train.RunDir;

/** Writes an {@link OfficialImport.Imported} model as a gan4j SPADE run that {@link SpadeModel#load} opens. */
public final class ImportedRun {

    private ImportedRun() {}

    /** A new run directory {@code out} with config.json, palette.json, latest_net_G.pth (and _E). */
    public static RunDir write(OfficialImport.Imported m, Path out) {
        RunDir run = RunDir.create(SpadeMethod.NAME, out);
        run.writeConfig(new SpadeRun(m.config(), null, null, null, null, 1));
        m.palette().write(run.path(SpadeModel.PALETTE_JSON));
        try {
            AtomicFile.write(run.path(SpadeModel.NET_G), tmp -> PtFile.save(tmp, StateDict.of(m.netG())));
            if (m.netE() != null) {
                AtomicFile.write(run.path(SpadeModel.NET_E), tmp -> PtFile.save(tmp, StateDict.of(m.netE())));
            }
        } catch (java.io.IOException e) {
            throw new org.gan4j.Gan4jException("cannot write the imported model into " + out + ": " + e.getMessage(), e);
        }
        run.markFinished();
        return run;
    }
}
