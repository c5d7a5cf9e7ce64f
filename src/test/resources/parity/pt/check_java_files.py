"""gan4j test helper (our script, not PyTorch code): checks that Python's torch.load reads files gan4j wrote.

Usage: /usr/bin/python3 check_java_files.py DIR
DIR holds *.pt files written by PtFile.save and manifest.json, written by the Java test beside them:
  {"files": {name: description}, "shared": {name: [[key, key], ...]}}
where a description is what describe.py gives for the expected torch.load result, and "shared" lists keys
of a file's top-level dict whose tensors must share one storage. Every file is loaded with torch.load and,
where this torch supports it, again with weights_only=True (torch 1.13's weights-only unpickler has no
float, bytes or set opcodes, so files holding those are skipped there; from torch 2 on every file must
load). Prints one line per check; exits 1 if any fails.
"""
import json
import os
import sys

import torch

from describe import describe


def holds(desc, kinds):
    if isinstance(desc, dict):
        return any(k in kinds for k in desc) or any(holds(v, kinds) for v in desc.values())
    if isinstance(desc, list):
        return any(holds(v, kinds) for v in desc)
    return False


def first_difference(want, got, path="root"):
    if type(want) != type(got):
        return f"{path}: expected {want!r:.200}, got {got!r:.200}"
    if isinstance(want, dict):
        if list(want) != list(got):
            return f"{path}: expected keys {list(want)}, got {list(got)}"
        for k in want:
            d = first_difference(want[k], got[k], f"{path}.{k}")
            if d:
                return d
        return None
    if isinstance(want, list):
        if len(want) != len(got):
            return f"{path}: expected {len(want)} items, got {len(got)}"
        for i, (w, g) in enumerate(zip(want, got)):
            d = first_difference(w, g, f"{path}[{i}]")
            if d:
                return d
        return None
    return None if want == got else f"{path}: expected {want!r:.200}, got {got!r:.200}"


def main(folder):
    with open(os.path.join(folder, "manifest.json")) as f:
        manifest = json.load(f)
    major = int(torch.__version__.split(".")[0])
    failures = 0
    for name, want in manifest["files"].items():
        path = os.path.join(folder, name)
        modes = [False]
        if major >= 2 or not holds(want, {"float", "bytes"}):
            modes.append(True)
        for weights_only in modes:
            label = f"{name} (weights_only={weights_only})"
            try:
                got = torch.load(path, weights_only=weights_only)
                diff = first_difference(want, describe(got))
                for a, b in manifest.get("shared", {}).get(name, []):
                    if got[a].storage().data_ptr() != got[b].storage().data_ptr():
                        diff = diff or f"'{a}' and '{b}' do not share a storage"
            except Exception as e:  # report every file, not only the first failure
                diff = f"{type(e).__name__}: {e}"
            print(("FAIL " if diff else "ok   ") + label + (": " + diff if diff else ""))
            failures += bool(diff)
    print(f"torch {torch.__version__}: {failures} failed")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1]))
