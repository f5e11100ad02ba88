"""Training and inference mode in PyTorch: model.train() and model.eval() switch Dropout and BatchNorm."""
import numpy as np
import torch
from torch import nn

device = torch.accelerator.current_accelerator() if torch.accelerator.is_available() else torch.device("cpu")
print("device:", device)
torch.manual_seed(0)

ones = torch.ones(1, 8, device=device)
rng = np.random.default_rng(0)  # a batch of 16 samples with 3 features, the same in every tab
x_np = rng.normal(loc=[1.0, 2.0, 3.0], scale=[0.5, 1.0, 2.0], size=(16, 3)).astype("float32")
x = torch.from_numpy(x_np).to(device)

model = nn.ModuleDict({
    "dropout": nn.Dropout(p=0.5),
    "norm": nn.BatchNorm1d(3, momentum=0.1, eps=1e-5),  # (1)!
}).to(device)
print("a new module starts in training mode:", model.training)  # (2)!

with torch.no_grad():
    model.train()  # training mode, for every submodule
    d1 = model["dropout"](ones).cpu().numpy()
    d2 = model["dropout"](ones).cpu().numpy()
    y_train = model["norm"](x).cpu().numpy()  # (3)!

    model.eval()  # inference mode, for every submodule
    i1 = model["dropout"](ones).cpu().numpy()
    i2 = model["dropout"](ones).cpu().numpy()
    y_infer = model["norm"](x).cpu().numpy()

print("dropout, training call 1:", d1[0].tolist())
print("dropout, training call 2:", d2[0].tolist())
print("dropout, inference:", i1[0].tolist())
print("values in training mode:", sorted(set(d1.ravel().tolist() + d2.ravel().tolist())))
print("training calls differ:", not np.array_equal(d1, d2))
print("inference is deterministic:", np.array_equal(i1, i2) and np.array_equal(i1, ones.cpu().numpy()))

moving_mean = model["norm"].running_mean.cpu().numpy()
moving_var = model["norm"].running_var.cpu().numpy()  # (4)!
print("batch mean:", [round(v, 4) for v in x_np.mean(axis=0).tolist()])
print("moving mean after one training call:", [round(v, 4) for v in moving_mean.tolist()])
print("moving variance after one training call:", [round(v, 4) for v in moving_var.tolist()])
batch_stats = (x_np - x_np.mean(axis=0)) / np.sqrt(x_np.var(axis=0) + 1e-5)
moving_stats = (x_np - moving_mean) / np.sqrt(moving_var + 1e-5)
print("training uses batch statistics:", np.allclose(y_train, batch_stats, atol=1e-4))
print("inference uses moving statistics:", np.allclose(y_infer, moving_stats, atol=1e-4))
