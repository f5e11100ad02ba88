"""An input pipeline in PyTorch: a Dataset gives samples, a DataLoader shuffles and batches."""
import numpy as np
import torch
from torch import nn

device = torch.accelerator.current_accelerator() if torch.accelerator.is_available() else torch.device("cpu")
print("device:", device)
torch.manual_seed(0)

# 1,000 samples: 8 "pixels" (uint8, 0-255) and a target y = x @ w + 0.5 + noise
rng = np.random.default_rng(0)
pixels = rng.integers(0, 256, size=(1000, 8), dtype=np.uint8)
w_true = rng.normal(size=(8, 1))
y = ((pixels / 127.5 - 1) @ w_true + 0.5 + rng.normal(scale=0.1, size=(1000, 1))).astype("float32")
batch_size = 64


class PixelDataset(torch.utils.data.Dataset):
    def __init__(self, pixels, y):
        self.pixels, self.y = pixels, y

    def __len__(self):  # number of samples
        return len(self.pixels)

    def __getitem__(self, i):  # (1)!
        x = torch.from_numpy(self.pixels[i]).float() / 127.5 - 1
        return x, torch.from_numpy(self.y[i])


loader = torch.utils.data.DataLoader(  # (2)!
    PixelDataset(pixels, y), batch_size=batch_size, shuffle=True,
    generator=torch.Generator().manual_seed(0))
print("batches per epoch:", len(loader))
xb, yb = next(iter(loader))
print("first batch: x", tuple(xb.shape), xb.dtype, "| y", tuple(yb.shape), yb.dtype)

# Every target is different, so the sorted targets of one epoch equal the sorted
# targets of the data exactly when each sample came once.
epoch_1 = torch.cat([yb for _, yb in loader]).numpy().ravel()
epoch_2 = torch.cat([yb for _, yb in loader]).numpy().ravel()
print("each sample once per epoch:", np.array_equal(np.sort(epoch_1), np.sort(y.ravel())))
print("new order each epoch:", not np.array_equal(epoch_1, epoch_2))

# The same tiny model in every tab: a linear layer from zeros, SGD with learning rate 0.1, MSE
model = nn.Linear(8, 1).to(device)
nn.init.zeros_(model.weight)
nn.init.zeros_(model.bias)
optimizer = torch.optim.SGD(model.parameters(), lr=0.1)
loss_fn = nn.MSELoss()

for epoch in range(5):
    for xb, yb in loader:
        xb, yb = xb.to(device), yb.to(device)  # (3)!
        loss = loss_fn(model(xb), yb)
        optimizer.zero_grad()
        loss.backward()
        optimizer.step()
with torch.no_grad():
    x_all = torch.from_numpy(pixels).float().to(device) / 127.5 - 1
    mse = loss_fn(model(x_all), torch.from_numpy(y).to(device)).item()
print("mse after 5 epochs:", round(mse, 4))
