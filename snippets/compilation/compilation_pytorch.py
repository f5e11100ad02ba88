"""Compilation in PyTorch: torch.compile captures the model's graph (Dynamo) and compiles it
(Inductor: C++ on the CPU); the training loop stays ordinary Python."""
import copy

import numpy as np
import torch
from torch import nn

device = torch.accelerator.current_accelerator() if torch.accelerator.is_available() else torch.device("cpu")
print("device:", device)

# The same data and starting weights in every tab: 16 features -> 8 ReLU units -> 1 output
rng = np.random.default_rng(0)
x = rng.normal(size=(64, 16)).astype("float32")
y = (x[:, :1] - 0.5 * x[:, 1:2]).astype("float32")
w1, w2 = (0.3 * rng.normal(size=s).astype("float32") for s in ((16, 8), (8, 1)))

eager = nn.Sequential(nn.Linear(16, 8), nn.ReLU(), nn.Linear(8, 1))
with torch.no_grad():  # nn.Linear keeps its weight as (out, in): transpose
    for layer, w in ((eager[0], w1), (eager[2], w2)):
        layer.weight.copy_(torch.from_numpy(w.T))
        layer.bias.zero_()
eager = eager.to(device)
twin = copy.deepcopy(eager)  # the same weights, to be compiled
compiled = torch.compile(twin)  # (1)!
features, targets = torch.from_numpy(x).to(device), torch.from_numpy(y).to(device)


def train(model, params):
    optimizer = torch.optim.SGD(params, lr=0.05)
    losses = []
    for _ in range(3):
        batch_losses = []
        for start in range(0, 64, 16):
            loss = nn.functional.mse_loss(model(features[start:start + 16]),
                                          targets[start:start + 16])
            optimizer.zero_grad()
            loss.backward()  # (2)!
            optimizer.step()
            batch_losses.append(loss.item())
        losses.append(float(np.mean(batch_losses)))
    return losses


eager_losses = train(eager, eager.parameters())
compiled_losses = train(compiled, twin.parameters())
explained = torch._dynamo.explain(twin)(features[:16])  # (3)!
print("graphs:", explained.graph_count, "| graph breaks:", explained.graph_break_count)
print("losses:", [round(v, 4) for v in compiled_losses])
same_weights = all(torch.allclose(a, b, atol=1e-3)
                   for a, b in zip(twin.parameters(), eager.parameters(), strict=True))
print("compiled matches eager:", np.allclose(compiled_losses, eager_losses, atol=1e-3)
      and same_weights)
