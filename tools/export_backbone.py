#!/usr/bin/env python3
"""Export an upstream MDFE2 backbone as TorchScript + backbone.json for the JVM port.

Writes <out-dir>/<type>/<model_name>/<weights or "default">/<proj|noproj>/{model.pt,backbone.json}
(path parts sanitised: characters outside [A-Za-z0-9._-] become "_"), the layout that
io.mdfe.core.model.backbone.TorchScriptLocation resolves.

The module is traced in TRAIN mode: DJL can fine-tune a TorchScript module only when the
trace recorded the training graph (eval-mode traces take PyTorch's fused inference attention,
which has no gradient). Dropout is switched off first so train and eval give the same output.

Needs open_clip_torch and/or timm (not installed in the build environment). `--self-test`
runs the whole export path for all eight types on small local stand-ins of both libraries.
"""
import argparse
import dataclasses
import hashlib
import importlib
import json
import os
import re
import sys
import tempfile
import types
from pathlib import Path
from typing import Callable

import torch
from torch import nn

FORMAT_VERSION = 1
OPENAI_MEAN = [0.48145466, 0.4578275, 0.40821073]
OPENAI_STD = [0.26862954, 0.26130258, 0.27577711]


# ----------------------------------------------------------------------------- layout + writing

def safe_part(text):
    """Path part for a type/model/weights string; the Java side applies the same rule."""
    return re.sub(r"[^A-Za-z0-9._-]", "_", text)


def variant_dir(out_dir, bb_type, model_name, weights, proj_layer):
    return (Path(out_dir) / safe_part(bb_type) / safe_part(model_name)
            / safe_part(weights or "default") / ("proj" if proj_layer else "noproj"))


def atomic_write(path, write):
    """write(tmp_path) then rename, so a reader never sees a half-written file."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix="." + path.name, suffix=".tmp", dir=path.parent)
    os.close(fd)
    try:
        os.chmod(tmp, 0o644)  # mkstemp's 0600 would make shared model dirs unreadable
        write(tmp)
        os.replace(tmp, path)
    finally:
        if os.path.exists(tmp):
            os.remove(tmp)


def sha256_of(path):
    digest = hashlib.sha256()
    with open(path, "rb") as f:
        for chunk in iter(lambda: f.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


def disable_dropout(module):
    for m in module.modules():
        if isinstance(m, nn.Dropout):
            m.p = 0.0
        if isinstance(m, nn.MultiheadAttention):
            m.dropout = 0.0
    return module


def trace_and_save(module, info, target_dir, example_batch=2):
    """Traces `module` in train mode and writes model.pt + backbone.json into target_dir.

    info: dict with type, model_name, weights, image_size, mean, std, proj_layer.
    Returns (sidecar dict, example input, eager output) so callers can check the trace.
    """
    disable_dropout(module).train()
    size = info["image_size"]
    example = torch.randn(example_batch, 3, size, size, generator=torch.Generator().manual_seed(0))
    with torch.no_grad():
        traced = torch.jit.trace(module, example, check_trace=False)
        eager = module(example)
    if eager.dim() != 2:
        raise ValueError(f"backbone output must be (B, D), got {tuple(eager.shape)}")
    target_dir = Path(target_dir)
    model_file = target_dir / "model.pt"
    atomic_write(model_file, lambda tmp: torch.jit.save(traced, tmp))
    sidecar = {
        "format_version": FORMAT_VERSION,
        "type": info["type"],
        "model_name": info["model_name"],
        "weights": info.get("weights") or "",
        "image_size": int(size),
        "mean": [float(v) for v in info["mean"]],
        "std": [float(v) for v in info["std"]],
        "output_dim": int(eager.shape[1]),
        "proj_layer": bool(info["proj_layer"]),
        "sha256": sha256_of(model_file),
    }

    def write_json(tmp):
        with open(tmp, "w") as f:
            json.dump(sidecar, f, indent=2)
            f.write("\n")
    atomic_write(target_dir / "backbone.json", write_json)
    return sidecar, example, eager


# ----------------------------------------------------------------------------- per-library recipes

class ProjectionMissing(ValueError):
    pass


def _square(size):
    return int(size[0] if isinstance(size, (tuple, list)) else size)


def open_clip_visual(lib, model_name, weights, proj_layer):
    """OpenCLIP image tower; proj_layer=False drops the CLIP projection (output = width)."""
    model, _, _ = lib.create_model_and_transforms(model_name, pretrained=weights or None)
    visual = model.visual
    if not proj_layer:
        if getattr(visual, "proj", None) is not None:       # ViT towers: a bare matrix
            visual.proj = None
        elif hasattr(getattr(visual, "head", None), "proj"):  # timm towers (ConvNeXt): a Linear
            visual.head.proj = nn.Identity()
        else:
            raise ProjectionMissing(f"{model_name}: no projection layer found to drop")
    cfg = getattr(visual, "preprocess_cfg", {}) or {}
    size = cfg.get("size", getattr(visual, "image_size", None))
    mean = cfg.get("mean", getattr(visual, "image_mean", None)) or OPENAI_MEAN
    std = cfg.get("std", getattr(visual, "image_std", None)) or OPENAI_STD
    return visual, _square(size), list(mean), list(std)


def timm_model(lib, model_name, weights, proj_layer):
    """timm model; features = pooled output with the classifier removed, proj = its head."""
    kwargs = {"pretrained": True}
    name = model_name
    if weights and os.path.isfile(weights):
        kwargs["pretrained_cfg_overlay"] = {"file": weights}
    elif weights:
        name = f"{model_name}.{weights}"
    model = lib.create_model(name, **kwargs)
    if proj_layer:
        if getattr(model, "num_classes", 0) == 0:
            raise ProjectionMissing(f"{name}: the model has no projection head; use --no-proj-layer")
    else:
        model.reset_classifier(0)
    cfg = lib.data.resolve_data_config({}, model=model)
    return model, _square(cfg["input_size"][1:]), list(cfg["mean"]), list(cfg["std"])


@dataclasses.dataclass(frozen=True)
class Recipe:
    library: str          # python module to import
    build: Callable       # (lib, model_name, weights, proj_layer) -> (module, size, mean, std)
    proj: str             # how the projection layer is dropped
    features: str         # what the traced forward returns


_OC = dict(library="open_clip", build=open_clip_visual)
_TIMM = dict(library="timm", build=timm_model)
RECIPES = {
    "clip": Recipe(**_OC, proj="visual.proj = None", features="model.visual(x): CLS token (+proj)"),
    "clip_convnext": Recipe(**_OC, proj="visual.head.proj = Identity",
                            features="model.visual(x): pooled trunk (+head.proj)"),
    "clipav2": Recipe(**_OC, proj="visual.proj = None", features="model.visual(x)"),
    "meta-clip": Recipe(**_OC, proj="visual.proj = None", features="model.visual(x)"),
    "eva02": Recipe(**_TIMM, proj="reset_classifier(0)", features="model(x): pooled (+head)"),
    "siglip": Recipe(**_TIMM, proj="reset_classifier(0)", features="model(x): attention-pool"),
    "dinov2": Recipe(**_TIMM, proj="reset_classifier(0)", features="model(x): CLS token"),
    "sam": Recipe(**_TIMM, proj="reset_classifier(0)", features="model(x): pooled neck"),
}


def export(bb_type, model_name, weights, proj_layer, out_dir, lib=None):
    if bb_type not in RECIPES:
        raise ValueError(f"--type {bb_type!r} unknown; valid: {', '.join(sorted(RECIPES))}")
    recipe = RECIPES[bb_type]
    lib = lib or importlib.import_module(recipe.library)
    module, size, mean, std = recipe.build(lib, model_name, weights, proj_layer)
    info = dict(type=bb_type, model_name=model_name, weights=weights, image_size=size,
                mean=mean, std=std, proj_layer=proj_layer)
    target = variant_dir(out_dir, bb_type, model_name, weights, proj_layer)
    sidecar, example, eager = trace_and_save(module, info, target)
    return target, sidecar, example, eager


# ----------------------------------------------------------------------------- self-test

class _StandInVisual(nn.Module):
    """Shaped like an OpenCLIP ViT tower: pooled features, then an optional `proj` matrix."""

    def __init__(self, width=8, proj_dim=4, convnext=False):
        super().__init__()
        self.trunk = nn.Sequential(nn.Conv2d(3, width, 4, 4), nn.GELU(), nn.Dropout(0.5))
        self.image_size = (16, 16)
        self.image_mean, self.image_std = (0.1, 0.2, 0.3), (0.4, 0.5, 0.6)
        if convnext:
            self.proj = None
            self.head = nn.Sequential()
            self.head.add_module("proj", nn.Linear(width, proj_dim))
        else:
            self.proj = nn.Parameter(torch.randn(width, proj_dim))
            self.head = nn.Identity()

    def forward(self, x):
        x = self.head(self.trunk(x).mean(dim=(2, 3)))
        return x @ self.proj if self.proj is not None else x


class _StandInTimm(nn.Module):
    def __init__(self, width=8, classes=4):
        super().__init__()
        self.body = nn.Sequential(nn.Conv2d(3, width, 4, 4), nn.ReLU())
        self.head = nn.Linear(width, classes) if classes else nn.Identity()
        self.num_classes = classes

    def reset_classifier(self, num_classes):
        self.num_classes = num_classes
        self.head = nn.Identity()

    def forward(self, x):
        return self.head(self.body(x).mean(dim=(2, 3)))


def _stand_in_libraries(created):
    def create_model_and_transforms(name, pretrained=None):
        created.append(("open_clip", name, pretrained))
        return types.SimpleNamespace(visual=_StandInVisual(convnext="convnext" in name)), None, None

    def create_model(name, **kwargs):
        created.append(("timm", name, kwargs.get("pretrained_cfg_overlay")))
        return _StandInTimm(classes=0 if "noproj" in name else 4)

    resolve = lambda _args, model: {"input_size": (3, 20, 20), "mean": (0.5,) * 3, "std": (0.25,) * 3}
    return {
        "open_clip": types.SimpleNamespace(create_model_and_transforms=create_model_and_transforms),
        "timm": types.SimpleNamespace(create_model=create_model,
                                      data=types.SimpleNamespace(resolve_data_config=resolve)),
    }


def self_test(out_dir):
    """Runs export() for every type with and without proj on stand-ins; checks files + outputs."""
    torch.manual_seed(0)
    created = []
    libs = _stand_in_libraries(created)
    checked = 0
    for bb_type, recipe in RECIPES.items():
        name = "convnext_tiny" if bb_type == "clip_convnext" else f"{bb_type}-standin"
        for proj in (True, False):
            target, sidecar, example, eager = export(bb_type, name, "tag/v1", proj, out_dir,
                                                     lib=libs[recipe.library])
            expected_dim = 4 if proj else 8
            assert sidecar["output_dim"] == expected_dim, (bb_type, proj, sidecar)
            assert sidecar["proj_layer"] is proj and sidecar["type"] == bb_type
            assert sidecar["sha256"] == sha256_of(target / "model.pt")
            assert target.name == ("proj" if proj else "noproj") and target.parent.name == "tag_v1"
            loaded = torch.jit.load(str(target / "model.pt"))
            assert loaded.training, "trace must be saved in train mode"
            with torch.no_grad():
                torch.testing.assert_close(loaded(example), eager)
            checked += 1
    assert created[0] == ("open_clip", "clip-standin", "tag/v1"), created[0]
    try:
        export("dinov2", "noproj-standin", "", True, out_dir, lib=libs["timm"])
        raise AssertionError("a headless timm model must refuse --proj-layer")
    except ProjectionMissing:
        pass
    try:
        export("vit", "x", "", True, out_dir)
        raise AssertionError("unknown type must fail")
    except ValueError as e:
        assert "valid: clip, clip_convnext" in str(e), e
    print(f"self-test OK: {checked} exports under {out_dir}")


def main(argv=None):
    p = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    p.add_argument("--type", choices=sorted(RECIPES))
    p.add_argument("--model-name")
    p.add_argument("--weights", default="", help="pretrained tag or local weights file")
    p.add_argument("--proj-layer", dest="proj_layer", action="store_true", default=False)
    p.add_argument("--no-proj-layer", dest="proj_layer", action="store_false")
    p.add_argument("--out-dir", default=os.environ.get("MDFE_MODEL_DIR", "models"))
    p.add_argument("--self-test", action="store_true", help="export stand-ins of all types and check")
    args = p.parse_args(argv)
    if args.self_test:
        with tempfile.TemporaryDirectory() as tmp:
            self_test(tmp)
        return 0
    if not args.type or not args.model_name:
        p.error("--type and --model-name are required (or use --self-test)")
    target, sidecar, _, _ = export(args.type, args.model_name, args.weights, args.proj_layer,
                                   args.out_dir)
    print(f"wrote {target}/model.pt (output_dim {sidecar['output_dim']}, "
          f"image_size {sidecar['image_size']})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
