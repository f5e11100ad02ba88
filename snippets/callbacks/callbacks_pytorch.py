"""Early stopping and a learning-rate schedule in PyTorch: torch.optim.lr_scheduler sets the
rate, and early stopping is a few lines in the training loop."""
import copy

import numpy as np
import torch
from torch import nn

device = torch.accelerator.current_accelerator() if torch.accelerator.is_available() else torch.device("cpu")
print("device:", device)

# The same data in every tab: 32 points, 8 features, only 3 of which matter, plus noise.
# The last 8 points (25 %) are the validation set; 24 points overfit after a few epochs.
rng = np.random.default_rng(38)
x = rng.normal(size=(32, 8)).astype("float32")
y = (x @ np.array([1.0, -1.0, 0.5, 0, 0, 0, 0, 0]) + 0.5 * rng.normal(size=32)).astype("float32")
x_train, y_train = torch.from_numpy(x[:24]).to(device), torch.from_numpy(y[:24, None]).to(device)
x_val, y_val = torch.from_numpy(x[24:]).to(device), torch.from_numpy(y[24:, None]).to(device)

model = nn.Linear(8, 1).to(device)
nn.init.zeros_(model.weight)
nn.init.zeros_(model.bias)
optimizer = torch.optim.SGD(model.parameters(), lr=0.1)
scheduler = torch.optim.lr_scheduler.StepLR(optimizer, step_size=4, gamma=0.5)  # (1)!
loss_fn = nn.MSELoss()

patience, wait, best_loss, best_epoch, best_state = 3, 0, float("inf"), 0, None
rates, val_losses = [], []
for epoch in range(1, 101):
    rates.append(scheduler.get_last_lr()[0])
    model.train()
    loss = loss_fn(model(x_train), y_train)
    optimizer.zero_grad()
    loss.backward()
    optimizer.step()
    scheduler.step()  # (2)!
    model.eval()
    with torch.no_grad():
        val_losses.append(loss_fn(model(x_val), y_val).item())
    if val_losses[-1] < best_loss:  # (3)!
        best_loss, best_epoch, wait = val_losses[-1], epoch, 0
        best_state = copy.deepcopy(model.state_dict())
    else:
        wait += 1
        if wait >= patience:
            break
model.load_state_dict(best_state)  # (4)!

print("learning rates:", [round(lr, 4) for lr in rates])
print("val losses:", [round(v, 4) for v in val_losses])
print("stopped after epoch:", epoch, "| best epoch:", best_epoch)
with torch.no_grad():
    restored = loss_fn(model(x_val), y_val).item()
print("restored best val loss:", round(restored, 4))
print("restored weights give the best val loss:", bool(np.isclose(restored, best_loss, atol=1e-6)))
