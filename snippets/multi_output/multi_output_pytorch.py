"""Two outputs in PyTorch: forward() returns a dict; the losses are added before backward()."""
import numpy as np
import torch
from torch import nn

device = torch.device("cuda" if torch.cuda.is_available() else "cpu")
print("device:", device)
torch.manual_seed(0)

# 512 samples, 8 features; a class (which of 3 projections is largest) and a number (their sum)
rng = np.random.default_rng(0)
x = rng.normal(size=(512, 8)).astype("float32")
projections = rng.normal(size=(8, 3)).astype("float32")
y_kind = np.argmax(x @ projections, axis=1)
y_amount = x.sum(axis=1, keepdims=True)


class TwoHeads(nn.Module):
    def __init__(self):
        super().__init__()
        self.trunk = nn.Sequential(nn.Linear(8, 32), nn.ReLU())
        self.kind = nn.Linear(32, 3)
        self.amount = nn.Linear(32, 1)

    def forward(self, x):
        h = self.trunk(x)
        return {"kind": self.kind(h), "amount": self.amount(h)}  # (1)!


model = TwoHeads().to(device)
optimizer = torch.optim.Adam(model.parameters(), lr=0.01)
data = torch.utils.data.TensorDataset(
    torch.from_numpy(x), torch.from_numpy(y_kind), torch.from_numpy(y_amount))
loader = torch.utils.data.DataLoader(data, batch_size=32, shuffle=True,
                                     generator=torch.Generator().manual_seed(0))

for epoch in range(20):
    for xb, kb, ab in loader:
        xb, kb, ab = xb.to(device), kb.to(device), ab.to(device)
        out = model(xb)
        kind_loss = nn.functional.cross_entropy(out["kind"], kb)
        amount_loss = nn.functional.mse_loss(out["amount"], ab)
        loss = kind_loss + 0.5 * amount_loss  # (2)!
        optimizer.zero_grad()
        loss.backward()
        optimizer.step()

model.eval()
with torch.no_grad():
    out = model(torch.from_numpy(x).to(device))
    accuracy = (out["kind"].argmax(dim=1).cpu().numpy() == y_kind).mean()
    first_four = model(torch.from_numpy(x[:4]).to(device))
shapes = {k: tuple(v.shape) for k, v in sorted(first_four.items())}
print(f"{'loss':<14} {loss.item():.3f}")  # last batch
print(f"{'kind_loss':<14} {kind_loss.item():.3f}")
print(f"{'amount_loss':<14} {amount_loss.item():.3f}")
print(f"{'kind_accuracy':<14} {accuracy:.3f}")
print("outputs:", shapes)
