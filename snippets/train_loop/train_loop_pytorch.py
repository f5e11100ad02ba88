"""A training loop in PyTorch: DataLoader batches, forward, backward, optimizer step."""
import numpy as np
import torch
from torch import nn

device = torch.accelerator.current_accelerator() if torch.accelerator.is_available() else torch.device("cpu")
print("device:", device)
torch.manual_seed(0)

# y = 3x - 2 plus noise; the loop should find w close to 3 and b close to -2
rng = np.random.default_rng(0)
x = rng.uniform(-1, 1, size=(256, 1)).astype("float32")
y = (3 * x - 2 + rng.normal(scale=0.1, size=(256, 1))).astype("float32")
loader = torch.utils.data.DataLoader(  # (1)!
    torch.utils.data.TensorDataset(torch.from_numpy(x), torch.from_numpy(y)),
    batch_size=32, shuffle=True, generator=torch.Generator().manual_seed(0))

model = nn.Linear(1, 1).to(device)
nn.init.zeros_(model.weight)
nn.init.zeros_(model.bias)
optimizer = torch.optim.SGD(model.parameters(), lr=0.1)
loss_fn = nn.MSELoss()

for epoch in range(1, 21):
    model.train()
    losses = []
    for xb, yb in loader:
        xb, yb = xb.to(device), yb.to(device)  # (2)!
        loss = loss_fn(model(xb), yb)
        optimizer.zero_grad()  # (3)!
        loss.backward()
        optimizer.step()
        losses.append(loss.item())
    if epoch in (1, 5, 10, 20):
        print(f"epoch {epoch:2d}  loss {np.mean(losses):.4f}")
print(f"w = {model.weight.item():.3f}, b = {model.bias.item():.3f}")
