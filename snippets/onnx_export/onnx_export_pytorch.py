"""ONNX export in PyTorch: torch.onnx.export (torch.export underneath), onnxruntime runs it."""
import tempfile
from pathlib import Path

import numpy as np
import onnx
import onnxruntime as ort
import torch
from torch import nn

device = torch.accelerator.current_accelerator() if torch.accelerator.is_available() else torch.device("cpu")
print("device:", device)
folder = Path(tempfile.mkdtemp(prefix="onnx_export-pytorch-"))  # a new folder for the files

# The same weights in every tab: 4 features -> 8 ReLU units -> 3 logits
rng = np.random.default_rng(0)
w1, b1 = rng.normal(size=(4, 8)).astype("float32"), rng.normal(size=8).astype("float32")
w2, b2 = rng.normal(size=(8, 3)).astype("float32"), rng.normal(size=3).astype("float32")
x = rng.normal(size=(2, 4)).astype("float32")

model = nn.Sequential(nn.Linear(4, 8), nn.ReLU(), nn.Linear(8, 3))
with torch.no_grad():  # nn.Linear keeps its weight as (out, in): transpose
    for layer, w, b in ((model[0], w1, b1), (model[2], w2, b2)):
        layer.weight.copy_(torch.from_numpy(w.T))
        layer.bias.copy_(torch.from_numpy(b))
model = model.to(device).eval()
features = torch.from_numpy(x).to(device)
with torch.no_grad():
    expected = model(features).cpu().numpy()

program = torch.onnx.export(  # (1)!
    model, (features,), input_names=["features"], output_names=["logits"], opset_version=18,
    dynamic_shapes=({0: torch.export.Dim("batch")},), verbose=False)
program.save(folder / "classifier.onnx")  # (2)!

saved = onnx.load(folder / "classifier.onnx")
opset = next(o.version for o in saved.opset_import if o.domain in ("", "ai.onnx"))
dims = [d.dim_value or None for d in saved.graph.input[0].type.tensor_type.shape.dim]
print("opset:", opset, "| input:", saved.graph.input[0].name, dims)
print("ONNX ops:", [node.op_type for node in saved.graph.node])

session = ort.InferenceSession(folder / "classifier.onnx", providers=["CPUExecutionProvider"])  # (3)!
served = session.run(None, {"features": x})[0]
print("onnxruntime matches:", np.allclose(served, expected, rtol=1e-3, atol=1e-3))
print("logits:", [[round(float(v), 3) for v in row] for row in served])
