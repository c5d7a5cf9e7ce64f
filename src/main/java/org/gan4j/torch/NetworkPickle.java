package org.gan4j.torch;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.gan4j.Gan4jException;

/**
 * Reads NVlabs' network pickles ({@code network-snapshot-*.pkl}, {@code ffhq.pkl} of StyleGAN2-ADA and
 * StyleGAN3): a plain {@code pickle.dump} of a dict of {@code torch_utils.persistence} modules, whose tensors
 * carry their storages inside the pickle ({@code torch.storage._load_from_bytes}, a legacy {@code torch.save}
 * of each storage). Python would rebuild each module by running the source code stored with it; gan4j runs
 * nothing: a module loads as a {@link PtObject} holding its state, and otherwise only the globals a checkpoint
 * may hold are allowed (see {@link PtFile}).
 */
public final class NetworkPickle {

    private NetworkPickle() {
    }

    /**
     * Whether {@code file} is a plain pickle rather than a {@code torch.save} checkpoint (zip or legacy); only the
     * first bytes are looked at.
     */
    public static boolean looksLike(Path file) {
        if (!Files.isRegularFile(file)) {
            return false;
        }
        Engine.init();
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            if (ch.size() < 2) {
                return false;
            }
            ByteBuffer head = NativeIO.readAt(ch, 0, 2, ch.size());
            return (head.get(0) & 0xff) == 0x80 && (head.get(1) & 0xff) >= 2 && !LegacyCheckpoint.looksLegacy(ch);
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }

    /** Loads the pickle's object: dicts, lists, numbers, strings, tensors and {@link PtObject}s. */
    public static Object load(Path file) {
        Engine.init();
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ); Scope scope = new Scope()) {
            return new Unpickler(PickleInput.of(ch, 0), PickleGlobals.forNetworkPickles(), pid -> {
                throw new PtFormatError("is not a network pickle (it refers to storages outside the pickle)");
            }).load();
        } catch (NoSuchFileException e) {
            throw new Gan4jException(file + ": no such file");
        } catch (PtFormatError e) {
            throw new Gan4jException(file + ": " + e.getMessage(), e);
        } catch (IOException | UncheckedIOException e) {
            throw new Gan4jException(file + ": cannot read (" + e.getMessage() + ")", e);
        } catch (RuntimeException e) {
            throw new Gan4jException(file + ": cannot load (" + Engine.firstLine(e) + ")", e);
        }
    }
}
