"""gan4j test helper (our script, not PyTorch code): describes a torch.load result as plain JSON.

Both directions of the parity tests compare such descriptions: make_fixtures.py writes them for the files
Python makes (the Java test compares what PtFile.load returns), and check_java_files.py compares what
torch.load returns for files Java wrote against the description Java wrote beside them. The Java twin is
src/test/java/org/gan4j/torch/Describe.java; keep the two in step.

  None -> null            bool -> {"bool": b}      int -> {"int": i}      float -> {"float": f}
  str -> {"str": s}       bytes -> {"bytes": hex}  tuple / torch.Size -> {"tuple": [...]}
  list -> {"list": [...]} dict -> {"dict": [[k, v], ...]}  OrderedDict -> {"odict": [[k, v], ...]}
  argparse.Namespace -> {"namespace": [[k, v], ...]}
  tensor -> {"tensor": {"dtype": "float32", "shape": [...], "requires_grad": b, "values": [...]}}
          values flattened in row-major order: floats as float64, integers and bools as ints,
          complex numbers as [re, im] pairs.
numpy scalars are described as the Python number they stand for.
"""
import argparse
from collections import OrderedDict

import numpy
import torch


def describe(o):
    if o is None:
        return None
    if isinstance(o, numpy.generic):
        return describe(o.item())
    if isinstance(o, bool):
        return {"bool": o}
    if isinstance(o, int):
        return {"int": o}
    if isinstance(o, float):
        return {"float": o}
    if isinstance(o, str):
        return {"str": o}
    if isinstance(o, bytes):
        return {"bytes": o.hex()}
    if isinstance(o, torch.Tensor):
        return {"tensor": tensor(o)}
    if isinstance(o, OrderedDict):
        return {"odict": [[describe(k), describe(v)] for k, v in o.items()]}
    if isinstance(o, dict):
        return {"dict": [[describe(k), describe(v)] for k, v in o.items()]}
    if isinstance(o, argparse.Namespace):
        return {"namespace": [[describe(k), describe(v)] for k, v in vars(o).items()]}
    if isinstance(o, tuple):
        return {"tuple": [describe(x) for x in o]}
    if isinstance(o, list):
        return {"list": [describe(x) for x in o]}
    raise TypeError(f"describe() does not know {type(o)}")


def tensor(t):
    t = t.detach()
    if t.is_complex():
        values = torch.view_as_real(t.to(torch.complex128)).reshape(-1, 2).tolist()
    elif t.is_floating_point():
        values = t.to(torch.float64).reshape(-1).tolist()
    else:
        values = t.to(torch.int64).reshape(-1).tolist()
    return {
        "dtype": str(t.dtype).replace("torch.", ""),
        "shape": list(t.shape),
        "requires_grad": t.requires_grad,
        "values": values,
    }
