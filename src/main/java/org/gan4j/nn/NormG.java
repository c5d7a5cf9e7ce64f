package org.gan4j.nn;

import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.gan4j.Gan4jException;

/**
 * The official {@code norm_G} option, e.g. {@code spectralspadesyncbatch3x3} (the default): spectral norm on the
 * residual blocks' convolutions or not, the SPADE layers' parameter-free norm and their kernel size.
 *
 * @param spectral  spectral normalisation on conv_0, conv_1 and conv_s of every SPADE residual block
 * @param norm      the parameter-free norm inside every SPADE layer
 * @param kernel    kernel size of the SPADE layers' convolutions (3 in every official model)
 */
public record NormG(boolean spectral, ParamFreeNorm norm, int kernel) {

    private static final Pattern TEXT = Pattern.compile("(spectral)?spade(syncbatch|batch|instance)(\\d)x\\d");

    /** The official default, {@code spectralspadesyncbatch3x3}. */
    public static final NormG DEFAULT = new NormG(true, ParamFreeNorm.SYNCBATCH, 3);

    public static NormG parse(String text) {
        Matcher m = TEXT.matcher(text);
        if (!m.matches()) {
            throw new Gan4jException("--norm-G " + text + " is not a SPADE norm; write [spectral]spade{syncbatch|batch|"
                    + "instance}KxK, e.g. spectralspadesyncbatch3x3");
        }
        ParamFreeNorm norm = switch (m.group(2)) {
            case "syncbatch" -> ParamFreeNorm.SYNCBATCH;
            case "batch" -> ParamFreeNorm.BATCH;
            default -> ParamFreeNorm.INSTANCE;
        };
        return new NormG(m.group(1) != null, norm, Integer.parseInt(m.group(3)));
    }

    @Override
    public String toString() {
        return (spectral ? "spectral" : "") + "spade" + norm.word + kernel + "x" + kernel;
    }
}
