package org.gan4j.torch;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A Python unpickler (protocols 0 to 5) that builds gan4j's object model and never runs anything: every global
 * a pickle names goes through {@link PickleGlobals}, which allows only what a checkpoint needs.
 *
 * <p>Own code rather than net.razorvine:pickle because that library builds dicts as HashMaps (a state dict's
 * order is part of its meaning), keeps its constructors in one JVM-wide table, turns unknown globals into
 * placeholder objects instead of refusing them, and applies BUILD by calling {@code __setstate__} reflectively.
 */
final class Unpickler {

    /** Resolves a pickle's persistent ids: the references to tensor storages kept outside the pickle. */
    interface PersistentLoader {
        Object load(PtTuple pid);
    }

    private final PickleInput in;
    private final PickleGlobals globals;
    private final PersistentLoader persistent;
    private final ArrayList<Object> stack = new ArrayList<>();
    private int[] marks = new int[16];
    private int markCount;
    private final Map<Long, Object> memo = new HashMap<>();

    Unpickler(PickleInput in, PickleGlobals globals, PersistentLoader persistent) {
        this.in = in;
        this.globals = globals;
        this.persistent = persistent;
    }

    /** Reads one pickle (up to its STOP opcode) and returns its object, which must be data (see {@link PickleGlobals#checkResult}). */
    Object load() {
        Object result = loadAny();
        PickleGlobals.checkResult(result);
        return result;
    }

    /** Reads one pickle without checking what its object is (a storage pickled on its own is a bare storage). */
    Object loadAny() {
        while (true) {
            int op = in.read();
            switch (op) {
                case '.' -> { // STOP
                    return pop();
                }
                case 0x80 -> { // PROTO
                    int proto = in.read();
                    if (proto > 5) {
                        throw new PtFormatError("unsupported pickle protocol " + proto);
                    }
                }
                case 0x95 -> in.readLittleEndian(8); // FRAME: frames are inline, their size is only a hint
                case '(' -> pushMark();
                case '0' -> { // POP (an empty stack above a mark pops the mark, as CPython does)
                    if (markCount > 0 && stack.size() == marks[markCount - 1]) {
                        popMark();
                    } else {
                        pop();
                    }
                }
                case '1' -> popMark(); // POP_MARK
                case '2' -> push(peek()); // DUP
                case 'N' -> push(null);
                case 0x88 -> push(Boolean.TRUE);
                case 0x89 -> push(Boolean.FALSE);
                case 'I' -> push(parseIntLine(in.readLine()));
                case 'J' -> push((long) (int) in.readLittleEndian(4)); // BININT (signed)
                case 'K' -> push((long) in.read()); // BININT1
                case 'M' -> push(in.readLittleEndian(2)); // BININT2
                case 'L' -> push(parseLong(stripSuffix(in.readLine(), "L")));
                case 0x8a -> push(decodeLong(in.read(in.read()))); // LONG1
                case 0x8b -> push(decodeLong(in.read(length4()))); // LONG4
                case 'F' -> push(parseFloat(in.readLine()));
                case 'G' -> push(Double.longBitsToDouble(readBigEndianLong())); // BINFLOAT
                case 'X' -> push(utf8(in.read(length4()))); // BINUNICODE
                case 0x8c -> push(utf8(in.read(in.read()))); // SHORT_BINUNICODE
                case 0x8d -> push(utf8(in.read(in.readLittleEndian(8)))); // BINUNICODE8
                case 'V' -> push(PickleText.rawUnicodeEscape(in.readLine())); // UNICODE
                // Python 2 str: torch.load decodes it as UTF-8 (its default encoding argument).
                case 'S' -> push(utf8(PickleText.quotedString(in.readLine())));
                case 'T' -> push(utf8(in.read(length4()))); // BINSTRING
                case 'U' -> push(utf8(in.read(in.read()))); // SHORT_BINSTRING
                case 'B' -> push(in.read(length4())); // BINBYTES
                case 'C' -> push(in.read(in.read())); // SHORT_BINBYTES
                case 0x8e, 0x96 -> push(in.read(in.readLittleEndian(8))); // BINBYTES8, BYTEARRAY8
                case ')' -> push(PtTuple.of());
                case 't' -> push(new PtTuple(popToMark()));
                case 0x85 -> push(tuple(1));
                case 0x86 -> push(tuple(2));
                case 0x87 -> push(tuple(3));
                case ']' -> push(new ArrayList<>());
                case 'l' -> push(new ArrayList<>(popToMark()));
                case 'a' -> { // APPEND
                    Object item = pop();
                    listOnTop().add(item);
                }
                case 'e' -> { // APPENDS
                    List<Object> items = popToMark();
                    listOnTop().addAll(items);
                }
                case '}' -> push(new LinkedHashMap<>());
                case 'd' -> push(dict(popToMark(), new LinkedHashMap<>()));
                case 's' -> { // SETITEM
                    Object value = pop();
                    Object key = pop();
                    mapOnTop().put(key, value);
                }
                case 'u' -> dict(popToMark(), mapOnTop()); // SETITEMS
                case 0x8f -> push(new LinkedHashSet<>()); // EMPTY_SET
                case 0x90 -> { // ADDITEMS
                    List<Object> items = popToMark();
                    setOnTop().addAll(items);
                }
                case 0x91 -> push(new LinkedHashSet<>(popToMark())); // FROZENSET
                case 'p' -> memo.put(parseIndex(in.readLine()), peek()); // PUT
                case 'q' -> memo.put((long) in.read(), peek()); // BINPUT
                case 'r' -> memo.put(in.readLittleEndian(4), peek()); // LONG_BINPUT
                case 0x94 -> memo.put((long) memo.size(), peek()); // MEMOIZE
                case 'g' -> push(memoGet(parseIndex(in.readLine()))); // GET
                case 'h' -> push(memoGet(in.read())); // BINGET
                case 'j' -> push(memoGet(in.readLittleEndian(4))); // LONG_BINGET
                case 'c' -> { // GLOBAL
                    String module = in.readLine();
                    push(globals.global(module, in.readLine()));
                }
                case 0x93 -> { // STACK_GLOBAL
                    Object name = pop();
                    Object module = pop();
                    if (!(module instanceof String m) || !(name instanceof String n)) {
                        throw new PtFormatError("corrupt pickle (STACK_GLOBAL needs two strings)");
                    }
                    push(globals.global(m, n));
                }
                case 'R' -> { // REDUCE
                    PtTuple args = asTuple(pop());
                    push(globals.call(pop(), args));
                }
                case 0x81 -> { // NEWOBJ
                    PtTuple args = asTuple(pop());
                    push(globals.newObject(pop(), args));
                }
                case 0x92 -> { // NEWOBJ_EX
                    Object kwargs = pop();
                    PtTuple args = asTuple(pop());
                    if (!(kwargs instanceof Map<?, ?> kw) || !kw.isEmpty()) {
                        throw new PtFormatError("refuses NEWOBJ_EX with keyword arguments");
                    }
                    push(globals.newObject(pop(), args));
                }
                case 'i' -> { // INST: module and class name inline, arguments since the mark
                    String module = in.readLine();
                    Object cls = globals.global(module, in.readLine());
                    push(globals.call(cls, new PtTuple(popToMark())));
                }
                case 'o' -> { // OBJ: class and arguments since the mark
                    List<Object> items = popToMark();
                    if (items.isEmpty()) {
                        throw new PtFormatError("corrupt pickle (OBJ without a class)");
                    }
                    push(globals.call(items.get(0), new PtTuple(items.subList(1, items.size()))));
                }
                case 'b' -> { // BUILD
                    Object state = pop();
                    globals.build(peek(), state);
                }
                case 'Q' -> push(persistent.load(asTuple(pop()))); // BINPERSID
                case 'P' -> throw new PtFormatError("refuses a text persistent id (PyTorch writes tuples)");
                case 0x82, 0x83, 0x84 ->
                    throw new PtFormatError("refuses pickle extension codes (copyreg.add_extension)");
                case 0x97 -> throw new PtFormatError("refuses out-of-band pickle buffers");
                case 0x98 -> { } // READONLY_BUFFER: a flag on the object on top; nothing to do
                default -> throw new PtFormatError(String.format(
                        "is not a valid pickle (unknown opcode 0x%02x at byte %d)", op, in.position() - 1));
            }
        }
    }

    private void push(Object o) {
        stack.add(o);
    }

    private Object pop() {
        int floor = markCount > 0 ? marks[markCount - 1] : 0;
        if (stack.size() <= floor) {
            throw new PtFormatError("corrupt pickle (stack underflow)");
        }
        return stack.remove(stack.size() - 1);
    }

    private Object peek() {
        int floor = markCount > 0 ? marks[markCount - 1] : 0;
        if (stack.size() <= floor) {
            throw new PtFormatError("corrupt pickle (stack underflow)");
        }
        return stack.get(stack.size() - 1);
    }

    private void pushMark() {
        if (markCount == marks.length) {
            marks = Arrays.copyOf(marks, markCount * 2);
        }
        marks[markCount++] = stack.size();
    }

    private int popMark() {
        if (markCount == 0) {
            throw new PtFormatError("corrupt pickle (no mark on the stack)");
        }
        return marks[--markCount];
    }

    private List<Object> popToMark() {
        int at = popMark();
        List<Object> top = new ArrayList<>(stack.subList(at, stack.size()));
        stack.subList(at, stack.size()).clear();
        return top;
    }

    private PtTuple tuple(int n) {
        Object[] items = new Object[n];
        for (int i = n - 1; i >= 0; i--) {
            items[i] = pop();
        }
        return PtTuple.of(items);
    }

    private Object memoGet(long index) {
        if (!memo.containsKey(index)) {
            throw new PtFormatError("corrupt pickle (memo entry " + index + " is missing)");
        }
        return memo.get(index);
    }

    @SuppressWarnings("unchecked")
    private List<Object> listOnTop() {
        if (peek() instanceof List<?> l) {
            return (List<Object>) l;
        }
        throw new PtFormatError("corrupt pickle (APPEND to a " + PickleGlobals.typeName(peek()) + ")");
    }

    @SuppressWarnings("unchecked")
    private Map<Object, Object> mapOnTop() {
        if (peek() instanceof PtNamespace) {
            throw new PtFormatError("corrupt pickle (SETITEM on a Namespace)");
        }
        if (peek() instanceof Map<?, ?> m) {
            return (Map<Object, Object>) m;
        }
        throw new PtFormatError("corrupt pickle (SETITEM on a " + PickleGlobals.typeName(peek()) + ")");
    }

    @SuppressWarnings("unchecked")
    private Set<Object> setOnTop() {
        if (peek() instanceof Set<?> s) {
            return (Set<Object>) s;
        }
        throw new PtFormatError("corrupt pickle (ADDITEMS on a " + PickleGlobals.typeName(peek()) + ")");
    }

    private static Map<Object, Object> dict(List<Object> items, Map<Object, Object> into) {
        if (items.size() % 2 != 0) {
            throw new PtFormatError("corrupt pickle (a dict with an odd number of items)");
        }
        for (int i = 0; i < items.size(); i += 2) {
            into.put(items.get(i), items.get(i + 1));
        }
        return into;
    }

    private static PtTuple asTuple(Object o) {
        if (o instanceof PtTuple t) {
            return t;
        }
        throw new PtFormatError("corrupt pickle (expected an argument tuple, got a " + PickleGlobals.typeName(o) + ")");
    }

    private long length4() {
        return in.readLittleEndian(4); // unsigned 32-bit; PickleInput checks it against the bytes left
    }

    private long readBigEndianLong() {
        long v = 0;
        for (int i = 0; i < 8; i++) {
            v = (v << 8) | in.read();
        }
        return v;
    }

    /** Python's two's-complement little-endian long: a Long when it fits, else a BigInteger. */
    static Object decodeLong(byte[] le) {
        if (le.length == 0) {
            return 0L;
        }
        byte[] be = new byte[le.length];
        for (int i = 0; i < le.length; i++) {
            be[i] = le[le.length - 1 - i];
        }
        return normalize(new BigInteger(be));
    }

    private static Object normalize(BigInteger v) {
        return v.bitLength() < 64 ? (Object) v.longValue() : v;
    }

    private static Object parseIntLine(String line) {
        // Protocol 0 writes booleans as INT 01 / 00.
        if (line.equals("01")) {
            return Boolean.TRUE;
        }
        if (line.equals("00")) {
            return Boolean.FALSE;
        }
        return parseLong(line);
    }

    private static Object parseLong(String s) {
        try {
            return normalize(new BigInteger(s.trim()));
        } catch (NumberFormatException e) {
            throw new PtFormatError("corrupt pickle (bad integer '" + PickleText.abbreviate(s) + "')");
        }
    }

    private static double parseFloat(String s) {
        String t = s.trim();
        switch (t) {
            case "nan":
                return Double.NaN;
            case "inf":
                return Double.POSITIVE_INFINITY;
            case "-inf":
                return Double.NEGATIVE_INFINITY;
            default:
                try {
                    return Double.parseDouble(t);
                } catch (NumberFormatException e) {
                    throw new PtFormatError("corrupt pickle (bad float '" + PickleText.abbreviate(s) + "')");
                }
        }
    }

    private static long parseIndex(String s) {
        Object v = parseLong(s);
        if (v instanceof Long l && l >= 0) {
            return l;
        }
        throw new PtFormatError("corrupt pickle (bad memo index)");
    }

    private static String stripSuffix(String s, String suffix) {
        return s.endsWith(suffix) ? s.substring(0, s.length() - suffix.length()) : s;
    }

    private static String utf8(byte[] b) {
        return new String(b, StandardCharsets.UTF_8);
    }
}
