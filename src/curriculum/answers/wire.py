"""Answers as data: a codec that carries values between processes without pickle.

What crosses is *data*, checked by exact type: ``None``, bools, numbers, strings, bytes;
lists, tuples, sets and dicts of data; NumPy scalars and arrays of numbers, booleans, dates or
strings (raw bytes with their dtype and shape); pandas Series, DataFrames and Indexes whose
values are such data; and scikit-learn estimators made only of library classes (``skops.io``,
which refuses any type it does not trust). Anything else — a function, a learner's class or
instance, a subclass of a builtin with a lying ``__eq__`` — raises :class:`NotData`.

A frame is a JSON header (the tree of tagged nodes) followed by the raw binary buffers it
points at. Decoding only parses JSON, rebuilds arrays from raw bytes (refusing object dtypes,
which would turn bytes into pointers) and loads estimators with skops' default trusted types
plus scikit-learn's own classes (a fitted tree's ``Tree``, a boosting model's ``TreePredictor``:
classes defined in scikit-learn's modules, looked up there by name), so decoding a frame never
runs code the sender chose.
"""

from __future__ import annotations

import json
import re
import struct
from typing import Any

import numpy as np

ARRAY_KINDS = frozenset("biufcmMSU")  # numbers, booleans, dates, strings; never objects
MAX_DEPTH = 64
MAX_ITEMS = 1_000_000
_HEADER = struct.Struct("!II")  # header length, number of buffers


_LIBRARY_TYPE = re.compile(r"sklearn(\.[A-Za-z_][A-Za-z0-9_]*)+")
# Beyond scikit-learn's classes: a dtype (what SimpleImputer stores) and the score functions
# SelectKBest takes. Functions are otherwise never trusted: a FunctionTransformer calls its
# function with arguments the sender chose.
_ALSO_TRUSTED = frozenset({"numpy.dtype"})
_TRUSTED_FUNCTION_MODULES = frozenset(
    {"sklearn.feature_selection._univariate_selection", "sklearn.feature_selection._mutual_info"}
)


def library_types(names: list[str]) -> list[str]:
    """The names among ``names`` that are classes defined in scikit-learn itself.

    skops lists a fitted forest's ``sklearn.tree._tree.Tree`` as untrusted; it is library
    code, not the learner's. A name passes only if it is a dotted path under ``sklearn``, its
    module imports, and the attribute there is a class defined in that very module — a
    learner's class claiming such a name would be replaced by the real one on loading.
    """
    import importlib

    trusted = []
    for name in names:
        if name in _ALSO_TRUSTED:
            trusted.append(name)
            continue
        if not _LIBRARY_TYPE.fullmatch(name) or "__main__" in name.split("."):
            continue
        module_name, _, attribute = name.rpartition(".")
        try:
            module = importlib.import_module(module_name)
        except Exception:
            continue
        found = getattr(module, attribute, None)
        if getattr(found, "__module__", None) != module_name:
            continue  # re-exported, or not there: only the defining module counts
        if isinstance(found, type) or (
            module_name in _TRUSTED_FUNCTION_MODULES and callable(found)
        ):
            trusted.append(name)
    return trusted


class NotData(TypeError):
    """The value is not plain data; ``str(error)`` says what it is, in the learner's terms."""


class BadFrame(ValueError):
    """A frame that is not a valid encoding (truncated, corrupt, or of an unknown type)."""


def describe(value: Any) -> str:
    """A short name for a value's kind, for messages: "a generator", "a Liar object"."""
    import inspect

    if inspect.isgenerator(value):
        return "a generator"
    if inspect.isfunction(value) or inspect.ismethod(value):
        return "a function"
    if inspect.isclass(value):
        return f"a class ({value.__name__})"
    name = type(value).__name__
    article = "an" if name[:1].lower() in "aeiou" else "a"
    return f"{article} {name} object"


class _Encoder:
    def __init__(self) -> None:
        self.buffers: list[bytes] = []
        self.items = 0

    def buffer(self, data: bytes) -> int:
        self.buffers.append(data)
        return len(self.buffers) - 1

    def node(self, value: Any, depth: int = 0) -> Any:
        self.items += 1
        if depth > MAX_DEPTH:
            raise NotData("it is nested too deeply (or contains itself)")
        if self.items > MAX_ITEMS:
            raise NotData(f"it holds more than {MAX_ITEMS:,} items")
        kind = type(value)
        if value is None or kind is bool or kind is str:
            return value
        if kind is int:
            return value if abs(value) < 2**53 else {"t": "int", "v": str(value)}
        if kind is float:
            return {"t": "float", "v": float.hex(value)}
        if kind is complex:
            return {"t": "complex", "v": [float.hex(value.real), float.hex(value.imag)]}
        if kind is bytes:
            return {"t": "bytes", "b": self.buffer(value)}
        if kind is list:
            return [self.node(v, depth + 1) for v in value]
        if kind is tuple:
            return {"t": "tuple", "v": [self.node(v, depth + 1) for v in value]}
        if kind is set or kind is frozenset:
            return {"t": kind.__name__, "v": [self.node(v, depth + 1) for v in value]}
        if kind is dict:
            keys = [self.node(k, depth + 1) for k in value]
            return {"t": "dict", "k": keys, "v": [self.node(v, depth + 1) for v in value.values()]}
        if isinstance(value, np.generic) and kind.__module__ == "numpy":
            return self.numpy_scalar(value)
        if kind is np.ndarray:
            return {"t": "ndarray", **self.array(value)}
        module = kind.__module__ or ""
        if module == "pandas" or module.startswith("pandas."):
            return self.pandas(value, depth)
        if module.startswith("sklearn."):
            return self.estimator(value)
        raise NotData(f"it is {describe(value)}")

    def numpy_scalar(self, value: np.generic) -> Any:
        if value.dtype.kind not in ARRAY_KINDS:
            raise NotData(f"it is a NumPy scalar of dtype {value.dtype}")
        return {"t": "npscalar", **self.array(np.asarray(value))}

    def array(self, array: np.ndarray) -> dict[str, Any]:
        if array.dtype.kind not in ARRAY_KINDS:
            raise NotData(
                f"it is a NumPy array of dtype {array.dtype}; convert it to numbers first"
            )
        data = array if array.flags.c_contiguous else array.copy(order="C")
        return {
            "dtype": data.dtype.str,
            "shape": list(data.shape),
            "b": self.buffer(data.tobytes()),
        }

    def column(self, values: Any, depth: int) -> Any:
        """The values of a pandas Series or Index: an array, a list, or categorical codes."""
        import pandas as pd

        dtype = values.dtype
        if isinstance(dtype, pd.CategoricalDtype):
            return {
                "t": "categorical",
                "codes": self.node(np.asarray(values.array.codes), depth + 1),
                "categories": self.pandas(dtype.categories, depth + 1),
                "ordered": bool(dtype.ordered),
            }
        if isinstance(dtype, np.dtype) and not dtype.hasobject:
            return self.node(values.to_numpy(), depth + 1)
        if dtype == np.dtype(object) or isinstance(dtype, pd.StringDtype):
            items = [self.node(_plain_item(v), depth + 1) for v in values]
            return {"t": "values", "dtype": str(dtype), "v": items}
        raise NotData(f"it has pandas values of dtype {dtype}, which cannot be graded")

    def pandas(self, value: Any, depth: int) -> Any:
        import pandas as pd

        kind = type(value)
        if kind is pd.RangeIndex:
            return {
                "t": "range_index",
                "v": [value.start, value.stop, value.step],
                "name": self.node(value.name, depth + 1),
            }
        if kind is pd.Index or kind is pd.CategoricalIndex:
            return {"t": "index", "v": self.column(value, depth), "name": self.node(value.name)}
        if kind is pd.MultiIndex:
            return {
                "t": "multi_index",
                "v": self.node([tuple(t) for t in value.tolist()], depth + 1),
                "names": self.node(list(value.names), depth + 1),
            }
        if kind is pd.Series:
            return {
                "t": "series",
                "v": self.column(value, depth),
                "index": self.pandas(value.index, depth + 1),
                "name": self.node(value.name, depth + 1),
            }
        if kind is pd.DataFrame:
            return {
                "t": "frame",
                "columns": self.pandas(value.columns, depth + 1),
                "index": self.pandas(value.index, depth + 1),
                "v": [self.column(value.iloc[:, i], depth) for i in range(value.shape[1])],
            }
        raise NotData(f"it is {describe(value)}")

    def estimator(self, value: Any) -> Any:
        from sklearn.base import BaseEstimator

        if not isinstance(value, BaseEstimator):
            raise NotData(f"it is {describe(value)}")
        from curriculum.answers.skops_import import import_skops_io, without_default_estimators

        skops_io = import_skops_io()
        try:
            with without_default_estimators():  # library_types decides: see skops_import
                blob = skops_io.dumps(value)
                untrusted = skops_io.get_untrusted_types(data=blob)
            untrusted = [n for n in untrusted if n not in library_types(untrusted)]
        except Exception as exc:  # skops cannot represent it: it holds something unusual
            raise NotData(
                f"it is a {type(value).__name__} that cannot be saved safely ({exc})"
            ) from None
        if untrusted:
            shown = ", ".join(untrusted[:3])
            raise NotData(
                f"it is a {type(value).__name__} that contains code of your own ({shown})"
            )
        return {"t": "sklearn", "b": self.buffer(blob)}


def _plain_item(value: Any) -> Any:
    """pandas' missing-value markers become None/NaN so they cross as data."""
    import pandas as pd

    if value is pd.NA or value is pd.NaT:
        return None
    return value


def encode(value: Any) -> bytes:
    """The frame for ``value``; raises NotData if anything inside it is not data."""
    encoder = _Encoder()
    tree = encoder.node(value)
    header = json.dumps(tree, separators=(",", ":"), allow_nan=False).encode()
    parts = [_HEADER.pack(len(header), len(encoder.buffers)), header]
    for buffer in encoder.buffers:
        parts.append(struct.pack("!Q", len(buffer)))
        parts.append(buffer)
    return b"".join(parts)


def is_data(value: Any) -> bool:
    try:
        encode(value)
    except NotData:
        return False
    return True


class _Decoder:
    def __init__(self, buffers: list[bytes]) -> None:
        self.buffers = buffers

    def buffer(self, index: Any) -> bytes:
        if type(index) is not int or not 0 <= index < len(self.buffers):
            raise BadFrame("a node points at a missing buffer")
        return self.buffers[index]

    def node(self, tree: Any) -> Any:
        if tree is None or type(tree) in (bool, str, int):
            return tree
        if type(tree) is list:
            return [self.node(v) for v in tree]
        if type(tree) is not dict:
            raise BadFrame(f"unexpected node {type(tree).__name__}")
        tag = tree.get("t")
        if tag == "float":
            return float.fromhex(tree["v"])
        if tag == "int":
            return int(tree["v"])
        if tag == "complex":
            return complex(float.fromhex(tree["v"][0]), float.fromhex(tree["v"][1]))
        if tag == "bytes":
            return self.buffer(tree["b"])
        if tag == "tuple":
            return tuple(self.node(v) for v in tree["v"])
        if tag == "set":
            return {self.node(v) for v in tree["v"]}
        if tag == "frozenset":
            return frozenset(self.node(v) for v in tree["v"])
        if tag == "dict":
            return dict(
                zip(
                    [self.node(k) for k in tree["k"]],
                    [self.node(v) for v in tree["v"]],
                    strict=True,
                )
            )
        if tag == "ndarray":
            return self.array(tree)
        if tag == "npscalar":
            return self.array(tree)[()]
        if tag == "sklearn":
            from curriculum.answers.skops_import import import_skops_io, without_default_estimators

            skops_io = import_skops_io()
            blob = self.buffer(tree["b"])
            # refuses every type but skops' defaults and scikit-learn's own classes
            with without_default_estimators():
                trusted = library_types(skops_io.get_untrusted_types(data=blob))
                return skops_io.loads(blob, trusted=trusted or None)
        return self.pandas(tree, tag)

    def array(self, tree: dict) -> np.ndarray:
        dtype = np.dtype(str(tree["dtype"]))
        if dtype.kind not in ARRAY_KINDS or dtype.hasobject or dtype.fields:
            raise BadFrame(f"an array of dtype {dtype} is not data")
        shape = tuple(int(n) for n in tree["shape"])
        try:
            flat = np.frombuffer(self.buffer(tree["b"]), dtype=dtype)
            return flat.reshape(shape).copy()  # writable, and no longer tied to the frame
        except ValueError as exc:
            raise BadFrame(f"a corrupt array: {exc}") from None

    def values(self, tree: Any) -> Any:
        import pandas as pd

        if type(tree) is dict and tree.get("t") == "categorical":
            return pd.Categorical.from_codes(
                self.node(tree["codes"]),
                categories=self.pandas(tree["categories"], tree["categories"].get("t")),
                ordered=bool(tree["ordered"]),
            )
        if type(tree) is dict and tree.get("t") == "values":
            items = [self.node(v) for v in tree["v"]]
            if tree.get("dtype") == "string":
                return pd.array(items, dtype="string")
            array = np.empty(len(items), dtype=object)
            array[:] = items
            return array
        return self.node(tree)

    def pandas(self, tree: dict, tag: Any) -> Any:
        import pandas as pd

        if tag == "range_index":
            start, stop, step = (int(v) for v in tree["v"])
            return pd.RangeIndex(start, stop, step, name=self.node(tree["name"]))
        if tag == "index":
            return pd.Index(self.values(tree["v"]), name=self.node(tree["name"]))
        if tag == "multi_index":
            return pd.MultiIndex.from_tuples(self.node(tree["v"]), names=self.node(tree["names"]))
        if tag == "series":
            return pd.Series(
                self.values(tree["v"]),
                index=self.pandas(tree["index"], tree["index"].get("t")),
                name=self.node(tree["name"]),
            )
        if tag == "frame":
            columns = self.pandas(tree["columns"], tree["columns"].get("t"))
            index = self.pandas(tree["index"], tree["index"].get("t"))
            data = [self.values(v) for v in tree["v"]]
            frame = pd.DataFrame({i: column for i, column in enumerate(data)}, index=index)
            frame.columns = columns
            return frame
        raise BadFrame(f"unknown node type {tag!r}")


def decode(frame: bytes) -> Any:
    """The value a frame carries. Raises BadFrame for anything that is not a valid frame."""
    try:
        header_length, count = _HEADER.unpack_from(frame, 0)
        offset = _HEADER.size
        tree = json.loads(frame[offset : offset + header_length])
        offset += header_length
        buffers = []
        for _ in range(count):
            (length,) = struct.unpack_from("!Q", frame, offset)
            offset += 8
            if offset + length > len(frame):
                raise BadFrame("a truncated buffer")
            buffers.append(frame[offset : offset + length])
            offset += length
        return _Decoder(buffers).node(tree)
    except BadFrame:
        raise
    except Exception as exc:  # struct, JSON, pandas or skops refusing a malformed frame
        raise BadFrame(f"{type(exc).__name__}: {exc}") from None
