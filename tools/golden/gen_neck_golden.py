#!/usr/bin/env python3
"""Writes golden outputs of PyTorch's adaptive_avg_pool1d (the upstream `pooling` neck).

Run with Debian's python3-torch:  /usr/bin/python3 tools/golden/gen_neck_golden.py
Output: core/src/test/resources/golden/necks/pooling.json
"""
import json
import os

import torch

OUT = os.path.join(os.path.dirname(__file__), "..", "..", "core", "src", "test", "resources",
                   "golden", "necks", "pooling.json")


def case(batch, input_dim, bins, seed):
    gen = torch.Generator().manual_seed(seed)
    x = torch.randn(batch, input_dim, generator=gen)
    y = torch.nn.functional.adaptive_avg_pool1d(x.unsqueeze(1), bins).squeeze(1)
    return {"input_dim": input_dim, "bins": bins, "x": x.tolist(), "y": y.tolist()}


def main():
    # uneven bins (10 -> 4, 7 -> 3) exercise the overlapping floor/ceil ranges; 1152 -> 64 is the
    # upstream SigLIP so400m shape.
    cases = [case(3, 10, 4, 1), case(2, 7, 3, 2), case(2, 1152, 64, 3), case(2, 5, 5, 4)]
    tmp = OUT + ".tmp"
    with open(tmp, "w") as f:
        json.dump({"generator": "torch " + torch.__version__, "cases": cases}, f)
    os.replace(tmp, OUT)


if __name__ == "__main__":
    main()
