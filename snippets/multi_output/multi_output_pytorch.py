"""Two outputs in PyTorch: forward() returns a dict; the losses are added before backward()."""
import numpy as np
import torch
from torch import nn

device = torch.accelerator.current_accelerator() if torch.accelerator.is_available() else torch.device("cpu")
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


def losses(out, kind, amount):
    kind_loss = nn.functional.cross_entropy(out["kind"], kind)
    amount_loss = nn.functional.mse_loss(out["amount"], amount)
    return kind_loss + 0.5 * amount_loss, kind_loss, amount_loss  # (2)!


model = TwoHeads().to(device)
for layer in (model.trunk[0], model.kind, model.amount):  # Keras' default initializer
    nn.init.xavier_uniform_(layer.weight)
    nn.init.zeros_(layer.bias)
optimizer = torch.optim.Adam(model.parameters(), lr=0.01, eps=1e-7)
data = torch.utils.data.TensorDataset(
    torch.from_numpy(x), torch.from_numpy(y_kind), torch.from_numpy(y_amount))
loader = torch.utils.data.DataLoader(data, batch_size=32, shuffle=True,
                                     generator=torch.Generator().manual_seed(0))

for epoch in range(20):
    for xb, kb, ab in loader:
        xb, kb, ab = xb.to(device), kb.to(device), ab.to(device)
        loss, _, _ = losses(model(xb), kb, ab)
        optimizer.zero_grad()
        loss.backward()
        optimizer.step()

model.eval()
with torch.no_grad():  # after training, on all 512 samples, as in the other tabs
    out = model(torch.from_numpy(x).to(device))
    loss, kind_loss, amount_loss = losses(
        out, torch.from_numpy(y_kind).to(device), torch.from_numpy(y_amount).to(device))
    accuracy = (out["kind"].argmax(dim=1).cpu().numpy() == y_kind).mean()
    first_four = model(torch.from_numpy(x[:4]).to(device))
shapes = {k: tuple(v.shape) for k, v in sorted(first_four.items())}
print(f"{'amount_loss':<14} {amount_loss.item():.3f}")
print(f"{'kind_accuracy':<14} {accuracy:.3f}")
print(f"{'kind_loss':<14} {kind_loss.item():.3f}")
print(f"{'loss':<14} {loss.item():.3f}")
print("outputs:", shapes)
