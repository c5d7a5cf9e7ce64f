package org.gan4j.torch.dist;

import java.util.ArrayList;
import java.util.List;
import org.bytedeco.javacpp.SizeTPointer;
import org.bytedeco.javacpp.chrono.Milliseconds;
import org.bytedeco.pytorch.Backend;
import org.bytedeco.pytorch.BroadcastOptions;
import org.bytedeco.pytorch.GlooDeviceVector;
import org.bytedeco.pytorch.PrefixStore;
import org.bytedeco.pytorch.ProcessGroupGloo;
import org.bytedeco.pytorch.Store;
import org.bytedeco.pytorch.TCPStore;
import org.bytedeco.pytorch.TCPStoreOptions;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.TensorVector;
import org.bytedeco.pytorch.Work;
import org.bytedeco.pytorch.gloo.Device;
import org.bytedeco.pytorch.nccl.ProcessGroupNCCL;
import org.gan4j.Gan4jException;
import org.gan4j.torch.Engine;
import org.gan4j.torch.Placement;

/**
 * A {@link World} on c10d: rank 0 hosts a {@code TCPStore} at MASTER_ADDR:MASTER_PORT, every rank connects to it
 * and makes a process group over a {@code PrefixStore} — {@code ProcessGroupGloo} when tensors live on the CPU,
 * {@code ProcessGroupNCCL} on a CUDA device — as {@code torch.distributed.init_process_group(backend, "env://")}
 * does.
 */
// The presets' ProcessGroupGloo.Options come with no transport device ("No device(s) specified"; Python's
// init_process_group adds one): the device is made here, as Python's _new_process_group_helper does.
final class C10dWorld extends World {

    /** Gloo's socket interface, as in PyTorch (multi-machine jobs whose host name resolves to loopback). */
    static final String SOCKET_IFNAME = "GLOO_SOCKET_IFNAME";

    private final Launch launch;
    private final Store store;
    private final Backend group;
    private boolean closed;

    private C10dWorld(Launch launch, Store store, Backend group) {
        super(launch.rank(), launch.worldSize());
        this.launch = launch;
        this.store = store;
        this.group = group;
    }

    static C10dWorld connect(Launch launch) {
        Engine.init();
        String where = launch.masterAddr() + ":" + launch.masterPort();
        Milliseconds timeout = new Milliseconds(launch.timeout().toMillis());
        TCPStore tcp;
        try {
            TCPStoreOptions o = new TCPStoreOptions();
            o.port((short) launch.masterPort());
            o.isServer(launch.rank() == 0);
            o.numWorkers(new SizeTPointer(1).put(launch.worldSize()));
            o.waitWorkers(true);
            o.timeout(timeout);
            tcp = new TCPStore(launch.masterAddr(), o);
        } catch (RuntimeException e) {
            throw Gan4jException.failed(launch.who() + ": cannot meet the other processes at " + where + ": "
                    + gloo(e) + (launch.rank() == 0 ? " (is the port in use?)" : " (is rank 0 running, and MASTER_ADDR/MASTER_PORT right?)"));
        }
        boolean nccl = Placement.current().kind() == org.gan4j.torch.Device.Kind.CUDA;
        try {
            PrefixStore prefixed = new PrefixStore("default_pg/0", tcp);
            Backend group = nccl ? nccl(prefixed, launch, timeout) : gloo(prefixed, launch, timeout);
            return new C10dWorld(launch, tcp, group);
        } catch (RuntimeException e) {
            throw Gan4jException.failed(launch.who() + ": cannot make the " + (nccl ? "NCCL" : "Gloo")
                    + " process group: " + gloo(e));
        }
    }

    /** Gloo, for tensors on the CPU (PyTorch's choice of backend there). */
    private static Backend gloo(PrefixStore store, Launch launch, Milliseconds timeout) {
        ProcessGroupGloo.Options options = new ProcessGroupGloo.Options(timeout);
        options.devices(new GlooDeviceVector(device(launch)));
        return new ProcessGroupGloo(store, launch.rank(), launch.worldSize(), options);
    }

    // NOT RUN: this machine has no GPU; compiled against the presets' ProcessGroupNCCL (docs/distributed.md).
    /** NCCL, for tensors on CUDA devices (PyTorch's choice of backend there). */
    private static Backend nccl(PrefixStore store, Launch launch, Milliseconds timeout) {
        ProcessGroupNCCL.Options options = ProcessGroupNCCL.Options.create();
        options.timeout(timeout);
        return new ProcessGroupNCCL(store, launch.rank(), launch.worldSize(), options);
    }

    private static Device device(Launch launch) {
        String ifname = System.getenv(SOCKET_IFNAME);
        if (ifname != null && !ifname.isBlank()) {
            return ProcessGroupGloo.createDeviceForInterface(ifname.trim());
        }
        String addr = launch.masterAddr();
        if (addr.equals("127.0.0.1") || addr.equals("localhost") || addr.equals("::1")) {
            return ProcessGroupGloo.createDeviceForHostname("127.0.0.1");
        }
        return ProcessGroupGloo.createDefaultDevice();
    }

    @Override
    protected void allreduceSum(List<Tensor> tensors) {
        List<Work> works = new ArrayList<>();
        try {
            for (Tensor t : tensors) {
                works.add(group.allreduce(new TensorVector(t))); // ReduceOp SUM by default; Gloo has no AVG
            }
            for (Work w : works) {
                w._wait();
            }
        } catch (RuntimeException e) {
            throw lost(e);
        }
    }

    @Override
    protected void broadcastFromLeader(List<Tensor> tensors) {
        List<Work> works = new ArrayList<>();
        try {
            for (Tensor t : tensors) {
                works.add(group.broadcast(new TensorVector(t), new BroadcastOptions().rootRank(0)));
            }
            for (Work w : works) {
                w._wait();
            }
        } catch (RuntimeException e) {
            throw lost(e);
        }
    }

    @Override
    public String agree(String key, String value) {
        String k = "gan4j/" + key;
        try {
            if (leader()) {
                store.set(k, value);
                return value;
            }
            return store.get_to_str(k);
        } catch (RuntimeException e) {
            throw lost(e);
        }
    }

    private Gan4jException lost(RuntimeException e) {
        return Gan4jException.failed(launch.who() + ": another process of the job stopped or stopped answering ("
                + gloo(e) + "); this one stops too. Continue the job with --resume once every process can run");
    }

    /** Gloo's message without its source position, e.g. "Connection closed by peer [127.0.0.1]:13207". */
    static String gloo(RuntimeException e) {
        String line = Engine.firstLine(e);
        if (line.startsWith("[")) {
            int end = line.indexOf("] ");
            if (end > 0) {
                line = line.substring(end + 2);
            }
        }
        return line;
    }

    @Override
    public synchronized void close() {
        if (!closed) {
            closed = true;
            group.close();
            store.close();
        }
    }
}
