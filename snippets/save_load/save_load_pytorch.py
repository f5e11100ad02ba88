"""Saving and loading in PyTorch: save the state_dict (the weights), rebuild the model in code,
load the weights into it."""
import tempfile
from pathlib import Path

import numpy as np
import torch
from torch import nn

device = torch.accelerator.current_accelerator() if torch.accelerator.is_available() else torch.device("cpu")
print("device:", device)
torch.manual_seed(0)
folder = Path(tempfile.mkdtemp(prefix="save-load-pytorch-"))  # a new folder for the files it writes

rng = np.random.default_rng(0)
x_np = rng.normal(size=(64, 4))
y_np = x_np @ np.array([[1.0], [-2.0], [0.5], [3.0]]) + rng.normal(scale=0.1, size=(64, 1))
x = torch.tensor(x_np, dtype=torch.float32, device=device)
y = torch.tensor(y_np, dtype=torch.float32, device=device)

model = nn.Linear(4, 1).to(device)
optimizer = torch.optim.SGD(model.parameters(), lr=0.1)
for _ in range(100):  # train a little
    loss = nn.functional.mse_loss(model(x), y)
    optimizer.zero_grad()
    loss.backward()
    optimizer.step()
print("trained, loss:", round(loss.item(), 4))
model.eval()
with torch.no_grad():
    before = model(x[:3])

torch.save(model.state_dict(), folder / "linear.pt")  # (1)!
fresh = nn.Linear(4, 1).to(device)  # (2)!
fresh.load_state_dict(torch.load(folder / "linear.pt", map_location=device, weights_only=True))  # (3)!
fresh.eval()
with torch.no_grad():
    after = fresh(x[:3])
print("state_dict:", list(model.state_dict()))
print("reloaded, same predictions:", torch.equal(after, before))

torch.save({"model": model.state_dict(), "optimizer": optimizer.state_dict()}, folder / "ckpt.pt")  # (4)!
print("checkpoint keys:", sorted(torch.load(folder / "ckpt.pt", weights_only=True)))
print("predictions:", [round(v, 3) for v in after.ravel().tolist()])
