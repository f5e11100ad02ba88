"""Mixed precision in PyTorch: torch.autocast runs matmuls in bfloat16 while the parameters
stay float32."""
import numpy as np
import torch
from torch import nn

device = torch.accelerator.current_accelerator() if torch.accelerator.is_available() else torch.device("cpu")
print("device:", device)

# The same inputs and weights in every tab: 4 rows of 64 features -> 8 outputs
rng = np.random.default_rng(0)
x = rng.normal(size=(4, 64)).astype("float32")
w = (rng.normal(size=(64, 8)) / 8).astype("float32")

layer = nn.Linear(64, 8, bias=False)
with torch.no_grad():
    layer.weight.copy_(torch.from_numpy(w.T))  # nn.Linear keeps its weight as (out, in)
layer = layer.to(device)
features = torch.from_numpy(x).to(device)

with torch.no_grad():
    reference = layer(features)  # float32 everywhere
with torch.autocast(device.type, dtype=torch.bfloat16):  # (1)!
    compute_dtype = torch.get_autocast_dtype(device.type)
    out = layer(features)  # (2)!
out.float().sum().backward()


def name(dtype):
    return str(dtype).removeprefix("torch.")


print("variable dtype:", name(layer.weight.dtype))
print("compute dtype:", name(compute_dtype))
print("output dtype:", name(out.dtype))
print("gradient dtype:", name(layer.weight.grad.dtype))
print("float32 row 0: ", [round(v, 3) for v in reference[0, :4].tolist()])
print("bfloat16 row 0:", [round(v, 3) for v in out.float()[0, :4].tolist()])
error = (out.float() - reference).abs().max().item()  # (3)!
print(f"max abs difference to float32: {error:.4f}")
print("within 0.05 of float32:", error < 0.05)
