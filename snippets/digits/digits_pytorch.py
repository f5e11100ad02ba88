"""Handwritten digits in PyTorch: the same MLP as an nn.Sequential and a plain loop."""
import numpy as np
import torch
from sklearn.datasets import load_digits
from sklearn.model_selection import train_test_split
from torch import nn

device = torch.accelerator.current_accelerator() if torch.accelerator.is_available() else torch.device("cpu")
print("device:", device)
torch.manual_seed(0)

digits = load_digits()  # (1)!
x = (digits.data / 16.0).astype("float32")  # 1797 images, 64 pixels each, scaled to 0..1
x_train, x_test, y_train, y_test = train_test_split(
    x, digits.target, test_size=0.25, random_state=0, stratify=digits.target)  # (2)!
print("train:", x_train.shape, "test:", x_test.shape)

model = nn.Sequential(nn.Linear(64, 64), nn.ReLU(), nn.Linear(64, 10)).to(device)
for layer in model[::2]:  # Keras' default initializer, in all three tabs
    nn.init.xavier_uniform_(layer.weight)
    nn.init.zeros_(layer.bias)
optimizer = torch.optim.Adam(model.parameters(), lr=1e-3, eps=1e-7)
loader = torch.utils.data.DataLoader(
    torch.utils.data.TensorDataset(torch.from_numpy(x_train), torch.from_numpy(y_train)),
    batch_size=64, shuffle=True, generator=torch.Generator().manual_seed(0))

for epoch in range(1, 31):
    model.train()
    losses = []
    for xb, yb in loader:
        loss = nn.functional.cross_entropy(model(xb.to(device)), yb.to(device))
        optimizer.zero_grad()
        loss.backward()
        optimizer.step()
        losses.append(loss.item())
    if epoch % 10 == 0:
        print(f"epoch {epoch}  loss {np.mean(losses):.4f}")

model.eval()
with torch.no_grad():  # (3)!
    predicted = model(torch.from_numpy(x_test).to(device)).argmax(dim=1).cpu().numpy()
print(f"test accuracy: {np.mean(predicted == y_test):.4f}")
print("first 10 predicted:", predicted[:10].tolist())
print("first 10 true:     ", y_test[:10].tolist())
