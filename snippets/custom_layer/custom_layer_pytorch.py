"""A custom layer and training step in PyTorch: an nn.Module with nn.Parameter, and a hand-written step."""
import numpy as np
import torch
from torch import nn

device = torch.accelerator.current_accelerator() if torch.accelerator.is_available() else torch.device("cpu")
print("device:", device)
torch.manual_seed(0)

# y = 2*x1 - x2 + 0.5 plus noise; the same data, in the same order, in every tab
rng = np.random.default_rng(0)
x = rng.normal(size=(256, 2)).astype("float32")
y = (x @ np.array([[2.0], [-1.0]]) + 0.5 + rng.normal(scale=0.1, size=(256, 1))).astype("float32")


class ScaledDense(nn.Module):
    """scale * (x @ kernel + bias), with a learnable scale per unit."""

    def __init__(self, n_in, units):
        super().__init__()
        self.kernel = nn.Parameter(torch.zeros(n_in, units))  # (1)!
        self.bias = nn.Parameter(torch.zeros(units))
        self.scale = nn.Parameter(torch.ones(units))

    def forward(self, x):
        return self.scale * (x @ self.kernel + self.bias)


class Regressor(nn.Module):
    def __init__(self):
        super().__init__()
        self.dense = ScaledDense(2, 1)

    def forward(self, x):
        return self.dense(x)


model = Regressor().to(device)
optimizer = torch.optim.SGD(model.parameters(), lr=0.1)


def train_step(xb, yb):  # (2)!
    optimizer.zero_grad()
    loss = nn.functional.mse_loss(model(xb), yb)
    loss.backward()
    optimizer.step()
    return loss.item()


loader = torch.utils.data.DataLoader(  # no shuffling: same order as the other tabs
    torch.utils.data.TensorDataset(torch.from_numpy(x), torch.from_numpy(y)), batch_size=32)
model.train()
for epoch in range(10):
    for xb, yb in loader:
        train_step(xb.to(device), yb.to(device))

print("trainable parameters:", sum(p.numel() for p in model.parameters() if p.requires_grad))
print("kernel:", [round(v, 3) for v in model.dense.kernel.detach().cpu().ravel().tolist()])  # (3)!
print("bias:", round(model.dense.bias.item(), 3))
print("scale:", round(model.dense.scale.item(), 3))
with torch.no_grad():
    final = nn.functional.mse_loss(model(torch.from_numpy(x).to(device)), torch.from_numpy(y).to(device))
print("final loss:", round(final.item(), 4))
